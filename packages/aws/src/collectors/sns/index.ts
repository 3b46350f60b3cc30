import type { AwsCollector } from '../../context.ts';
import topics from './topic.collector.ts';

export const collectors: AwsCollector[] = [topics];
