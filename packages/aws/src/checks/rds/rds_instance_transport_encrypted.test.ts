import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_transport_encrypted.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'PostgreSQL forced', resource: instance({ transportParameters: { 'rds.force_ssl': '1' } }), message: 'rds.force_ssl = 1' },
    { name: 'MySQL ON', resource: instance({ engine: 'mysql', transportParameters: { require_secure_transport: 'ON' } }), message: 'require_secure_transport = ON' },
    { name: 'SQL Server forced', resource: instance({ engine: 'sqlserver-se', transportParameters: { 'rds.force_ssl': '1' } }) },
  ],
  fail: [
    { name: 'PostgreSQL 0', resource: instance({ transportParameters: { 'rds.force_ssl': '0' } }), message: 'accepts unencrypted connections' },
    { name: 'MariaDB OFF', resource: instance({ engine: 'mariadb', transportParameters: { require_secure_transport: 'OFF' } }) },
    { name: 'MySQL without the parameter', resource: instance({ engine: 'mysql', transportParameters: { 'rds.force_ssl': '1' } }), message: 'no require_secure_transport value' },
    { name: 'not collected for the instance', resource: instance({ transportParameters: null }), message: 'no rds.force_ssl value' },
  ],
  error: [{ name: 'parameters denied', resource: withError(instance(), 'transportParameters'), code: 'AccessDenied' }],
  notApplicable: [
    { name: 'Aurora member', resource: auroraMember({ transportParameters: null }) },
    { name: 'Oracle', resource: instance({ engine: 'oracle-ee', transportParameters: null }) },
  ],
});
