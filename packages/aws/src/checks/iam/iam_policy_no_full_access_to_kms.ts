import type { PolicyAttributes } from '../../resources/iam.ts';
import { documentCheck, fullServiceProblem } from './lib/document-check.ts';
import { managedLabel } from './lib/labels.ts';

export default documentCheck<PolicyAttributes>({
  id: 'iam_policy_no_full_access_to_kms',
  severity: 'medium',
  resourceType: 'AwsIamPolicy',
  title: 'Customer-managed policies do not allow full KMS access ("kms:*")',
  description: 'Checks that no customer-managed policy allows every KMS action ("kms:*", or a NotAction that leaves KMS out).',
  risk: 'Full KMS access includes scheduling key deletion and changing key policies, which can make encrypted data unreadable or expose it.',
  remediation: {
    recommendation: 'Grant only the KMS actions the principal needs instead of "kms:*".',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  categories: ['identity-access'],
  appliesTo: (p) => !p.attributes.awsManaged,
  label: managedLabel,
  problem: fullServiceProblem('kms'),
  ok: 'does not allow full KMS access',
});
