import type { PolicyAttributes } from '../../resources/iam.ts';
import { documentCheck, fullServiceProblem } from './lib/document-check.ts';
import { managedLabel } from './lib/labels.ts';

export default documentCheck<PolicyAttributes>({
  id: 'iam_policy_no_full_access_to_cloudtrail',
  severity: 'medium',
  resourceType: 'AwsIamPolicy',
  title: 'Customer-managed policies do not allow full CloudTrail access ("cloudtrail:*")',
  description: 'Checks that no customer-managed policy allows every CloudTrail action ("cloudtrail:*", or a NotAction that leaves CloudTrail out).',
  risk: 'Full CloudTrail access includes stopping and deleting trails, which lets an intruder erase the audit trail of what they do.',
  remediation: {
    recommendation: 'Grant only the CloudTrail actions the principal needs instead of "cloudtrail:*".',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  categories: ['identity-access'],
  appliesTo: (p) => !p.attributes.awsManaged,
  label: managedLabel,
  problem: fullServiceProblem('cloudtrail'),
  ok: 'does not allow full CloudTrail access',
});
