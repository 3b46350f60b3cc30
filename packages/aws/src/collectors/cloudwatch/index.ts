import type { AwsCollector } from '../../context.ts';
import accountMonitoring from './account-monitoring.collector.ts';
import alarms from './alarms.collector.ts';
import logGroups from './log-groups.collector.ts';
import metricFilters from './metric-filters.collector.ts';

export const collectors: AwsCollector[] = [alarms, logGroups, metricFilters, accountMonitoring];
