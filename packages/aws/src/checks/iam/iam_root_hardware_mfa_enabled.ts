import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<AccountAttributes>({
  id: 'iam_root_hardware_mfa_enabled',
  service: 'iam',
  title: 'Root user uses a hardware MFA device (security key or token), not a virtual one',
  severity: 'critical',
  resourceType: 'AwsAccount',
  requires: ['accountSummary', 'virtualMfaDevices'],
  categories: ['identity-access'],
  description:
    'Checks that the root user has MFA enabled and that no virtual (authenticator app) MFA device is assigned to it, which means its MFA is a FIDO security key or hardware TOTP token.',
  risk: 'A virtual MFA lives on a phone or computer that can be lost, cloned or compromised together with the password; a dedicated hardware device kept in a safe place is far harder to steal.',
  remediation: {
    recommendation:
      'Replace the root user’s virtual MFA device with a FIDO security key or hardware TOTP token and store it securely.',
    console: 'Sign in as the root user → Security credentials → Multi-factor authentication → remove the virtual device, then assign a security key or hardware TOTP token.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-hw-mfa-for-root.html',
  },
  evaluate(account) {
    if ((account.attributes.accountSummary.AccountMFAEnabled ?? 0) === 0) {
      return { status: 'FAIL', message: `Root user of account ${account.name} has no MFA device at all.` };
    }
    const virtual = account.attributes.virtualMfaDevices.find(
      (d) => (d.userArn !== null && d.userArn === account.id) || /:mfa\/root-account-mfa-device$/.test(d.serialNumber),
    );
    return virtual
      ? { status: 'FAIL', message: `Root user of account ${account.name} uses a virtual MFA device (${virtual.serialNumber}).` }
      : { status: 'PASS', message: `Root user of account ${account.name} uses a hardware MFA device.` };
  },
});
