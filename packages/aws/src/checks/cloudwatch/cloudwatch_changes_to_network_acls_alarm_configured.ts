import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.11. */
export default defineMonitoringCheck({
  id: 'cloudwatch_changes_to_network_acls_alarm_configured',
  title: 'A CloudWatch metric filter and alarm exist for network ACL changes',
  subject: 'network ACL changes',
  metricName: 'NACLChanges',
  pattern:
    '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
  description:
    'Checks that creating, deleting and changing network ACLs, their entries and associations is counted and alarmed on.',
  risk:
    'Network ACLs are a subnet-wide layer of traffic filtering; an unnoticed change can open whole subnets to unwanted traffic.',
});
