import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.10. */
export default defineMonitoringCheck({
  id: 'cloudwatch_log_metric_filter_security_group_changes',
  title: 'A CloudWatch metric filter and alarm exist for security group changes',
  subject: 'security group changes',
  metricName: 'SecurityGroupChanges',
  pattern:
    '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
  description:
    'Checks that creating, deleting and changing the rules of security groups is counted and alarmed on.',
  risk:
    'A rule opening a port to the internet is quick to add and easy to miss; without an alert, exposed instances and databases stay open until the next audit.',
});
