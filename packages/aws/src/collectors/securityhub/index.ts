import type { AwsCollector } from '../../context.ts';
import hub from './hub.collector.ts';

export const collectors: AwsCollector[] = [hub];
