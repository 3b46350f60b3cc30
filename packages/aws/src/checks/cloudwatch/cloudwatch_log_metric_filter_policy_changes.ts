import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.4. */
export default defineMonitoringCheck({
  id: 'cloudwatch_log_metric_filter_policy_changes',
  title: 'A CloudWatch metric filter and alarm exist for IAM policy changes',
  subject: 'IAM policy changes',
  metricName: 'IAMPolicyChanges',
  pattern:
    '{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }',
  description:
    'Checks that creating, changing, attaching and detaching IAM policies is counted and alarmed on.',
  risk:
    'Policy changes are how privileges are escalated or backdoors left behind; without an alert, an attacker granting themselves administrator access is not noticed.',
});
