import type { Resource } from '@vigil/engine';
import { describe, expect, it } from 'vitest';
import { buildResource, runCheckCase } from '@vigil/engine/testing';
import { parseLogGroupArn } from './monitoring.ts';
import check from '../cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled.ts';
import { alarm, filters, monitoredTrail, monitoring } from './fixtures.ts';

const PATTERN = '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }';

const run = (related: Record<string, Resource<object>[]>) => runCheckCase(check, { name: 'x', resource: monitoring(), related });

describe('parseLogGroupArn', () => {
  it('reads region, account and name, with or without :*', () => {
    expect(parseLogGroupArn('arn:aws:logs:eu-west-1:123456789012:log-group:CloudTrail/Default:*')).toEqual({
      region: 'eu-west-1',
      account: '123456789012',
      name: 'CloudTrail/Default',
    });
    expect(parseLogGroupArn('arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:a:b')?.name).toBe('a:b');
    expect(parseLogGroupArn('not an arn')).toBeUndefined();
  });
});

describe('evaluateMonitoring', () => {
  it('requires the filter and the alarm in the log group region', () => {
    const f = run({
      AwsCloudTrailTrail: [monitoredTrail()],
      AwsLogsMetricFilters: [filters('CloudTrail/Default', PATTERN, 'eu-west-1')],
      AwsCloudWatchAlarm: [alarm()],
    });
    expect(f?.status).toBe('FAIL');
  });

  it('uses the alarm of a metric-math alarm', () => {
    const mathAlarm = buildResource('AwsCloudWatchAlarm', {
      namespace: null,
      metricName: null,
      metrics: [{ namespace: 'CISBenchmark', metricName: 'Metric' }],
      actionsEnabled: true,
      alarmActions: ['arn:aws:sns:us-east-1:123456789012:alerts'],
      okActions: [],
      insufficientDataActions: [],
      stateValue: 'OK',
    }, { name: 'math' });
    const f = run({
      AwsCloudTrailTrail: [monitoredTrail()],
      AwsLogsMetricFilters: [filters('CloudTrail/Default', PATTERN)],
      AwsCloudWatchAlarm: [mathAlarm],
    });
    expect(f?.status).toBe('PASS');
    expect(f?.message).toContain('math');
  });

  it('looks at every qualifying trail', () => {
    const f = run({
      AwsCloudTrailTrail: [monitoredTrail({ name: 'first', group: 'Other' }), monitoredTrail({ name: 'second' })],
      AwsLogsMetricFilters: [filters('CloudTrail/Default', PATTERN)],
      AwsCloudWatchAlarm: [alarm()],
    });
    expect(f?.status).toBe('PASS');
    expect(f?.message).toContain('second');
  });
});
