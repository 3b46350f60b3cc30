import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_minor_version_upgrade_enabled.ts';
import { auroraMember, instance } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'enabled', resource: instance(), message: 'upgrades minor engine versions automatically' },
    { name: 'Aurora member (instance-level setting)', resource: auroraMember() },
  ],
  fail: [
    { name: 'disabled', resource: instance({ autoMinorVersionUpgrade: false }), message: 'does not upgrade' },
    { name: 'Aurora member disabled', resource: auroraMember({ autoMinorVersionUpgrade: false }) },
  ],
  error: [{ name: 'listing failed', resource: withError(instance(), 'autoMinorVersionUpgrade') }],
  notApplicable: [{ name: 'Multi-AZ DB cluster member', resource: instance({ dbClusterIdentifier: 'pg-maz', autoMinorVersionUpgrade: false }) }],
});
