import type { InlinePolicyAttributes } from '../../resources/iam.ts';
import { documentCheck, fullServiceProblem } from './lib/document-check.ts';
import { inlineLabel } from './lib/labels.ts';

export default documentCheck<InlinePolicyAttributes>({
  id: 'iam_inline_policy_no_full_access_to_cloudtrail',
  severity: 'high',
  resourceType: 'AwsIamInlinePolicy',
  title: 'Inline policies do not allow full CloudTrail access ("cloudtrail:*")',
  description: 'Checks that no inline policy of a user, group or role allows every CloudTrail action ("cloudtrail:*", or a NotAction that leaves CloudTrail out).',
  risk: 'Full CloudTrail access includes stopping and deleting trails, which lets an intruder erase the audit trail of what they do.',
  remediation: {
    recommendation: 'Grant only the CloudTrail actions the principal needs instead of "cloudtrail:*", preferably in a managed policy.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  categories: ['identity-access'],
  label: inlineLabel,
  problem: fullServiceProblem('cloudtrail'),
  ok: 'does not allow full CloudTrail access',
});
