import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_backup_enabled.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: '7 days', resource: instance(), message: 'for 7 days' },
    { name: '1 day', resource: instance({ backupRetentionPeriod: 1 }), message: 'for 1 day.' },
  ],
  fail: [{ name: 'retention 0', resource: instance({ backupRetentionPeriod: 0 }), message: 'disabled' }],
  error: [{ name: 'listing failed', resource: withError(instance(), 'backupRetentionPeriod') }],
  notApplicable: [
    { name: 'Aurora member', resource: auroraMember({ backupRetentionPeriod: 0 }) },
    { name: 'read replica', resource: instance({ readReplicaSource: 'orders-db', backupRetentionPeriod: 0 }, 'orders-replica') },
  ],
});
