import { buildResource, testCheck, withError } from '../../testing/index.ts';
import type { KmsKeyAttributes } from '../../resources/kms.ts';
import check from './kms_cmk_rotation_enabled.ts';

const key = (a: Partial<KmsKeyAttributes> = {}) =>
  buildResource<Partial<KmsKeyAttributes>>(
    'AwsKmsKey',
    {
      keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
      keyManager: 'CUSTOMER',
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      origin: 'AWS_KMS',
      aliases: ['alias/app-data'],
      rotation: { enabled: true, periodInDays: 365 },
      ...a,
    },
    { name: '1234abcd-12ab-34cd-56ef-1234567890ab' },
  );

testCheck(check, {
  pass: [
    { name: 'rotation on', resource: key(), message: 'every 365 days' },
    { name: 'rotation on, no period reported', resource: key({ rotation: { enabled: true } }), message: 'rotated automatically' },
  ],
  fail: [{ name: 'rotation off', resource: key({ rotation: { enabled: false } }), message: 'alias/app-data' }],
  manual: [{ name: 'KMS says unsupported', resource: key({ rotation: null }), message: 'does not support' }],
  error: [
    { name: 'rotation denied', resource: withError(key(), 'rotation', 'AccessDeniedException'), code: 'AccessDeniedException' },
    {
      name: 'DescribeKey denied',
      resource: withError(buildResource<Partial<KmsKeyAttributes>>('AwsKmsKey', { keyId: 'k1', aliases: [] }, { name: 'k1' }), 'keyManager'),
      code: 'AccessDenied',
    },
  ],
  notApplicable: [
    { name: 'AWS managed key', resource: key({ keyManager: 'AWS' }) },
    { name: 'disabled key', resource: key({ keyState: 'Disabled' }) },
    { name: 'pending deletion', resource: key({ keyState: 'PendingDeletion' }) },
    { name: 'asymmetric key', resource: key({ keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', rotation: null }) },
    { name: 'HMAC key', resource: key({ keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC', rotation: null }) },
    { name: 'imported key material', resource: key({ origin: 'EXTERNAL', rotation: null }) },
  ],
});
