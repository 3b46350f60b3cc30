import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<AccountAttributes>({
  id: 'iam_no_root_access_key',
  service: 'iam',
  title: 'Root user has no access keys',
  severity: 'critical',
  resourceType: 'AwsAccount',
  requires: ['accountSummary'],
  categories: ['identity-access'],
  description:
    "Checks from the IAM account summary that the account's root user has no access key, active or inactive.",
  risk: 'A root access key gives unrestricted, programmatic control of the whole account that no IAM policy can limit; if it leaks, the account is lost.',
  remediation: {
    recommendation:
      'Delete the root user access keys (sign in as root → Security credentials) and use IAM roles or users with least privilege instead.',
    console: 'Sign in as the root user → account menu → Security credentials → Access keys → Delete.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
  },
  evaluate(account) {
    const present = account.attributes.accountSummary.AccountAccessKeysPresent ?? 0;
    return present > 0
      ? { status: 'FAIL', message: `Root user of account ${account.name} has an access key.` }
      : { status: 'PASS', message: `Root user of account ${account.name} has no access key.` };
  },
});
