import { buildResource, testCheck, withError } from '../../testing/index.ts';
import type { KmsKeyAttributes } from '../../resources/kms.ts';
import check from './kms_cmk_are_used.ts';

const key = (a: Partial<KmsKeyAttributes> = {}) =>
  buildResource<Partial<KmsKeyAttributes>>(
    'AwsKmsKey',
    { keyId: 'k-1', keyManager: 'CUSTOMER', keyState: 'Enabled', aliases: ['alias/old'], ...a },
    { name: 'k-1' },
  );

testCheck(check, {
  pass: [{ name: 'enabled', resource: key(), message: 'is enabled' }],
  fail: [
    { name: 'disabled', resource: key({ keyState: 'Disabled' }), message: 'state is Disabled' },
    { name: 'waiting for key material', resource: key({ keyState: 'PendingImport' }), message: 'PendingImport' },
    { name: 'custom key store disconnected', resource: key({ keyState: 'Unavailable' }), message: 'Unavailable' },
  ],
  error: [{ name: 'DescribeKey denied', resource: withError(key({ keyManager: undefined, keyState: undefined }), 'keyState') }],
  notApplicable: [
    { name: 'AWS managed', resource: key({ keyManager: 'AWS' }) },
    { name: 'pending deletion', resource: key({ keyState: 'PendingDeletion' }) },
  ],
});
