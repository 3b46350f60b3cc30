import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_changes_to_network_gateways_alarm_configured.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
    variant:
      '{($.eventName=\'DetachInternetGateway\')||($.eventName=\'DeleteInternetGateway\')||($.eventName=\'CreateInternetGateway\')||($.eventName=\'AttachInternetGateway\')||($.eventName=\'DeleteCustomerGateway\')||($.eventName=\'CreateCustomerGateway\')}',
    incomplete:
      '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) }',
  }),
);
