import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
    variant:
      '{($.eventName=\'StopLogging\')||($.eventName=\'StartLogging\')||($.eventName=\'DeleteTrail\')||($.eventName=\'UpdateTrail\')||($.eventName=\'CreateTrail\')}',
    incomplete:
      '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }',
  }),
);
