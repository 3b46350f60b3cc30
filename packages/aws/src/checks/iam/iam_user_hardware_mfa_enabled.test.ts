import { testCheck, withError } from '../../testing/index.ts';
import { ACCOUNT, user } from './lib/fixtures.ts';
import check from './iam_user_hardware_mfa_enabled.ts';

const profile = { createDate: '2026-01-01T00:00:00.000Z', passwordResetRequired: false };
const fido = { serialNumber: `arn:aws:iam::${ACCOUNT}:u2f/user/alice/key-ABC`, kind: 'u2f' as const, enableDate: null };
const token = { serialNumber: 'GAHT12345678', kind: 'hardware' as const, enableDate: null };
const app = { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`, kind: 'virtual' as const, enableDate: null };

testCheck(check, {
  pass: [
    { name: 'security key', resource: user('alice', { loginProfile: profile, mfaDevices: [fido] }), message: 'only hardware' },
    { name: 'token', resource: user('alice', { loginProfile: profile, mfaDevices: [token] }) },
    { name: 'no password', resource: user('alice', { loginProfile: null, mfaDevices: [] }), message: 'no console password' },
  ],
  fail: [
    { name: 'virtual', resource: user('alice', { loginProfile: profile, mfaDevices: [app] }), message: 'virtual MFA' },
    { name: 'virtual beside a key', resource: user('alice', { loginProfile: profile, mfaDevices: [fido, app] }) },
    { name: 'no mfa', resource: user('alice', { loginProfile: profile, mfaDevices: [] }), message: 'no MFA device' },
  ],
  error: [
    { name: 'devices denied', resource: withError(user('alice', { loginProfile: profile }), 'mfaDevices'), code: 'AccessDenied' },
    { name: 'profile denied', resource: withError(user('alice', { mfaDevices: [] }), 'loginProfile') },
  ],
});
