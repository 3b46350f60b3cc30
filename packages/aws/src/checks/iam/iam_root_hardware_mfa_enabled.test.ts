import { testCheck, withError } from '../../testing/index.ts';
import { account, ACCOUNT } from './lib/fixtures.ts';
import check from './iam_root_hardware_mfa_enabled.ts';

const userDevice = {
  serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`,
  userArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  enableDate: null,
};
const rootDevice = {
  serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`,
  userArn: `arn:aws:iam::${ACCOUNT}:root`,
  enableDate: null,
};

testCheck(check, {
  pass: [
    { name: 'no virtual device', resource: account({ accountSummary: { AccountMFAEnabled: 1 }, virtualMfaDevices: [] }), message: 'hardware' },
    { name: 'only users have virtual devices', resource: account({ accountSummary: { AccountMFAEnabled: 1 }, virtualMfaDevices: [userDevice] }) },
  ],
  fail: [
    { name: 'root virtual device', resource: account({ accountSummary: { AccountMFAEnabled: 1 }, virtualMfaDevices: [rootDevice] }), message: 'virtual MFA' },
    {
      name: 'root device found by serial',
      resource: account({ accountSummary: { AccountMFAEnabled: 1 }, virtualMfaDevices: [{ ...rootDevice, userArn: null }] }),
    },
    { name: 'no mfa', resource: account({ accountSummary: { AccountMFAEnabled: 0 }, virtualMfaDevices: [] }), message: 'no MFA device' },
  ],
  error: [
    { name: 'summary denied', resource: withError(account({ virtualMfaDevices: [] }), 'accountSummary'), code: 'AccessDenied' },
    { name: 'devices denied', resource: withError(account({ accountSummary: { AccountMFAEnabled: 1 } }), 'virtualMfaDevices') },
  ],
});
