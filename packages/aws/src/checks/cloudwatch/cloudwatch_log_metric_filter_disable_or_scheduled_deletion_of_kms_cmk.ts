import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.7. */
export default defineMonitoringCheck({
  id: 'cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk',
  title: 'A CloudWatch metric filter and alarm exist for disabling or scheduled deletion of KMS keys',
  subject: 'disabling or scheduled deletion of KMS keys',
  metricName: 'DisableOrDeleteCMK',
  pattern:
    '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
  description:
    'Checks that disabling a customer managed KMS key or scheduling its deletion is counted and alarmed on.',
  risk:
    'Data encrypted under a deleted key is lost for good, and a disabled key stops every workload using it; an alert leaves time to cancel the deletion during its waiting period.',
});
