import { defineAwsCheck } from '../../context.ts';
import type { UserAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<UserAttributes>({
  id: 'iam_policy_attached_only_to_group_or_roles',
  service: 'iam',
  title: 'IAM users receive permissions only through groups, with no policy attached to or embedded in the user',
  severity: 'low',
  resourceType: 'AwsIamUser',
  requires: ['attachedPolicies', 'inlinePolicies'],
  categories: ['identity-access'],
  description: 'Checks that no managed policy is attached to an IAM user and that the user has no inline policy.',
  risk: 'Permissions granted user by user drift apart, are hard to review and tend to outlive the need for them.',
  remediation: {
    recommendation: 'Grant permissions through groups (or roles) and remove the policies attached to or embedded in users.',
    cli: 'aws iam detach-user-policy --user-name USER --policy-arn ARN\naws iam delete-user-policy --user-name USER --policy-name NAME',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html',
  },
  evaluate(user) {
    const attached = user.attributes.attachedPolicies.map((p) => p.policyName);
    const inline = user.attributes.inlinePolicies.map((p) => p.policyName);
    if (attached.length === 0 && inline.length === 0) {
      return { status: 'PASS', message: `IAM user ${user.name} has no policy attached directly.` };
    }
    const parts = [
      attached.length ? `managed policies ${attached.join(', ')}` : '',
      inline.length ? `inline policies ${inline.join(', ')}` : '',
    ].filter(Boolean);
    return { status: 'FAIL', message: `IAM user ${user.name} has ${parts.join(' and ')} attached directly.` };
  },
});
