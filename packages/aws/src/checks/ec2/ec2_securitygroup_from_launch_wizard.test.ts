import { testCheck, withError } from '../../testing/index.ts';
import { securityGroup } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_from_launch_wizard.ts';

testCheck(check, {
  pass: [
    { name: 'named group', resource: securityGroup({ groupName: 'web-servers' }), message: 'was not created' },
    { name: 'default group', resource: securityGroup({ groupName: 'default', isDefault: true }) },
  ],
  fail: [{ name: 'launch-wizard-3', resource: securityGroup({ groupName: 'launch-wizard-3' }), message: 'launch-wizard-3' }],
  error: [{ name: 'name not collected', resource: withError(securityGroup(), 'groupName'), code: 'AccessDenied' }],
});
