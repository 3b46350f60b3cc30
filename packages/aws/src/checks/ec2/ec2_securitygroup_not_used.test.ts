import { testCheck, withError } from '../../testing/index.ts';
import { rule, securityGroup } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_not_used.ts';

const unused = securityGroup({ groupId: 'sg-0unused', groupName: 'old' });
const referencing = securityGroup({
  groupId: 'sg-0app',
  ingressRules: [rule({ protocol: 'tcp', fromPort: 5432, toPort: 5432, groups: [{ groupId: 'sg-0unused' }] })],
});
const unrelated = securityGroup({ groupId: 'sg-0other', networkInterfaceIds: ['eni-1'] });

testCheck(check, {
  pass: [
    { name: 'attached to ENIs', resource: securityGroup({ networkInterfaceIds: ['eni-0a', 'eni-0b'] }), message: '2 network interface' },
    { name: 'referenced by another group', resource: unused, related: { AwsEc2SecurityGroup: [unused, referencing] }, message: 'referenced by sg-0app' },
  ],
  fail: [
    { name: 'no ENI, no reference', resource: unused, related: { AwsEc2SecurityGroup: [unused, unrelated] }, message: 'not attached' },
    {
      name: 'only references itself',
      resource: securityGroup({ groupId: 'sg-0self', ingressRules: [rule({ protocol: 'all', groups: [{ groupId: 'sg-0self' }] })] }),
    },
  ],
  error: [
    { name: 'ENIs not listed', resource: withError(unused, 'networkInterfaceIds', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' },
    {
      name: 'another group failed to collect its rules',
      resource: unused,
      related: { AwsEc2SecurityGroup: [unused, withError(unrelated, 'ingressRules')] },
      code: 'AccessDenied',
    },
  ],
  notApplicable: [{ name: 'default group', resource: securityGroup({ groupName: 'default', isDefault: true }) }],
});
