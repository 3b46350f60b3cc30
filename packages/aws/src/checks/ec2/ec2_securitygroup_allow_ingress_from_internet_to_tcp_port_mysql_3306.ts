import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mysql_3306',
  software: 'MySQL',
  ports: [3306],
  severity: 'high',
  risk: "A MySQL listener reachable from anywhere invites password brute forcing and exploitation of database vulnerabilities, putting the stored data at risk of theft or destruction.",
});
