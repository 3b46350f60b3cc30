import { defineAwsCheck } from '../../context.ts';
import type { UserAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<UserAttributes>({
  id: 'iam_user_no_setup_initial_access_key',
  service: 'iam',
  title: 'IAM users with a console password have no active access key that was never used',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  requires: ['credentialReport'],
  categories: ['identity-access', 'secrets'],
  description:
    'Checks in the IAM credential report (up to 4 hours old) that users with a console password have no active access key that has never been used, the typical leftover of creating keys by default at user setup.',
  risk: 'Keys created "just in case" are secrets nobody needs, often shared with the initial password, and they widen the attack surface for nothing.',
  remediation: {
    recommendation: 'Delete the unused access keys and only create keys when a user actually needs programmatic access.',
    cli: 'aws iam delete-access-key --user-name USER --access-key-id KEY_ID',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  },
  evaluate(user) {
    const row = user.attributes.credentialReport;
    if (!row) {
      return {
        status: 'MANUAL',
        message: `IAM user ${user.name} is not in the credential report yet (created after it was generated): scan again later.`,
      };
    }
    if (!row.passwordEnabled) return { status: 'PASS', message: `IAM user ${user.name} has no console password.` };
    const unused = row.accessKeys.filter((k) => k.active && k.lastUsedDate === null);
    if (unused.length === 0) {
      return { status: 'PASS', message: `IAM user ${user.name} has no active access key that was never used.` };
    }
    return {
      status: 'FAIL',
      message: `IAM user ${user.name} has a console password and never-used active access key ${unused.map((k) => k.slot).join(' and ')}.`,
    };
  },
});
