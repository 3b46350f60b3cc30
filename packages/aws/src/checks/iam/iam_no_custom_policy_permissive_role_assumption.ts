import type { PolicyAttributes } from '../../resources/iam.ts';
import { documentCheck, roleAssumptionProblem } from './lib/document-check.ts';
import { managedLabel } from './lib/labels.ts';

export default documentCheck<PolicyAttributes>({
  id: 'iam_no_custom_policy_permissive_role_assumption',
  severity: 'high',
  resourceType: 'AwsIamPolicy',
  title: 'Customer-managed policies do not allow assuming any role ("sts:AssumeRole" on "*")',
  description:
    'Checks that no customer-managed policy allows sts:AssumeRole (directly or through a wildcard such as "sts:*") on every resource.',
  risk: 'A principal allowed to assume any role can hop to every role whose trust policy trusts the account, including more privileged ones.',
  remediation: {
    recommendation: 'List the specific role ARNs the principal needs to assume in the policy\'s Resource element.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html',
  },
  categories: ['identity-access'],
  appliesTo: (p) => !p.attributes.awsManaged,
  label: managedLabel,
  problem: roleAssumptionProblem,
  ok: 'does not allow sts:AssumeRole on every role',
});
