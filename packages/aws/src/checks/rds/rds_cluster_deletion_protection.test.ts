import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_cluster_deletion_protection.ts';
import { cluster, multiAzCluster } from './fixtures.ts';

testCheck(check, {
  pass: [{ name: 'protected', resource: cluster(), message: 'has deletion protection enabled' }],
  fail: [
    { name: 'unprotected Aurora', resource: cluster({ deletionProtection: false }), message: 'does not have deletion protection' },
    { name: 'unprotected Multi-AZ DB cluster', resource: multiAzCluster({ deletionProtection: false }) },
  ],
  error: [{ name: 'listing failed', resource: withError(cluster(), 'deletionProtection') }],
});
