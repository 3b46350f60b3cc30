import type { AwsCollector } from '../../context.ts';
import functions from './function.collector.ts';

export const collectors: AwsCollector[] = [functions];
