import type { InlinePolicyAttributes } from '../../resources/iam.ts';
import { ADMIN_OK, adminProblem, documentCheck } from './lib/document-check.ts';
import { inlineLabel } from './lib/labels.ts';

export default documentCheck<InlinePolicyAttributes>({
  id: 'iam_inline_policy_no_administrative_privileges',
  severity: 'critical',
  resourceType: 'AwsIamInlinePolicy',
  title: 'Inline policies do not allow full "*:*" administrator access',
  description: 'Checks that no inline policy embedded in a user, group or role allows every action on every resource.',
  risk: 'The principal is a full administrator through a policy that does not show up in managed-policy reviews.',
  remediation: {
    recommendation: 'Replace the inline policy with a least-privilege managed policy and delete the inline one.',
    cli: 'aws iam delete-role-policy --role-name ROLE --policy-name NAME',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
  },
  categories: ['identity-access'],
  label: inlineLabel,
  problem: adminProblem,
  ok: ADMIN_OK,
});
