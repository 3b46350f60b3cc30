import type { AwsCollector } from '../../context.ts';
import detector from './detector.collector.ts';

export const collectors: AwsCollector[] = [detector];
