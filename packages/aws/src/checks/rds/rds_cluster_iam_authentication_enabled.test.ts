import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_cluster_iam_authentication_enabled.ts';
import { cluster, multiAzCluster } from './fixtures.ts';

testCheck(check, {
  pass: [{ name: 'enabled', resource: cluster(), message: 'has IAM database authentication enabled' }],
  fail: [
    { name: 'disabled', resource: cluster({ iamDatabaseAuthenticationEnabled: false }), message: 'does not have' },
    { name: 'Aurora PostgreSQL disabled', resource: cluster({ engine: 'aurora-postgresql', iamDatabaseAuthenticationEnabled: false }) },
  ],
  error: [{ name: 'listing failed', resource: withError(cluster(), 'iamDatabaseAuthenticationEnabled') }],
  notApplicable: [{ name: 'Multi-AZ DB cluster', resource: multiAzCluster({ iamDatabaseAuthenticationEnabled: false }) }],
});
