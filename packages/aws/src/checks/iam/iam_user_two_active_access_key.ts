import { defineAwsCheck } from '../../context.ts';
import type { UserAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<UserAttributes>({
  id: 'iam_user_two_active_access_key',
  service: 'iam',
  title: 'IAM users have at most one active access key',
  severity: 'medium',
  resourceType: 'AwsIamUser',
  requires: ['accessKeys'],
  categories: ['identity-access', 'secrets'],
  description: 'Checks that no IAM user has two active access keys at once.',
  risk: 'A second active key doubles the secrets to protect and usually means an old key was never retired after rotation.',
  remediation: {
    recommendation: 'Keep one active key per user; deactivate and delete the other once nothing uses it.',
    cli: 'aws iam update-access-key --user-name USER --access-key-id OLD_KEY_ID --status Inactive',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
  },
  evaluate(user) {
    const active = user.attributes.accessKeys.filter((k) => k.status === 'Active');
    return active.length > 1
      ? { status: 'FAIL', message: `IAM user ${user.name} has ${active.length} active access keys: ${active.map((k) => k.accessKeyId).join(', ')}.` }
      : { status: 'PASS', message: `IAM user ${user.name} has ${active.length === 1 ? 'one active access key' : 'no active access key'}.` };
  },
});
