import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_no_public_access.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'private', resource: instance(), message: 'is not publicly accessible' },
    { name: 'private Aurora member', resource: auroraMember() },
  ],
  fail: [
    { name: 'public', resource: instance({ publiclyAccessible: true }), message: 'is publicly accessible' },
    { name: 'public Aurora member', resource: auroraMember({ publiclyAccessible: true }) },
  ],
  error: [{ name: 'listing failed', resource: withError(instance(), 'publiclyAccessible') }],
});
