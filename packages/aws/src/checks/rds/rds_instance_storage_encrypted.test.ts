import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_storage_encrypted.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'encrypted', resource: instance(), message: 'has encrypted storage.' },
    { name: 'Aurora member of an encrypted cluster', resource: auroraMember({ storageEncrypted: true }), message: 'set on its cluster aurora-1' },
  ],
  fail: [
    { name: 'unencrypted', resource: instance({ storageEncrypted: false }), message: 'does not have encrypted storage' },
    { name: 'Aurora member of an unencrypted cluster', resource: auroraMember({ storageEncrypted: false }), message: 'cluster aurora-1' },
  ],
  error: [{ name: 'listing failed', resource: withError(instance(), 'storageEncrypted') }],
});
