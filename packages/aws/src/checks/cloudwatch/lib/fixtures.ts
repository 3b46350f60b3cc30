/** Test fixtures shared by the CIS monitoring check tests. */
import type { Resource } from '@vigil/engine';
import { buildResource } from '@vigil/engine/testing';
import type { TrailAttributes, TrailEventSelectors } from '../../../resources/cloudtrail.ts';
import type { AccountMonitoringAttributes, AlarmAttributes, MetricFiltersAttributes } from '../../../resources/cloudwatch.ts';

export const ALL_MANAGEMENT: TrailEventSelectors = {
  basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] }],
  advanced: [],
};

export function trail(name: string, attrs: Partial<TrailAttributes> = {}, region = 'us-east-1'): Resource<TrailAttributes> {
  return buildResource<TrailAttributes>(
    'AwsCloudTrailTrail',
    {
      homeRegion: region,
      isMultiRegionTrail: true,
      isOrganizationTrail: false,
      includeGlobalServiceEvents: true,
      logFileValidationEnabled: true,
      kmsKeyId: null,
      s3BucketName: 'trail-bucket',
      s3KeyPrefix: null,
      snsTopicArn: null,
      cloudWatchLogsLogGroupArn: null,
      cloudWatchLogsRoleArn: null,
      hasCustomEventSelectors: false,
      hasInsightSelectors: false,
      status: { isLogging: true },
      eventSelectors: ALL_MANAGEMENT,
      insightSelectors: null,
      ...attrs,
    },
    { name, region, id: `arn:aws:cloudtrail:${region}:123456789012:trail/${name}` },
  );
}

/** A logging multi-region trail sending to `group` in us-east-1. */
export function monitoredTrail(o: { name?: string; group?: string; attrs?: Partial<TrailAttributes> } = {}) {
  const group = o.group ?? 'CloudTrail/Default';
  return trail(o.name ?? 'main', {
    cloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:123456789012:log-group:${group}:*`,
    ...o.attrs,
  });
}

export function filters(group: string, pattern: string, region = 'us-east-1', metricName = 'Metric') {
  return buildResource<MetricFiltersAttributes>(
    'AwsLogsMetricFilters',
    {
      logGroupName: group,
      metricFilters: [
        { filterName: 'cis-filter', filterPattern: pattern, metricTransformations: [{ metricName, metricNamespace: 'CISBenchmark' }] },
      ],
    },
    { name: group, region },
  );
}

export function alarm(o: Partial<AlarmAttributes> = {}, name = 'cis-alarm', region = 'us-east-1') {
  return buildResource<AlarmAttributes>(
    'AwsCloudWatchAlarm',
    {
      namespace: 'CISBenchmark',
      metricName: 'Metric',
      metrics: [],
      actionsEnabled: true,
      alarmActions: ['arn:aws:sns:us-east-1:123456789012:alerts'],
      okActions: [],
      insufficientDataActions: [],
      stateValue: 'OK',
      ...o,
    },
    { name, region },
  );
}

export const monitoring = () =>
  buildResource<AccountMonitoringAttributes>('AwsCloudWatchAccountMonitoring', {}, { name: '123456789012', region: 'global' });

/**
 * The PASS, FAIL and ERROR cases every CIS monitoring check shares, given its CIS pattern, the
 * same conditions written differently, and a pattern missing one required condition.
 */
export function monitoringCases(p: { pattern: string; variant: string; incomplete: string }) {
  const account = monitoring();
  const full = (pattern: string, a: Resource<AlarmAttributes> = alarm()) => ({
    AwsCloudTrailTrail: [monitoredTrail()],
    AwsLogsMetricFilters: [filters('CloudTrail/Default', pattern)],
    AwsCloudWatchAlarm: [a],
  });
  const withStatusError = monitoredTrail();
  withStatusError.errors = { status: { code: 'AccessDenied', message: 'not authorized' } };
  return {
    pass: [
      { name: 'CIS pattern with an alarm', resource: account, related: full(p.pattern), message: 'cis-alarm' },
      { name: 'same conditions, other spacing and quoting', resource: account, related: full(p.variant) },
    ],
    fail: [
      { name: 'no trail', resource: account, related: {}, message: 'no logging multi-region' },
      {
        name: 'trail not logging',
        resource: account,
        related: { ...full(p.pattern), AwsCloudTrailTrail: [monitoredTrail({ attrs: { status: { isLogging: false } } })] },
      },
      {
        name: 'single-region trail',
        resource: account,
        related: { ...full(p.pattern), AwsCloudTrailTrail: [monitoredTrail({ attrs: { isMultiRegionTrail: false } })] },
      },
      {
        name: 'trail without all management events',
        resource: account,
        related: {
          ...full(p.pattern),
          AwsCloudTrailTrail: [
            monitoredTrail({
              attrs: {
                eventSelectors: {
                  basic: [{ readWriteType: 'WriteOnly', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] }],
                  advanced: [],
                },
              },
            }),
          ],
        },
      },
      { name: 'trail without CloudWatch Logs', resource: account, related: { ...full(p.pattern), AwsCloudTrailTrail: [trail('main')] } },
      { name: 'pattern missing a condition', resource: account, related: full(p.incomplete), message: 'no metric filter' },
      { name: 'filter on another log group', resource: account, related: { ...full(p.pattern), AwsLogsMetricFilters: [filters('Other', p.pattern)] } },
      {
        name: 'no alarm on the metric',
        resource: account,
        related: { ...full(p.pattern), AwsCloudWatchAlarm: [alarm({ metricName: 'OtherMetric' })] },
        message: 'no alarm watches',
      },
      {
        name: 'alarm without action',
        resource: account,
        related: full(p.pattern, alarm({ alarmActions: [] })),
        message: 'no enabled alarm action',
      },
      { name: 'alarm with actions disabled', resource: account, related: full(p.pattern, alarm({ actionsEnabled: false })) },
    ],
    error: [
      {
        name: 'trail status not collected',
        resource: account,
        related: { ...full(p.pattern), AwsCloudTrailTrail: [withStatusError] },
        code: 'AccessDenied',
      },
    ],
  };
}
