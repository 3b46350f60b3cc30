import type { AwsCollector } from '../../context.ts';
import session from './session.collector.ts';

export const collectors: AwsCollector[] = [session];
