import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.9. */
export default defineMonitoringCheck({
  id: 'cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled',
  title: 'A CloudWatch metric filter and alarm exist for AWS Config configuration changes',
  subject: 'AWS Config configuration changes',
  metricName: 'AWSConfigChanges',
  pattern:
    '{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }',
  description:
    'Checks that stopping or changing the AWS Config recorder and delivery channel is counted and alarmed on.',
  risk:
    'Turning AWS Config off removes the record of how resources were configured over time, which hides later changes from compliance rules and investigations.',
});
