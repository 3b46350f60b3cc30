import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<AccountAttributes>({
  id: 'iam_support_role_created',
  service: 'iam',
  title: 'An IAM role with the AWSSupportAccess policy exists to manage incidents with AWS Support',
  severity: 'low',
  resourceType: 'AwsAccount',
  requires: ['supportAccessEntities'],
  categories: ['identity-access'],
  description: 'Checks that the AWS-managed AWSSupportAccess policy is attached to at least one IAM role.',
  risk: 'Without a dedicated support role, people either cannot open and follow AWS Support cases during an incident or are given broader rights than they need to do so.',
  remediation: {
    recommendation:
      'Create an IAM role that the incident responders can assume and attach the AWSSupportAccess managed policy to it.',
    cli: 'aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json\naws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess',
    terraform:
      'resource "aws_iam_role_policy_attachment" "support" {\n  role       = aws_iam_role.support.name\n  policy_arn = "arn:aws:iam::aws:policy/AWSSupportAccess"\n}',
    url: 'https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html',
  },
  evaluate(account) {
    const e = account.attributes.supportAccessEntities;
    if (e && e.roles.length > 0) {
      return { status: 'PASS', message: `Account ${account.name} has a support role: ${e.roles.join(', ')}.` };
    }
    return { status: 'FAIL', message: `Account ${account.name} has no IAM role with the AWSSupportAccess policy.` };
  },
});
