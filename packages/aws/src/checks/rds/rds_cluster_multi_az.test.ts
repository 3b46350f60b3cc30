import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_cluster_multi_az.ts';
import { cluster, multiAzCluster } from './fixtures.ts';

const twoMembers = [
  { identifier: 'aurora-1-instance-1', isWriter: true },
  { identifier: 'aurora-1-instance-2', isWriter: false },
];

testCheck(check, {
  pass: [
    { name: 'Aurora across AZs', resource: cluster({ members: twoMembers }), message: 'is Multi-AZ (2 instances)' },
    { name: 'Multi-AZ DB cluster', resource: multiAzCluster() },
  ],
  fail: [
    { name: 'writer only', resource: cluster({ multiAZ: false }), message: 'its 1 instance run in a single' },
    { name: 'two instances in one AZ', resource: cluster({ multiAZ: false, members: twoMembers }), message: '2 instances' },
  ],
  error: [{ name: 'listing failed', resource: withError(cluster(), 'multiAZ') }],
  notApplicable: [{ name: 'Aurora Serverless v1', resource: cluster({ engineMode: 'serverless', multiAZ: false, members: [] }) }],
});
