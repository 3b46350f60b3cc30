import type { AwsCollector } from '../../context.ts';
import organization from './organization.collector.ts';

export const collectors: AwsCollector[] = [organization];
