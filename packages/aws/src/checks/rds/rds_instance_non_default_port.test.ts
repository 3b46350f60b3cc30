import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_non_default_port.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'custom port', resource: instance(), message: 'non-default port 6543' },
    { name: 'PostgreSQL on 3306', resource: instance({ port: 3306 }) },
  ],
  fail: [
    { name: 'PostgreSQL 5432', resource: instance({ port: 5432 }), message: 'default postgres port 5432' },
    { name: 'SQL Server 1433', resource: instance({ engine: 'sqlserver-ex', port: 1433 }) },
    { name: 'Oracle 1521', resource: instance({ engine: 'oracle-se2', port: 1521 }) },
  ],
  manual: [{ name: 'being created', resource: instance({ port: null, status: 'creating' }), message: 'no endpoint port' }],
  error: [{ name: 'listing failed', resource: withError(instance(), 'port') }],
  notApplicable: [
    { name: 'Aurora member', resource: auroraMember() },
    { name: 'unknown engine', resource: instance({ engine: 'some-new-engine', port: 1234 }) },
  ],
});
