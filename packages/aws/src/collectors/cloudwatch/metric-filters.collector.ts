import { CloudWatchLogsClient, paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import { defineAwsCollector } from '../../context.ts';
import type { MetricFilter, MetricFiltersAttributes } from '../../resources/cloudwatch.ts';

/**
 * CloudWatch Logs metric filters of a region, grouped by log group (`AwsLogsMetricFilters`,
 * one per log group that has filters), from the paginated `DescribeMetricFilters`.
 */
export default defineAwsCollector({
  id: 'cloudwatch-metric-filters',
  service: 'cloudwatch',
  resourceType: 'AwsLogsMetricFilters',
  scope: 'regional',
  calls: [{ api: 'DescribeMetricFilters', action: 'logs:DescribeMetricFilters' }],
  attributes: { logGroupName: {}, metricFilters: {} },
  async *collect(ctx) {
    const logs = ctx.client(CloudWatchLogsClient);
    const byGroup = new Map<string, MetricFilter[]>();
    for await (const page of paginateDescribeMetricFilters({ client: logs }, {})) {
      for (const f of page.metricFilters ?? []) {
        if (!f.logGroupName) continue;
        const list = byGroup.get(f.logGroupName) ?? [];
        list.push({
          filterName: f.filterName ?? '',
          filterPattern: f.filterPattern ?? '',
          metricTransformations: (f.metricTransformations ?? []).map((m) => ({
            metricName: m.metricName ?? '',
            metricNamespace: m.metricNamespace ?? '',
          })),
        });
        byGroup.set(f.logGroupName, list);
      }
    }
    for (const [logGroupName, metricFilters] of byGroup) {
      yield ctx.resource<Partial<MetricFiltersAttributes>>({
        id: ctx.arn('logs', `log-group:${logGroupName}:metric-filter`),
        name: logGroupName,
        attributes: { logGroupName, metricFilters },
      });
    }
  },
});
