import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<AccountAttributes>({
  id: 'iam_securityaudit_role_created',
  service: 'iam',
  title: 'An IAM role with the SecurityAudit policy exists for security reviews',
  severity: 'low',
  resourceType: 'AwsAccount',
  requires: ['securityAuditEntities'],
  categories: ['identity-access'],
  description: 'Checks that the AWS-managed SecurityAudit policy is attached to at least one IAM role.',
  risk: 'Without a read-only audit role, auditors and security tools end up with broader or long-lived credentials to review the account.',
  remediation: {
    recommendation: 'Create a role for security auditors and tooling and attach the SecurityAudit managed policy to it.',
    cli: 'aws iam attach-role-policy --role-name security-audit --policy-arn arn:aws:iam::aws:policy/SecurityAudit',
    terraform:
      'resource "aws_iam_role_policy_attachment" "audit" {\n  role       = aws_iam_role.audit.name\n  policy_arn = "arn:aws:iam::aws:policy/SecurityAudit"\n}',
    url: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/SecurityAudit.html',
  },
  evaluate(account) {
    const e = account.attributes.securityAuditEntities;
    if (e && e.roles.length > 0) {
      return { status: 'PASS', message: `Account ${account.name} has a security audit role: ${e.roles.join(', ')}.` };
    }
    return { status: 'FAIL', message: `Account ${account.name} has no IAM role with the SecurityAudit policy.` };
  },
});
