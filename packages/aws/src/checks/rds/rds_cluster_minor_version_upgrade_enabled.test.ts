import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_cluster_minor_version_upgrade_enabled.ts';
import { cluster, multiAzCluster } from './fixtures.ts';

testCheck(check, {
  pass: [{ name: 'enabled', resource: multiAzCluster(), message: 'upgrades minor engine versions automatically' }],
  fail: [
    { name: 'disabled', resource: multiAzCluster({ autoMinorVersionUpgrade: false }), message: 'does not upgrade' },
    { name: 'not reported', resource: multiAzCluster({ autoMinorVersionUpgrade: null }) },
  ],
  error: [{ name: 'listing failed', resource: withError(multiAzCluster(), 'autoMinorVersionUpgrade') }],
  notApplicable: [{ name: 'Aurora (instance-level)', resource: cluster() }],
});
