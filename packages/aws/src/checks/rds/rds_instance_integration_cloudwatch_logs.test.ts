import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_integration_cloudwatch_logs.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'two logs', resource: instance(), message: 'the postgresql, upgrade logs' },
    { name: 'one log', resource: instance({ engine: 'mysql', enabledCloudwatchLogsExports: ['error'] }), message: 'the error log' },
  ],
  fail: [{ name: 'none', resource: instance({ enabledCloudwatchLogsExports: [] }), message: 'does not export any log' }],
  error: [{ name: 'listing failed', resource: withError(instance(), 'enabledCloudwatchLogsExports') }],
  notApplicable: [{ name: 'Aurora member (cluster-level)', resource: auroraMember() }],
});
