import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_log_metric_filter_sign_in_without_mfa.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    variant:
      '{($.additionalEventData.MFAUsed!=\'Yes\')||($.eventName=\'ConsoleLogin\')}',
    incomplete:
      '{ ($.eventName = "ConsoleLogin") }',
  }),
);
