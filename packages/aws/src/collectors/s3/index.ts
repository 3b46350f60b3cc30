import type { AwsCollector } from '../../context.ts';
import accountPublicAccessBlock from './account-public-access-block.collector.ts';
import buckets from './buckets.collector.ts';

export const collectors: AwsCollector[] = [buckets, accountPublicAccessBlock];
