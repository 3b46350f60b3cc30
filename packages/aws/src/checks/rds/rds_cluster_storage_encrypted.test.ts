import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_cluster_storage_encrypted.ts';
import { cluster, multiAzCluster } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'encrypted Aurora', resource: cluster(), message: 'has encrypted storage' },
    { name: 'encrypted Multi-AZ DB cluster', resource: multiAzCluster() },
  ],
  fail: [{ name: 'unencrypted', resource: cluster({ storageEncrypted: false }), message: 'does not have encrypted storage' }],
  error: [{ name: 'listing failed', resource: withError(cluster(), 'storageEncrypted') }],
});
