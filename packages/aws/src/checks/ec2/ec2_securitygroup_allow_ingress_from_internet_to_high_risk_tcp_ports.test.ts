import type { SecurityGroupRule } from '../../resources/ec2-network.ts';
import { testCheck, withError } from '../../testing/index.ts';
import { allTraffic, securityGroup, tcp } from './lib/network-fixtures.ts';
import check from './ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports.ts';

const sg = (ingressRules: SecurityGroupRule[]) => securityGroup({ ingressRules });

testCheck(check, {
  pass: [
    { name: 'no inbound rules', resource: sg([]), message: 'does not open' },
    { name: 'HTTPS from anywhere', resource: sg([tcp(443)]) },
    { name: '8080 from a private range', resource: sg([tcp(8080, 8080, ['10.0.0.0/8'])]) },
    { name: '8080 with a custom list that omits it', resource: sg([tcp(8080)]), options: { ports: [9999] } },
  ],
  fail: [
    { name: 'SMTP from anywhere', resource: sg([tcp(25)]), message: 'port(s) 25' },
    { name: '8080 from ::/0', resource: sg([tcp(8080, 8080, ['::/0'])]), message: '::/0' },
    { name: 'range 3000-5000', resource: sg([tcp(3000, 5000)]), message: '3000, 4333, 5000' },
    { name: 'all traffic', resource: sg([allTraffic()]), message: 'all traffic' },
    { name: 'custom port list', resource: sg([tcp(9999)]), options: { ports: [9999] }, message: '9999' },
  ],
  error: [{ name: 'rules not collected', resource: withError(sg([]), 'ingressRules'), code: 'AccessDenied' }],
});
