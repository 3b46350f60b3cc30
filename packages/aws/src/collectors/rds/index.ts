import type { AwsCollector } from '../../context.ts';
import clusters from './clusters.collector.ts';
import instances from './instances.collector.ts';
import snapshots from './snapshots.collector.ts';

export const collectors: AwsCollector[] = [instances, clusters, snapshots];
