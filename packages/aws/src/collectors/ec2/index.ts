import type { AwsCollector } from '../../context.ts';
import { computeCollectors } from './compute.ts';
import { networkCollectors } from './network.ts';

export const collectors: AwsCollector[] = [...computeCollectors, ...networkCollectors];
