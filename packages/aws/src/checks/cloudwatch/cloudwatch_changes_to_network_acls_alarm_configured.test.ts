import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_changes_to_network_acls_alarm_configured.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
    variant:
      '{($.eventName=\'ReplaceNetworkAclAssociation\')||($.eventName=\'ReplaceNetworkAclEntry\')||($.eventName=\'DeleteNetworkAclEntry\')||($.eventName=\'DeleteNetworkAcl\')||($.eventName=\'CreateNetworkAclEntry\')||($.eventName=\'CreateNetworkAcl\')}',
    incomplete:
      '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) }',
  }),
);
