import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }',
    variant:
      '{($.eventName=\'PutConfigurationRecorder\')||($.eventName=\'PutDeliveryChannel\')||($.eventName=\'DeleteDeliveryChannel\')||($.eventName=\'StopConfigurationRecorder\')||($.eventSource=\'config.amazonaws.com\')}',
    incomplete:
      '{ ($.eventSource = config.amazonaws.com) || ($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) }',
  }),
);
