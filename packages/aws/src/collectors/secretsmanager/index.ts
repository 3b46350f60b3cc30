import type { AwsCollector } from '../../context.ts';
import secrets from './secret.collector.ts';

export const collectors: AwsCollector[] = [secrets];
