import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.5. */
export default defineMonitoringCheck({
  id: 'cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled',
  title: 'A CloudWatch metric filter and alarm exist for CloudTrail configuration changes',
  subject: 'CloudTrail configuration changes',
  metricName: 'CloudTrailConfigChanges',
  pattern:
    '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
  description:
    'Checks that creating, updating and deleting trails and starting or stopping their logging are counted and alarmed on.',
  risk:
    'Stopping or redirecting CloudTrail is a classic first step to act unseen; without an alarm, the gap in the audit trail is found only after the fact.',
});
