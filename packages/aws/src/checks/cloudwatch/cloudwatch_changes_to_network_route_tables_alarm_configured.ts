import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.13. */
export default defineMonitoringCheck({
  id: 'cloudwatch_changes_to_network_route_tables_alarm_configured',
  title: 'A CloudWatch metric filter and alarm exist for route table changes',
  subject: 'route table changes',
  metricName: 'RouteTableChanges',
  pattern:
    '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }',
  requiredPattern:
    '{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }',
  description:
    'Checks that creating, changing and deleting route tables, routes and their associations is counted and alarmed on (the ec2.amazonaws.com event source condition is optional, as in earlier CIS versions).',
  risk:
    'A changed route can send a subnet\'s traffic through an attacker-controlled instance or straight to the internet, bypassing inspection.',
});
