import { buildResource, testCheck, withError } from '../../testing/index.ts';
import type { KmsKeyAttributes } from '../../resources/kms.ts';
import check from './kms_cmk_not_deleted_unintentionally.ts';

const key = (a: Partial<KmsKeyAttributes> = {}) =>
  buildResource<Partial<KmsKeyAttributes>>(
    'AwsKmsKey',
    { keyId: 'k-1', keyManager: 'CUSTOMER', keyState: 'Enabled', deletionDate: null, aliases: [], ...a },
    { name: 'k-1' },
  );

testCheck(check, {
  pass: [
    { name: 'enabled', resource: key(), message: 'state Enabled' },
    { name: 'disabled', resource: key({ keyState: 'Disabled' }) },
  ],
  fail: [
    { name: 'pending deletion', resource: key({ keyState: 'PendingDeletion', deletionDate: '2026-11-20T00:00:00.000Z' }), message: 'on 2026-11-20' },
    { name: 'replica pending deletion', resource: key({ keyState: 'PendingReplicaDeletion' }), message: 'scheduled for deletion' },
  ],
  error: [{ name: 'DescribeKey denied', resource: withError(key({ keyManager: undefined, keyState: undefined }), 'keyState') }],
  notApplicable: [{ name: 'AWS managed', resource: key({ keyManager: 'AWS', keyState: 'PendingDeletion' }) }],
});
