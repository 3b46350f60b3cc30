import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_cluster_default_admin.ts';
import { cluster, multiAzCluster } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'custom name', resource: cluster(), message: '"payments_admin"' },
    { name: 'no master user (secondary cluster of a global database)', resource: cluster({ masterUsername: null }) },
  ],
  fail: [
    { name: 'admin', resource: cluster({ masterUsername: 'admin' }), message: 'default master user name "admin"' },
    { name: 'postgres on a Multi-AZ DB cluster', resource: multiAzCluster({ masterUsername: 'postgres' }) },
    { name: 'custom list', resource: cluster({ masterUsername: 'root' }), options: { defaultUsernames: ['root', 'admin'] } },
  ],
  error: [{ name: 'listing failed', resource: withError(cluster(), 'masterUsername') }],
});
