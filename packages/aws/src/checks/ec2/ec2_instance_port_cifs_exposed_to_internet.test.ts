import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_instance_port_cifs_exposed_to_internet.ts';
import { instance } from './lib/compute-fixtures.ts';
import { allTraffic, securityGroup, tcp } from './lib/network-fixtures.ts';

const sg = (groupId: string, ingressRules = [tcp(443)], region?: string) =>
  securityGroup({ groupId, ingressRules }, { name: groupId, ...(region ? { region } : {}) });

const web = instance({ securityGroupIds: ['sg-web', 'sg-files'], publicIp: '54.1.2.3' });

testCheck(check, {
  pass: [
    {
      name: 'only HTTPS open',
      resource: web,
      related: { AwsEc2SecurityGroup: [sg('sg-web'), sg('sg-files', [tcp(445, 445, ['10.0.0.0/8'])])] },
      message: 'no security group opening CIFS',
    },
    {
      name: 'open group not attached to the instance',
      resource: instance({ securityGroupIds: ['sg-web'] }),
      related: { AwsEc2SecurityGroup: [sg('sg-web'), sg('sg-other', [tcp(445)])] },
    },
    {
      name: 'same group id in another region',
      resource: instance({ securityGroupIds: ['sg-files'] }),
      related: { AwsEc2SecurityGroup: [sg('sg-files', [tcp(445)], 'eu-west-1')] },
    },
    { name: 'no security groups', resource: instance({ securityGroupIds: [] }), related: { AwsEc2SecurityGroup: [] } },
  ],
  fail: [
    {
      name: 'SMB open on a public instance',
      resource: web,
      related: { AwsEc2SecurityGroup: [sg('sg-web'), sg('sg-files', [tcp(445)])] },
      message: 'has public IP 54.1.2.3 and allows CIFS from the internet through sg-files',
    },
    {
      name: 'NetBIOS open over IPv6 on a private instance',
      resource: instance({ securityGroupIds: ['sg-files'] }),
      related: { AwsEc2SecurityGroup: [sg('sg-files', [tcp(139, 139, ['::/0'])])] },
      message: 'no public IP address',
    },
    {
      name: 'port range covering 445',
      resource: web,
      related: { AwsEc2SecurityGroup: [sg('sg-files', [tcp(400, 500)])] },
      message: 'sg-files',
    },
    { name: 'all traffic open', resource: web, related: { AwsEc2SecurityGroup: [sg('sg-web', [allTraffic()])] }, message: 'sg-web' },
  ],
  error: [
    { name: 'instance attribute failed', resource: withError(web, 'securityGroupIds'), code: 'AccessDenied' },
    {
      name: 'security group rules failed',
      resource: web,
      related: { AwsEc2SecurityGroup: [withError(sg('sg-files'), 'ingressRules', 'UnauthorizedOperation')] },
      code: 'UnauthorizedOperation',
    },
  ],
});
