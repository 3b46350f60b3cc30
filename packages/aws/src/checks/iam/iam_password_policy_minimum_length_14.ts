import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<AccountAttributes, z.ZodObject<{ minimumLength: z.ZodDefault<z.ZodNumber> }>>({
  id: 'iam_password_policy_minimum_length_14',
  service: 'iam',
  title: 'IAM password policy requires a minimum length of 14 characters or more',
  severity: 'medium',
  resourceType: 'AwsAccount',
  requires: ['passwordPolicy'],
  categories: ['identity-access'],
  options: z.object({ minimumLength: z.number().int().min(6).max(128).default(14) }),
  description:
    'Checks that the account password policy requires IAM user passwords of at least 14 characters (configurable).',
  risk: 'Short passwords are quickly guessed or cracked offline, giving an attacker console access as an IAM user.',
  remediation: {
    recommendation: 'Set the account password policy to require a minimum length of at least 14 characters.',
    cli: 'aws iam update-account-password-policy --minimum-password-length 14',
    terraform: 'resource "aws_iam_account_password_policy" "strict" {\n  minimum_password_length = 14\n}',
    console: 'IAM console → Account settings → Password policy → Edit → Enforce minimum password length: 14.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  },
  evaluate(account, ctx) {
    const policy = account.attributes.passwordPolicy;
    const min = ctx.options.minimumLength;
    if (!policy) return { status: 'FAIL', message: `Account ${account.name} has no IAM password policy.` };
    const length = policy.minimumPasswordLength ?? 0;
    return length >= min
      ? { status: 'PASS', message: `Account ${account.name} password policy requires at least ${length} characters.` }
      : {
          status: 'FAIL',
          message: `Account ${account.name} password policy requires only ${length} characters (minimum ${min}).`,
        };
  },
});
