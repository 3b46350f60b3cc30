import type { Check, CheckContext, CheckResult, Resource } from '@vigil/engine';
import { defineAwsCheck } from '../../../context.ts';
import type { TrailAttributes } from '../../../resources/cloudtrail.ts';
import type { AccountMonitoringAttributes, AlarmAttributes, MetricFiltersAttributes } from '../../../resources/cloudwatch.ts';
import { logsAllManagementEvents } from '../../cloudtrail/lib/selectors.ts';
import type { FilterTerm } from './filter-pattern.ts';
import { parseFilterTerms, patternCovers } from './filter-pattern.ts';

/** Region and name of the log group in a trail's `CloudWatchLogsLogGroupArn` (`…:log-group:NAME:*`). */
export function parseLogGroupArn(arn: string): { region: string; account: string; name: string } | undefined {
  const m = /^arn:[^:]+:logs:([^:]*):([^:]*):log-group:(.+?)(?::\*)?$/.exec(arn);
  if (!m) return undefined;
  return { region: m[1] ?? '', account: m[2] ?? '', name: m[3] ?? '' };
}

/** True when the alarm watches `namespace`/`metricName` and has an enabled action for the ALARM state. */
function alarmWatches(a: Resource<AlarmAttributes>, namespace: string, metricName: string): boolean {
  const x = a.attributes;
  return (x.namespace === namespace && x.metricName === metricName) || x.metrics.some((m) => m.namespace === namespace && m.metricName === metricName);
}
const alarmNotifies = (a: Resource<AlarmAttributes>) => a.attributes.actionsEnabled && a.attributes.alarmActions.length > 0;

export const MONITORING_USES = {
  AwsCloudTrailTrail: ['isMultiRegionTrail', 'cloudWatchLogsLogGroupArn', 'status', 'eventSelectors'],
  AwsLogsMetricFilters: ['logGroupName', 'metricFilters'],
  AwsCloudWatchAlarm: ['namespace', 'metricName', 'metrics', 'actionsEnabled', 'alarmActions'],
} as const;

/**
 * The CIS monitoring recipe: a multi-region trail that is logging all management events sends
 * them to a CloudWatch Logs group; that group has a metric filter covering `required`; an alarm
 * with an enabled action watches the filter's metric (in the log group's region).
 */
export function evaluateMonitoring(
  account: Resource<AccountMonitoringAttributes>,
  ctx: CheckContext<Record<string, never>>,
  required: readonly FilterTerm[],
  subject: string,
): CheckResult {
  const trails = ctx
    .related<TrailAttributes>('AwsCloudTrailTrail')
    .filter(
      (t) =>
        t.attributes.isMultiRegionTrail &&
        t.attributes.status.isLogging &&
        t.attributes.cloudWatchLogsLogGroupArn &&
        logsAllManagementEvents(t.attributes.eventSelectors),
    );
  if (trails.length === 0) {
    return {
      status: 'FAIL',
      message: `Account ${account.name} has no logging multi-region CloudTrail trail recording all management events to CloudWatch Logs, so ${subject} cannot be monitored.`,
    };
  }
  const filterSets = ctx.related<MetricFiltersAttributes>('AwsLogsMetricFilters');
  const alarms = ctx.related<AlarmAttributes>('AwsCloudWatchAlarm');
  const groups: string[] = [];
  let unalarmed: string | undefined;
  for (const trail of trails) {
    const group = parseLogGroupArn(trail.attributes.cloudWatchLogsLogGroupArn ?? '');
    if (!group) continue;
    groups.push(group.name);
    const set = filterSets.find((s) => s.region === group.region && s.attributes.logGroupName === group.name);
    for (const filter of set?.attributes.metricFilters ?? []) {
      if (!patternCovers(filter.filterPattern, required)) continue;
      for (const metric of filter.metricTransformations) {
        const watching = alarms.filter((a) => a.region === group.region && alarmWatches(a, metric.metricNamespace, metric.metricName));
        const alarm = watching.find(alarmNotifies);
        if (alarm) {
          return {
            status: 'PASS',
            message: `Account ${account.name} monitors ${subject}: metric filter ${filter.filterName} on log group ${group.name} (trail ${trail.name}) feeds metric ${metric.metricNamespace}/${metric.metricName}, watched by alarm ${alarm.name}.`,
          };
        }
        unalarmed ??=
          watching.length > 0
            ? `metric filter ${filter.filterName} on log group ${group.name} matches ${subject}, but alarm ${watching.map((a) => a.name).join(', ')} on metric ${metric.metricNamespace}/${metric.metricName} has no enabled alarm action`
            : `metric filter ${filter.filterName} on log group ${group.name} matches ${subject}, but no alarm watches metric ${metric.metricNamespace}/${metric.metricName}`;
      }
    }
  }
  if (unalarmed) return { status: 'FAIL', message: `Account ${account.name}: ${unalarmed}.` };
  return {
    status: 'FAIL',
    message: `Account ${account.name} has no metric filter matching ${subject} on the CloudTrail log group ${[...new Set(groups)].join(', ')}.`,
  };
}

