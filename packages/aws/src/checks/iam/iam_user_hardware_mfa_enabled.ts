import { defineAwsCheck } from '../../context.ts';
import type { UserAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<UserAttributes>({
  id: 'iam_user_hardware_mfa_enabled',
  service: 'iam',
  title: 'IAM users with a console password use only hardware MFA devices (security keys or tokens)',
  severity: 'high',
  resourceType: 'AwsIamUser',
  requires: ['loginProfile', 'mfaDevices'],
  categories: ['identity-access'],
  description:
    'Checks that IAM users who can sign in to the console have MFA, and that every MFA device they have is a FIDO security key or hardware TOTP token rather than a virtual authenticator.',
  risk: 'Virtual MFA codes live on a phone or computer that can be compromised with the password, and are easier to phish than FIDO security keys.',
  remediation: {
    recommendation: 'Give console users FIDO security keys (or hardware TOTP tokens) and remove their virtual MFA devices.',
    console: 'IAM console → Users → user → Security credentials → Assign MFA device → Passkey or security key.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html',
  },
  evaluate(user) {
    const { loginProfile, mfaDevices } = user.attributes;
    if (!loginProfile && mfaDevices.length === 0) {
      return { status: 'PASS', message: `IAM user ${user.name} has no console password.` };
    }
    if (mfaDevices.length === 0) return { status: 'FAIL', message: `IAM user ${user.name} has a console password but no MFA device.` };
    const virtual = mfaDevices.filter((d) => d.kind === 'virtual');
    if (virtual.length > 0) {
      return { status: 'FAIL', message: `IAM user ${user.name} uses a virtual MFA device (${virtual.map((d) => d.serialNumber).join(', ')}).` };
    }
    return { status: 'PASS', message: `IAM user ${user.name} uses only hardware MFA devices.` };
  },
});
