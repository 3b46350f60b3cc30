import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_cluster_integration_cloudwatch_logs.ts';
import { cluster, multiAzCluster } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'audit and error', resource: cluster(), message: 'the audit, error logs' },
    { name: 'Multi-AZ DB cluster', resource: multiAzCluster({ enabledCloudwatchLogsExports: ['postgresql'] }), message: 'the postgresql log' },
  ],
  fail: [{ name: 'none', resource: cluster({ enabledCloudwatchLogsExports: [] }), message: 'does not export any log' }],
  error: [{ name: 'listing failed', resource: withError(cluster(), 'enabledCloudwatchLogsExports') }],
  notApplicable: [{ name: 'Aurora Serverless v1', resource: cluster({ engineMode: 'serverless', enabledCloudwatchLogsExports: [] }) }],
});
