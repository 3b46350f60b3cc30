import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_changes_to_network_route_tables_alarm_configured.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }',
    variant:
      '{($.eventName=\'DisassociateRouteTable\')||($.eventName=\'DeleteRoute\')||($.eventName=\'DeleteRouteTable\')||($.eventName=\'ReplaceRouteTableAssociation\')||($.eventName=\'ReplaceRoute\')||($.eventName=\'CreateRouteTable\')||($.eventName=\'CreateRoute\')}',
    incomplete:
      '{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) }',
  }),
);
