import { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { defineAwsCollector } from '../../context.ts';
import type { AlarmAttributes, AlarmMetric } from '../../resources/cloudwatch.ts';

/** CloudWatch metric alarms (`AwsCloudWatchAlarm`, regional), from the paginated `DescribeAlarms`. */
export default defineAwsCollector({
  id: 'cloudwatch-alarms',
  service: 'cloudwatch',
  resourceType: 'AwsCloudWatchAlarm',
  scope: 'regional',
  calls: [{ api: 'DescribeAlarms', action: 'cloudwatch:DescribeAlarms' }],
  attributes: {
    namespace: {},
    metricName: {},
    metrics: {},
    actionsEnabled: {},
    alarmActions: {},
    okActions: {},
    insufficientDataActions: {},
    stateValue: {},
  },
  async *collect(ctx) {
    const cw = ctx.client(CloudWatchClient);
    for await (const page of paginateDescribeAlarms({ client: cw }, { AlarmTypes: ['MetricAlarm'], MaxRecords: 100 })) {
      for (const a of page.MetricAlarms ?? []) {
        if (!a.AlarmName) continue;
        const metrics: AlarmMetric[] = [];
        for (const q of a.Metrics ?? []) {
          const m = q.MetricStat?.Metric;
          if (m?.Namespace && m.MetricName) metrics.push({ namespace: m.Namespace, metricName: m.MetricName });
        }
        yield ctx.resource<Partial<AlarmAttributes>>({
          id: a.AlarmArn ?? ctx.arn('cloudwatch', `alarm:${a.AlarmName}`),
          name: a.AlarmName,
          attributes: {
            namespace: a.Namespace ?? null,
            metricName: a.MetricName ?? null,
            metrics,
            actionsEnabled: a.ActionsEnabled ?? false,
            alarmActions: a.AlarmActions ?? [],
            okActions: a.OKActions ?? [],
            insufficientDataActions: a.InsufficientDataActions ?? [],
            stateValue: a.StateValue ?? null,
          },
        });
      }
    }
  },
});
