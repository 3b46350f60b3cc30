import { testCheck, withError } from '../../testing/index.ts';
import { networkAcl } from './lib/network-fixtures.ts';
import check from './ec2_networkacl_unused.ts';

testCheck(check, {
  pass: [{ name: 'associated', resource: networkAcl({ associatedSubnetIds: ['subnet-1', 'subnet-2'] }), message: '2 subnet' }],
  fail: [{ name: 'no association', resource: networkAcl({ associatedSubnetIds: [] }), message: 'not associated' }],
  error: [{ name: 'not collected', resource: withError(networkAcl(), 'associatedSubnetIds'), code: 'AccessDenied' }],
  notApplicable: [{ name: 'default ACL', resource: networkAcl({ isDefault: true, associatedSubnetIds: [] }) }],
});
