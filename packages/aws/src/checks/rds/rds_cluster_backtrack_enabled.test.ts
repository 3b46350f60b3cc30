import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_cluster_backtrack_enabled.ts';
import { cluster, multiAzCluster } from './fixtures.ts';

testCheck(check, {
  pass: [{ name: '24 hours', resource: cluster(), message: 'up to 24 hours' }],
  fail: [
    { name: 'window 0', resource: cluster({ backtrackWindow: 0 }), message: 'does not have backtracking' },
    { name: 'not reported', resource: cluster({ backtrackWindow: null }) },
  ],
  error: [{ name: 'listing failed', resource: withError(cluster(), 'backtrackWindow') }],
  notApplicable: [
    { name: 'Aurora PostgreSQL', resource: cluster({ engine: 'aurora-postgresql', backtrackWindow: null }) },
    { name: 'Multi-AZ DB cluster', resource: multiAzCluster() },
    { name: 'Aurora Serverless v1', resource: cluster({ engineMode: 'serverless', backtrackWindow: null }) },
  ],
});
