import { defineAwsCheck } from '../../context.ts';
import type { UserAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<UserAttributes>({
  id: 'iam_user_mfa_enabled_console_access',
  service: 'iam',
  title: 'IAM users with a console password have MFA enabled',
  severity: 'high',
  resourceType: 'AwsIamUser',
  requires: ['credentialReport'],
  categories: ['identity-access'],
  description:
    'Checks in the IAM credential report (up to 4 hours old) that every IAM user who can sign in to the console with a password has an MFA device.',
  risk: 'A console password without MFA is enough for anyone who phishes, guesses or finds it to act as the user.',
  remediation: {
    recommendation: 'Assign an MFA device to every IAM user with a console password, or remove passwords users do not need.',
    console: 'IAM console → Users → user → Security credentials → Multi-factor authentication (MFA) → Assign MFA device.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
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
    return row.mfaActive
      ? { status: 'PASS', message: `IAM user ${user.name} has a console password and MFA enabled.` }
      : { status: 'FAIL', message: `IAM user ${user.name} has a console password but no MFA.` };
  },
});