export interface MonitoringCheckSpec {
  id: string;
  title: string;
  /** What is monitored, for messages: "unauthorized API calls". */
  subject: string;
  /** The CIS filter pattern (shown in the remediation). */
  pattern: string;
  /** The terms a filter must have, when fewer than the whole CIS pattern (default: every term of `pattern`). */
  requiredPattern?: string;
  /** Metric name used in the remediation snippets. */
  metricName: string;
  description: string;
  risk: string;
}

/** Defines one of the CIS 4.x monitoring checks (metric filter and alarm on the CloudTrail log group). */
export function defineMonitoringCheck(spec: MonitoringCheckSpec): Check {
  const required = parseFilterTerms(spec.requiredPattern ?? spec.pattern);
  if (required.length === 0) throw new Error(`${spec.id}: the CIS pattern has no terms`);
  const pattern = spec.pattern.replace(/'/g, "'\\''");
  return defineAwsCheck<AccountMonitoringAttributes>({
    id: spec.id,
    service: 'cloudwatch',
    title: spec.title,
    severity: 'medium',
    resourceType: 'AwsCloudWatchAccountMonitoring',
    requires: [],
    uses: MONITORING_USES,
    categories: ['logging'],
    description: `${spec.description} Passes when a logging multi-region trail that records all management events sends them to a CloudWatch Logs group with a metric filter containing every condition of \`${spec.requiredPattern ?? spec.pattern}\` (in any order, spacing or quoting; extra conditions allowed), and an alarm with an enabled action watches that filter's metric.`,
    risk: spec.risk,
    remediation: {
      recommendation: `On the log group of a multi-region trail, create a metric filter with the CIS pattern for ${spec.subject} and an alarm on its metric that notifies an SNS topic with subscribers.`,
      cli: [
        `aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name ${spec.metricName} --metric-transformations metricName=${spec.metricName},metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '${pattern}'`,
        `aws cloudwatch put-metric-alarm --alarm-name ${spec.metricName} --metric-name ${spec.metricName} --namespace CISBenchmark --statistic Sum --period 300 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --alarm-actions <sns-topic-arn>`,
      ].join('\n'),
      terraform: [
        `resource "aws_cloudwatch_log_metric_filter" "${spec.metricName}" {`,
        `  name           = "${spec.metricName}"`,
        `  log_group_name = aws_cloudwatch_log_group.trail.name`,
        `  pattern        = ${JSON.stringify(spec.pattern)}`,
        `  metric_transformation {`,
        `    name      = "${spec.metricName}"`,
        `    namespace = "CISBenchmark"`,
        `    value     = "1"`,
        `  }`,
        `}`,
        ``,
        `resource "aws_cloudwatch_metric_alarm" "${spec.metricName}" {`,
        `  alarm_name          = "${spec.metricName}"`,
        `  metric_name         = "${spec.metricName}"`,
        `  namespace           = "CISBenchmark"`,
        `  statistic           = "Sum"`,
        `  period              = 300`,
        `  evaluation_periods  = 1`,
        `  threshold           = 1`,
        `  comparison_operator = "GreaterThanOrEqualToThreshold"`,
        `  alarm_actions       = [aws_sns_topic.security_alerts.arn]`,
        `}`,
      ].join('\n'),
      console:
        'CloudWatch console → Log groups → the trail log group → Metric filters → Create metric filter (paste the pattern) → then Alarms → Create alarm on the new metric with an SNS notification.',
      url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
    },
    evaluate: (account, ctx) => evaluateMonitoring(account, ctx, required, spec.subject),
  });
}
