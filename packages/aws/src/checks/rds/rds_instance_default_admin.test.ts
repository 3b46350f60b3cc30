import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_default_admin.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'custom name', resource: instance(), message: 'non-default master user name "orders_admin"' },
    { name: 'no master user (e.g. replica)', resource: instance({ masterUsername: null }), message: 'no master user' },
  ],
  fail: [
    { name: 'postgres', resource: instance({ masterUsername: 'postgres' }), message: 'default master user name "postgres"' },
    { name: 'Admin (case-insensitive)', resource: instance({ engine: 'mysql', masterUsername: 'Admin' }) },
    { name: 'custom list', resource: instance({ masterUsername: 'root' }), options: { defaultUsernames: ['root'] } },
  ],
  error: [{ name: 'listing failed', resource: withError(instance(), 'masterUsername') }],
  notApplicable: [{ name: 'Aurora member', resource: auroraMember() }],
});
