import type { AwsCollector } from '../../context.ts';
import accessPoints from './access-point.collector.ts';
import fileSystems from './file-system.collector.ts';

export const collectors: AwsCollector[] = [fileSystems, accessPoints];
