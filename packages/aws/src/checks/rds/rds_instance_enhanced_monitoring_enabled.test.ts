import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_enhanced_monitoring_enabled.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'every 60 s', resource: instance(), message: 'every 60 seconds' },
    { name: 'Aurora member every 1 s', resource: auroraMember({ monitoringInterval: 1 }) },
  ],
  fail: [
    { name: 'off', resource: instance({ monitoringInterval: 0 }), message: 'does not have Enhanced Monitoring' },
    { name: 'Aurora member off', resource: auroraMember({ monitoringInterval: 0 }) },
  ],
  error: [{ name: 'listing failed', resource: withError(instance(), 'monitoringInterval') }],
});
