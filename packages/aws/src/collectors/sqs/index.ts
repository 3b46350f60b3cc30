import type { AwsCollector } from '../../context.ts';
import queues from './queue.collector.ts';

export const collectors: AwsCollector[] = [queues];
