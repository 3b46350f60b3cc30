import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<AccountAttributes>({
  id: 'iam_root_mfa_enabled',
  service: 'iam',
  title: 'Root user has multi-factor authentication (MFA) enabled',
  severity: 'critical',
  resourceType: 'AwsAccount',
  requires: ['accountSummary'],
  categories: ['identity-access'],
  description: "Checks from the IAM account summary that the account's root user signs in with an MFA device.",
  risk: 'Without MFA, the root password alone (phished, reused or reset through the email inbox) gives full control of the account.',
  remediation: {
    recommendation: 'Register an MFA device for the root user, preferably a FIDO security key or hardware token.',
    console: 'Sign in as the root user → account menu → Security credentials → Multi-factor authentication → Assign MFA device.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
  },
  evaluate(account) {
    return (account.attributes.accountSummary.AccountMFAEnabled ?? 0) > 0
      ? { status: 'PASS', message: `Root user of account ${account.name} has MFA enabled.` }
      : { status: 'FAIL', message: `Root user of account ${account.name} does not have MFA enabled.` };
  },
});
