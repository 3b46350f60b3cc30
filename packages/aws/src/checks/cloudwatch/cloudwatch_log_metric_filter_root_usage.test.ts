import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_log_metric_filter_root_usage.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    variant:
      '{($.eventType!=\'AwsServiceEvent\')||($.userIdentity.invokedBy NOT EXISTS)||($.userIdentity.type=\'Root\')}',
    incomplete:
      '{ ($.userIdentity.type = "Root") || ($.userIdentity.invokedBy NOT EXISTS) }',
  }),
);
