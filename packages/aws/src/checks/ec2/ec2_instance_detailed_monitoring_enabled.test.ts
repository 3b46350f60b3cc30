import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_instance_detailed_monitoring_enabled.ts';
import { instance } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [{ name: 'enabled', resource: instance({ monitoringState: 'enabled' }), message: 'enabled' }],
  fail: [
    { name: 'disabled', resource: instance({ monitoringState: 'disabled' }), message: 'state disabled' },
    { name: 'pending', resource: instance({ monitoringState: 'pending' }), message: 'state pending' },
    { name: 'unknown', resource: instance({ monitoringState: null }), message: 'state unknown' },
  ],
  error: [{ name: 'attribute failed', resource: withError(instance(), 'monitoringState'), code: 'AccessDenied' }],
});
