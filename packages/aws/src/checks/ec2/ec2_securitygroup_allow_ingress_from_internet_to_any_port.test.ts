import type { SecurityGroupRule } from '../../resources/ec2-network.ts';
import { testCheck, withError } from '../../testing/index.ts';
import { allTraffic, rule, securityGroup, tcp } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_allow_ingress_from_internet_to_any_port.ts';

const sg = (ingressRules: SecurityGroupRule[]) => securityGroup({ ingressRules });

testCheck(check, {
  pass: [
    { name: 'no inbound rules', resource: sg([]), message: 'no inbound rule open' },
    { name: 'HTTPS from a corporate range', resource: sg([tcp(443, 443, ['198.51.100.0/24', '2001:db8::/32'])]) },
    { name: 'all traffic from a security group', resource: sg([rule({ protocol: 'all', groups: [{ groupId: 'sg-1' }] })]) },
    { name: 'from 0.0.0.0/1 only (half the internet, not the whole)', resource: sg([tcp(443, 443, ['0.0.0.0/1'])]) },
  ],
  fail: [
    { name: 'HTTPS from anywhere', resource: sg([tcp(443)]), message: 'TCP 443 from 0.0.0.0/0' },
    { name: 'HTTPS from ::/0', resource: sg([tcp(443, 443, ['::/0'])]), message: 'TCP 443 from ::/0' },
    { name: 'ICMP echo from anywhere', resource: sg([rule({ protocol: 'icmp', fromPort: 8, toPort: null, ipv4Ranges: ['0.0.0.0/0'] })]), message: 'ICMP type 8' },
    { name: 'all traffic', resource: sg([allTraffic()]), message: 'all traffic' },
    {
      name: 'many rules are summarised',
      resource: sg([1, 2, 3, 4, 5, 6, 7].map((p) => tcp(p))),
      message: 'and 2 more',
    },
  ],
  error: [{ name: 'rules not collected', resource: withError(sg([]), 'ingressRules'), code: 'AccessDenied' }],
});
