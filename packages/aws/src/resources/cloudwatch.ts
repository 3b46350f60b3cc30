/** Attribute shapes of CloudWatch and CloudWatch Logs resources, as the collectors produce them. */

/** A metric an alarm watches. */
export interface AlarmMetric {
  namespace: string;
  metricName: string;
}

/** `AwsCloudWatchAlarm`: a metric alarm. */
export interface AlarmAttributes {
  /** The metric of a single-metric alarm; `null` for metric-math alarms. */
  namespace: string | null;
  metricName: string | null;
  /** The metrics a metric-math alarm reads (empty for single-metric alarms). */
  metrics: AlarmMetric[];
  actionsEnabled: boolean;
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
  /** `OK`, `ALARM` or `INSUFFICIENT_DATA`. */
  stateValue: string | null;
}

/** `AwsLogsLogGroup`: a CloudWatch Logs log group. */
export interface LogGroupAttributes {
  /** Days the events are kept; `null` = never expire. */
  retentionInDays: number | null;
  /** KMS key ARN encrypting the group, `null` when AWS-owned keys are used. */
  kmsKeyId: string | null;
  /** `STANDARD`, `INFREQUENT_ACCESS` or `DELIVERY`. */
  logGroupClass: string | null;
  storedBytes: number | null;
  /** ISO 8601. */
  creationTime: string | null;
}

export interface MetricFilter {
  filterName: string;
  filterPattern: string;
  metricTransformations: { metricName: string; metricNamespace: string }[];
}

/** `AwsLogsMetricFilters`: the metric filters of one log group (log groups without filters have none). */
export interface MetricFiltersAttributes {
  logGroupName: string;
  metricFilters: MetricFilter[];
}

/**
 * `AwsCloudWatchAccountMonitoring`: one per account, no attributes of its own. The CIS
 * monitoring checks (metric filter + alarm on the CloudTrail log group) are evaluated on it.
 */
export type AccountMonitoringAttributes = Record<string, never>;
