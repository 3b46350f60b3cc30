import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_log_metric_filter_aws_organizations_changes.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || ($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) || ($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy) || ($.eventName = UpdateOrganizationalUnit)) }',
    variant:
      '{($.eventName=\'UpdateOrganizationalUnit\')||($.eventName=\'UpdatePolicy\')||($.eventName=\'RemoveAccountFromOrganization\')||($.eventName=\'MoveAccount\')||($.eventName=\'LeaveOrganization\')||($.eventName=\'InviteAccountToOrganization\')||($.eventName=\'EnablePolicyType\')||($.eventName=\'DisablePolicyType\')||($.eventName=\'DetachPolicy\')||($.eventName=\'DeletePolicy\')||($.eventName=\'DeleteOrganizationalUnit\')||($.eventName=\'DeleteOrganization\')||($.eventName=\'DeclineHandshake\')||($.eventName=\'CreatePolicy\')||($.eventName=\'CreateOrganizationalUnit\')||($.eventName=\'CreateAccount\')||($.eventName=\'AttachPolicy\')||($.eventName=\'AcceptHandshake\')||($.eventSource=\'organizations.amazonaws.com\')}',
    incomplete:
      '{ ($.eventSource = organizations.amazonaws.com) || ($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || ($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) || ($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy) }',
  }),
);
