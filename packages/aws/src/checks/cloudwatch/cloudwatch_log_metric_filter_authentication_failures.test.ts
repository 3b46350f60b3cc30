import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_log_metric_filter_authentication_failures.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    variant:
      '{($.errorMessage=\'Failed authentication\')||($.eventName=\'ConsoleLogin\')}',
    incomplete:
      '{ ($.eventName = ConsoleLogin) }',
  }),
);
