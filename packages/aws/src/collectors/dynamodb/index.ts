import type { AwsCollector } from '../../context.ts';
import tables from './table.collector.ts';

export const collectors: AwsCollector[] = [tables];
