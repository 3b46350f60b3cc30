import type { InlinePolicyAttributes } from '../../resources/iam.ts';
import { documentCheck, fullServiceProblem } from './lib/document-check.ts';
import { inlineLabel } from './lib/labels.ts';

export default documentCheck<InlinePolicyAttributes>({
  id: 'iam_inline_policy_no_full_access_to_kms',
  severity: 'medium',
  resourceType: 'AwsIamInlinePolicy',
  title: 'Inline policies do not allow full KMS access ("kms:*")',
  description: 'Checks that no inline policy of a user, group or role allows every KMS action ("kms:*", or a NotAction that leaves KMS out).',
  risk: 'Full KMS access includes scheduling key deletion and changing key policies, which can make encrypted data unreadable or expose it.',
  remediation: {
    recommendation: 'Grant only the KMS actions the principal needs instead of "kms:*", preferably in a managed policy.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  categories: ['identity-access'],
  label: inlineLabel,
  problem: fullServiceProblem('kms'),
  ok: 'does not allow full KMS access',
});
