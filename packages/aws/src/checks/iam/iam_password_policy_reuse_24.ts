import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<AccountAttributes, z.ZodObject<{ minimumReuse: z.ZodDefault<z.ZodNumber> }>>({
  id: 'iam_password_policy_reuse_24',
  service: 'iam',
  title: 'IAM password policy prevents reuse of the last 24 passwords',
  severity: 'medium',
  resourceType: 'AwsAccount',
  requires: ['passwordPolicy'],
  categories: ['identity-access'],
  options: z.object({ minimumReuse: z.number().int().min(1).max(24).default(24) }),
  description:
    'Checks that the account password policy remembers at least the last 24 passwords of each IAM user (configurable) so they cannot be reused.',
  risk: 'When old passwords can be reused, a password that leaked or was cracked once keeps working after a forced change.',
  remediation: {
    recommendation: 'Set the password policy to prevent reuse of the last 24 passwords.',
    cli: 'aws iam update-account-password-policy --password-reuse-prevention 24',
    terraform: 'resource "aws_iam_account_password_policy" "strict" {\n  password_reuse_prevention = 24\n}',
    console: 'IAM console → Account settings → Password policy → Edit → Prevent password reuse: 24.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  },
  evaluate(account, ctx) {
    const policy = account.attributes.passwordPolicy;
    const min = ctx.options.minimumReuse;
    if (!policy) return { status: 'FAIL', message: `Account ${account.name} has no IAM password policy.` };
    const reuse = policy.passwordReusePrevention ?? 0;
    if (reuse >= min) {
      return { status: 'PASS', message: `Account ${account.name} password policy prevents reuse of the last ${reuse} passwords.` };
    }
    return {
      status: 'FAIL',
      message:
        reuse === 0
          ? `Account ${account.name} password policy does not prevent password reuse (expected the last ${min}).`
          : `Account ${account.name} password policy prevents reuse of only the last ${reuse} passwords (expected ${min}).`,
    };
  },
});
