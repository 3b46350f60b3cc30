import type { AwsCollector } from '../../context.ts';
import recorders from './recorders.collector.ts';

export const collectors: AwsCollector[] = [recorders];
