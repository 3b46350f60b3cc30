import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_cluster_non_default_port.ts';
import { cluster, multiAzCluster } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'Aurora MySQL on 3307', resource: cluster(), message: 'non-default port 3307' },
    { name: 'Multi-AZ PostgreSQL on 5433', resource: multiAzCluster() },
  ],
  fail: [
    { name: 'Aurora MySQL on 3306', resource: cluster({ port: 3306 }), message: 'default aurora-mysql port 3306' },
    { name: 'Aurora PostgreSQL on 5432', resource: cluster({ engine: 'aurora-postgresql', port: 5432 }) },
  ],
  manual: [{ name: 'no port', resource: cluster({ port: null }), message: 'does not report its port' }],
  error: [{ name: 'listing failed', resource: withError(cluster(), 'port') }],
});
