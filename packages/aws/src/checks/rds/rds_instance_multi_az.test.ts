import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_multi_az.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [{ name: 'Multi-AZ', resource: instance(), message: 'is a Multi-AZ deployment' }],
  fail: [{ name: 'Single-AZ', resource: instance({ multiAZ: false }), message: 'Single-AZ' }],
  error: [{ name: 'listing failed', resource: withError(instance(), 'multiAZ') }],
  notApplicable: [{ name: 'Aurora member (cluster-level)', resource: auroraMember() }],
});
