import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.15. */
export default defineMonitoringCheck({
  id: 'cloudwatch_log_metric_filter_aws_organizations_changes',
  title: 'A CloudWatch metric filter and alarm exist for AWS Organizations changes',
  subject: 'AWS Organizations changes',
  metricName: 'OrganizationsChanges',
  pattern:
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || ($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) || ($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy) || ($.eventName = UpdateOrganizationalUnit)) }',
  description:
    'Checks that changes to the AWS Organization (accounts, organizational units, policies such as SCPs, handshakes) are counted and alarmed on.',
  risk:
    'Detaching a service control policy or moving an account out of its organizational unit removes guardrails from every account below it; such changes must be seen at once.',
});
