import type { SecurityGroupRule } from '../../resources/ec2-network.ts';
import { testCheck, withError } from '../../testing/index.ts';
import { allTraffic, rule, securityGroup, tcp } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_allow_ingress_from_internet_to_all_ports.ts';

const sg = (ingressRules: SecurityGroupRule[]) => securityGroup({ ingressRules });

testCheck(check, {
  pass: [
    { name: 'no inbound rules', resource: sg([]), message: 'no inbound rule' },
    { name: 'HTTPS from anywhere only', resource: sg([tcp(443), tcp(443, 443, ['::/0'])]) },
    { name: 'all traffic from a private range', resource: sg([allTraffic(['10.0.0.0/8'])]) },
    { name: 'TCP 1-65535 from anywhere (port 0 excluded)', resource: sg([tcp(1, 65535)]) },
    { name: 'all traffic from a security group', resource: sg([rule({ protocol: 'all', groups: [{ groupId: 'sg-1' }] })]) },
    { name: 'ICMP from anywhere', resource: sg([rule({ protocol: 'icmp', ipv4Ranges: ['0.0.0.0/0'] })]) },
  ],
  fail: [
    { name: 'all traffic from 0.0.0.0/0', resource: sg([allTraffic()]), message: 'all traffic from 0.0.0.0/0' },
    { name: 'all traffic from ::/0', resource: sg([allTraffic(['::/0'])]), message: '::/0' },
    { name: 'TCP 0-65535 from 0.0.0.0/0', resource: sg([tcp(0, 65535)]), message: 'TCP 0-65535' },
    { name: 'UDP 0-65535 from ::/0', resource: sg([{ ...tcp(0, 65535, ['::/0']), protocol: 'udp' }]), message: 'UDP' },
  ],
  error: [{ name: 'rules not collected', resource: withError(sg([]), 'ingressRules'), code: 'AccessDenied' }],
});
