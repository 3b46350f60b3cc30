import { CloudWatchLogsClient, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './metric-filters.collector.ts';

const logs = mockClient(CloudWatchLogsClient);

const filter = (logGroupName: string, filterName: string, filterPattern: string) => ({
  filterName,
  filterPattern,
  metricTransformations: [{ metricName: filterName, metricNamespace: 'CISBenchmark', metricValue: '1' }],
  creationTime: 1767225600000,
  logGroupName,
});

describe('cloudwatch-metric-filters collector', () => {
  beforeEach(() => logs.reset());

  it('groups filters by log group across pages', async () => {
    logs
      .on(DescribeMetricFiltersCommand)
      .resolvesOnce({
        metricFilters: [
          filter('CloudTrail/Default', 'RootAccountUsage', '{ $.userIdentity.type = "Root" }'),
          filter('/app', 'Errors', 'ERROR'),
        ],
        nextToken: 'page-2',
      })
      .resolvesOnce({ metricFilters: [filter('CloudTrail/Default', 'CloudTrailConfigChanges', '{ $.eventName = StopLogging }')] });
    const { resources } = await collect(collector);
    expect(logs.commandCalls(DescribeMetricFiltersCommand)[1]?.args[0].input).toMatchObject({ nextToken: 'page-2' });
    expect(resources.map((r) => r.name)).toEqual(['CloudTrail/Default', '/app']);
    expect(resources[0]?.id).toBe('arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/Default:metric-filter');
    expect(resources[0]?.attributes).toEqual({
      logGroupName: 'CloudTrail/Default',
      metricFilters: [
        {
          filterName: 'RootAccountUsage',
          filterPattern: '{ $.userIdentity.type = "Root" }',
          metricTransformations: [{ metricName: 'RootAccountUsage', metricNamespace: 'CISBenchmark' }],
        },
        {
          filterName: 'CloudTrailConfigChanges',
          filterPattern: '{ $.eventName = StopLogging }',
          metricTransformations: [{ metricName: 'CloudTrailConfigChanges', metricNamespace: 'CISBenchmark' }],
        },
      ],
    });
  });

  it('yields nothing for a region without filters', async () => {
    logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });
    const { resources } = await collect(collector);
    expect(resources).toEqual([]);
  });

  it('rejects when the listing is denied', async () => {
    logs.on(DescribeMetricFiltersCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: logs:DescribeMetricFilters'));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('retries throttling', async () => {
    logs
      .on(DescribeMetricFiltersCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .resolves({ metricFilters: [filter('/app', 'Errors', 'ERROR')] });
    const { resources, stats } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
  });

  it('makes only the listing call (no enrichment attributes)', async () => {
    logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [filter('/app', 'Errors', 'ERROR')] });
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(1);
  });
});
