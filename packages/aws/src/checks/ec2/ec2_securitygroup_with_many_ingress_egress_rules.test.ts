import { testCheck, withError } from '../../testing/index.ts';
import { allTraffic, rule, securityGroup, tcp } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_with_many_ingress_egress_rules.ts';

const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `10.0.${i}.0/24`);

testCheck(check, {
  pass: [
    { name: 'no rules', resource: securityGroup(), message: '0 rules' },
    { name: 'exactly 50', resource: securityGroup({ ingressRules: [tcp(443, 443, cidrs(49))], egressRules: [allTraffic()] }), message: '50 rules' },
    { name: '60 with maxRules 60', resource: securityGroup({ ingressRules: [tcp(443, 443, cidrs(60))] }), options: { maxRules: 60 } },
  ],
  fail: [
    {
      name: '51 counting each CIDR, group and prefix list',
      resource: securityGroup({
        ingressRules: [tcp(443, 443, cidrs(48)), rule({ protocol: 'all', groups: [{ groupId: 'sg-1' }], prefixListIds: ['pl-1'] })],
        egressRules: [allTraffic()],
      }),
      message: '51 rules (50 inbound, 1 outbound)',
    },
    { name: '11 with maxRules 10', resource: securityGroup({ egressRules: [allTraffic(cidrs(11))] }), options: { maxRules: 10 }, message: 'more than 10' },
  ],
  error: [{ name: 'ingress not collected', resource: withError(securityGroup(), 'ingressRules'), code: 'AccessDenied' }],
});
