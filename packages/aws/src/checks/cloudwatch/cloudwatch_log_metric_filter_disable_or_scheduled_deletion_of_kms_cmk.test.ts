import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
    variant:
      '{($.eventName=\'ScheduleKeyDeletion\')||($.eventName=\'DisableKey\')||($.eventSource=\'kms.amazonaws.com\')}',
    incomplete:
      '{ ($.eventSource = kms.amazonaws.com) || ($.eventName = DisableKey) }',
  }),
);
