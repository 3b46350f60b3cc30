import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_oracle_1521_2483',
  software: 'Oracle Database',
  ports: [1521, 2483, 2484],
  severity: 'high',
  risk: "An Oracle listener reachable from anywhere can be enumerated, brute forced and attacked through listener vulnerabilities, exposing the databases behind it.",
});
