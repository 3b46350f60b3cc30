import type { AwsCollector } from '../../context.ts';
import region from './region.collector.ts';

export const collectors: AwsCollector[] = [region];
