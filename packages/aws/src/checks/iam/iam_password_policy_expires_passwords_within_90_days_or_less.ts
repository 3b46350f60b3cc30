import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<AccountAttributes, z.ZodObject<{ maxPasswordAgeDays: z.ZodDefault<z.ZodNumber> }>>({
  id: 'iam_password_policy_expires_passwords_within_90_days_or_less',
  service: 'iam',
  title: 'IAM password policy expires passwords within 90 days or less',
  severity: 'medium',
  resourceType: 'AwsAccount',
  requires: ['passwordPolicy'],
  categories: ['identity-access'],
  options: z.object({ maxPasswordAgeDays: z.number().int().min(1).max(1095).default(90) }),
  description:
    'Checks that the account password policy makes IAM user passwords expire after at most 90 days (configurable).',
  risk: 'Passwords that never expire stay valid indefinitely after being phished, leaked or shared.',
  remediation: {
    recommendation: 'Set a maximum password age of 90 days or less in the account password policy.',
    cli: 'aws iam update-account-password-policy --max-password-age 90',
    terraform: 'resource "aws_iam_account_password_policy" "strict" {\n  max_password_age = 90\n}',
    console: 'IAM console → Account settings → Password policy → Edit → Turn on password expiration: 90 days.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  },
  evaluate(account, ctx) {
    const policy = account.attributes.passwordPolicy;
    const max = ctx.options.maxPasswordAgeDays;
    if (!policy) return { status: 'FAIL', message: `Account ${account.name} has no IAM password policy.` };
    const age = policy.maxPasswordAge;
    if (!age || policy.expirePasswords === false) {
      return { status: 'FAIL', message: `Account ${account.name} password policy does not make passwords expire.` };
    }
    return age <= max
      ? { status: 'PASS', message: `Account ${account.name} password policy expires passwords after ${age} days.` }
      : { status: 'FAIL', message: `Account ${account.name} password policy expires passwords only after ${age} days (maximum ${max}).` };
  },
});
