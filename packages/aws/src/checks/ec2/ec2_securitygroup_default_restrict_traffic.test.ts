import { testCheck, withError } from '../../testing/index.ts';
import { allTraffic, rule, securityGroup } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_default_restrict_traffic.ts';

const def = (a: Parameters<typeof securityGroup>[0] = {}) =>
  securityGroup({ groupName: 'default', isDefault: true, ...a }, { name: 'sg-0default0000000' });
const selfRef = rule({ protocol: 'all', groups: [{ groupId: 'sg-0default0000000', userId: '123456789012' }] });

testCheck(check, {
  pass: [{ name: 'default group emptied', resource: def(), message: 'has no inbound or outbound rules' }],
  fail: [
    { name: 'as created by AWS', resource: def({ ingressRules: [selfRef], egressRules: [allTraffic()] }), message: '1 inbound and 1 outbound' },
    { name: 'outbound only', resource: def({ egressRules: [allTraffic(['0.0.0.0/0', '::/0'])] }), message: '0 inbound and 2 outbound' },
    { name: 'inbound only', resource: def({ ingressRules: [selfRef] }), message: 'vpc-0a1b2c3d' },
  ],
  error: [{ name: 'egress not collected', resource: withError(def(), 'egressRules'), code: 'AccessDenied' }],
  notApplicable: [{ name: 'a non-default group', resource: securityGroup({ ingressRules: [selfRef] }) }],
});
