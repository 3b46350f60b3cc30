import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.12. */
export default defineMonitoringCheck({
  id: 'cloudwatch_changes_to_network_gateways_alarm_configured',
  title: 'A CloudWatch metric filter and alarm exist for network gateway changes',
  subject: 'network gateway changes',
  metricName: 'NetworkGatewayChanges',
  pattern:
    '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
  description:
    'Checks that creating, deleting, attaching and detaching internet and customer gateways is counted and alarmed on.',
  risk:
    'Gateways decide which networks can reach a VPC; attaching an internet gateway to a private VPC or adding a customer gateway opens a new path in or out for data.',
});
