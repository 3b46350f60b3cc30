import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_copy_tags_to_snapshots.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [{ name: 'copies', resource: instance(), message: 'copies its tags' }],
  fail: [{ name: 'does not copy', resource: instance({ copyTagsToSnapshot: false }), message: 'does not copy' }],
  error: [{ name: 'listing failed', resource: withError(instance(), 'copyTagsToSnapshot') }],
  notApplicable: [{ name: 'Aurora member', resource: auroraMember() }],
});
