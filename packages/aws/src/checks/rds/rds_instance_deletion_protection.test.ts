import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_deletion_protection.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [{ name: 'protected', resource: instance(), message: 'has deletion protection enabled' }],
  fail: [{ name: 'unprotected', resource: instance({ deletionProtection: false }), message: 'does not have deletion protection' }],
  error: [{ name: 'listing failed', resource: withError(instance(), 'deletionProtection') }],
  notApplicable: [{ name: 'Aurora member (cluster-level)', resource: auroraMember({ deletionProtection: false }) }],
});
