import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_log_metric_filter_policy_changes.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }',
    variant:
      '{($.eventName=\'DetachGroupPolicy\')||($.eventName=\'AttachGroupPolicy\')||($.eventName=\'DetachUserPolicy\')||($.eventName=\'AttachUserPolicy\')||($.eventName=\'DetachRolePolicy\')||($.eventName=\'AttachRolePolicy\')||($.eventName=\'DeletePolicyVersion\')||($.eventName=\'CreatePolicyVersion\')||($.eventName=\'DeletePolicy\')||($.eventName=\'CreatePolicy\')||($.eventName=\'PutUserPolicy\')||($.eventName=\'PutRolePolicy\')||($.eventName=\'PutGroupPolicy\')||($.eventName=\'DeleteUserPolicy\')||($.eventName=\'DeleteRolePolicy\')||($.eventName=\'DeleteGroupPolicy\')}',
    incomplete:
      '{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) }',
  }),
);
