import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_changes_to_vpcs_alarm_configured.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
    variant:
      '{($.eventName=\'EnableVpcClassicLink\')||($.eventName=\'DisableVpcClassicLink\')||($.eventName=\'DetachClassicLinkVpc\')||($.eventName=\'AttachClassicLinkVpc\')||($.eventName=\'RejectVpcPeeringConnection\')||($.eventName=\'DeleteVpcPeeringConnection\')||($.eventName=\'CreateVpcPeeringConnection\')||($.eventName=\'AcceptVpcPeeringConnection\')||($.eventName=\'ModifyVpcAttribute\')||($.eventName=\'DeleteVpc\')||($.eventName=\'CreateVpc\')}',
    incomplete:
      '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) }',
  }),
);
