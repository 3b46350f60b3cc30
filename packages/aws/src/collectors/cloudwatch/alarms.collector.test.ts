import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './alarms.collector.ts';

const cw = mockClient(CloudWatchClient);

const ROOT = {
  AlarmName: 'RootAccountUsage',
  AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:RootAccountUsage',
  ActionsEnabled: true,
  OKActions: [],
  AlarmActions: ['arn:aws:sns:us-east-1:123456789012:security-alerts'],
  InsufficientDataActions: [],
  StateValue: 'OK' as const,
  MetricName: 'RootAccountUsage',
  Namespace: 'CISBenchmark',
  Statistic: 'Sum' as const,
  Dimensions: [],
  Period: 300,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold' as const,
};
const MATH = {
  AlarmName: 'ErrorRate',
  AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ErrorRate',
  ActionsEnabled: false,
  AlarmActions: [],
  StateValue: 'INSUFFICIENT_DATA' as const,
  Metrics: [
    { Id: 'e1', Expression: 'm1/m2', ReturnData: true },
    { Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5XXError' }, Period: 60, Stat: 'Sum' }, ReturnData: false },
    { Id: 'm2', MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count' }, Period: 60, Stat: 'Sum' }, ReturnData: false },
  ],
  EvaluationPeriods: 5,
  Threshold: 0.05,
  ComparisonOperator: 'GreaterThanThreshold' as const,
};

describe('cloudwatch-alarms collector', () => {
  beforeEach(() => cw.reset());

  it('reads metric alarms across pages', async () => {
    cw.on(DescribeAlarmsCommand)
      .resolvesOnce({ MetricAlarms: [ROOT], CompositeAlarms: [], NextToken: 'page-2' })
      .resolvesOnce({ MetricAlarms: [MATH], CompositeAlarms: [] });
    const { resources } = await collect(collector);
    const calls = cw.commandCalls(DescribeAlarmsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input).toMatchObject({ AlarmTypes: ['MetricAlarm'] });
    expect(calls[1]?.args[0].input).toMatchObject({ NextToken: 'page-2' });
    expect(resources.map((r) => r.id)).toEqual([ROOT.AlarmArn, MATH.AlarmArn]);
    expect(resources[0]?.attributes).toEqual({
      namespace: 'CISBenchmark',
      metricName: 'RootAccountUsage',
      metrics: [],
      actionsEnabled: true,
      alarmActions: ['arn:aws:sns:us-east-1:123456789012:security-alerts'],
      okActions: [],
      insufficientDataActions: [],
      stateValue: 'OK',
    });
    expect(resources[1]?.attributes).toMatchObject({
      namespace: null,
      metricName: null,
      actionsEnabled: false,
      metrics: [
        { namespace: 'AWS/ApiGateway', metricName: '5XXError' },
        { namespace: 'AWS/ApiGateway', metricName: 'Count' },
      ],
    });
  });

  it('rejects when the listing is denied', async () => {
    cw.on(DescribeAlarmsCommand).rejects(awsError('AccessDenied', 'not authorized to perform: cloudwatch:DescribeAlarms', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('retries throttling', async () => {
    cw.on(DescribeAlarmsCommand).rejectsOnce(awsError('Throttling', 'Rate exceeded')).resolves({ MetricAlarms: [ROOT] });
    const { resources, stats } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
  });

  it('makes only the listing call (no enrichment attributes)', async () => {
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [ROOT, MATH] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(2);
    expect(stats.apiCalls).toBe(1);
  });
});
