import { testCheck, withError } from '../../testing/index.ts';
import { allTraffic, securityGroup, tcp } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_allow_wide_open_public_ipv4.ts';

testCheck(check, {
  pass: [
    { name: 'no rules', resource: securityGroup(), message: 'wider than /24' },
    { name: 'a public /24 and a /32', resource: securityGroup({ ingressRules: [tcp(443, 443, ['8.8.8.0/24', '1.2.3.4/32'])] }) },
    { name: 'private /8 ranges', resource: securityGroup({ ingressRules: [tcp(22, 22, ['10.0.0.0/8', '172.16.0.0/12', '100.64.0.0/10'])] }) },
    { name: '0.0.0.0/0 is left to other checks', resource: securityGroup({ egressRules: [allTraffic()] }) },
    { name: 'IPv6 ranges are not in scope', resource: securityGroup({ ingressRules: [tcp(443, 443, ['2600::/16'])] }) },
    { name: 'a /20 with the threshold lowered to 16', resource: securityGroup({ ingressRules: [tcp(443, 443, ['52.94.0.0/20'])] }), options: { minPrefixLength: 16 } },
  ],
  fail: [
    { name: 'inbound from a public /8', resource: securityGroup({ ingressRules: [tcp(443, 443, ['52.0.0.0/8'])] }), message: 'inbound from 52.0.0.0/8' },
    { name: 'outbound to a public /16', resource: securityGroup({ egressRules: [allTraffic(['54.239.0.0/16'])] }), message: 'outbound to 54.239.0.0/16' },
    { name: 'a /1 that covers private and public space', resource: securityGroup({ ingressRules: [tcp(22, 22, ['0.0.0.0/1'])] }), message: '0.0.0.0/1' },
  ],
  error: [{ name: 'egress not collected', resource: withError(securityGroup(), 'egressRules'), code: 'AccessDenied' }],
});
