import type { AwsCollector } from '../../context.ts';
import keys from './keys.collector.ts';

export const collectors: AwsCollector[] = [keys];
