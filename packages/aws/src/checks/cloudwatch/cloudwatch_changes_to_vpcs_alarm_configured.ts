import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.14. */
export default defineMonitoringCheck({
  id: 'cloudwatch_changes_to_vpcs_alarm_configured',
  title: 'A CloudWatch metric filter and alarm exist for VPC changes',
  subject: 'VPC changes',
  metricName: 'VPCChanges',
  pattern:
    '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
  description:
    'Checks that creating, deleting and modifying VPCs and VPC peering connections is counted and alarmed on.',
  risk:
    'A new peering connection or changed VPC attribute can join networks that should stay apart and give another account a route to internal systems.',
});
