import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_log_metric_filter_unauthorized_api_calls.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    variant:
      '{($.errorCode=\'AccessDenied*\')||($.errorCode=\'*UnauthorizedOperation\')}',
    incomplete:
      '{ ($.errorCode = "*UnauthorizedOperation") }',
  }),
);
