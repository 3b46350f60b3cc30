import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_iam_authentication_enabled.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [{ name: 'enabled', resource: instance(), message: 'has IAM database authentication enabled' }],
  fail: [
    { name: 'disabled', resource: instance({ iamDatabaseAuthenticationEnabled: false }), message: 'does not have' },
    { name: 'MariaDB disabled', resource: instance({ engine: 'mariadb', iamDatabaseAuthenticationEnabled: false }) },
  ],
  error: [{ name: 'listing failed', resource: withError(instance(), 'iamDatabaseAuthenticationEnabled') }],
  notApplicable: [
    { name: 'SQL Server', resource: instance({ engine: 'sqlserver-se', iamDatabaseAuthenticationEnabled: false }) },
    { name: 'Oracle', resource: instance({ engine: 'oracle-ee', iamDatabaseAuthenticationEnabled: false }) },
    { name: 'Aurora member', resource: auroraMember() },
  ],
});
