import type { AwsCollector } from '../../context.ts';
import regions from './regions.collector.ts';
import trails from './trails.collector.ts';

export const collectors: AwsCollector[] = [trails, regions];
