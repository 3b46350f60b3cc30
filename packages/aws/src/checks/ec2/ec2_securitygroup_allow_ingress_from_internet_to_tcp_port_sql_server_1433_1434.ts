import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_sql_server_1433_1434',
  software: 'Microsoft SQL Server',
  ports: [1433, 1434],
  severity: 'high',
  risk: "An exposed SQL Server engine or browser service is brute forced for the sa login and probed for vulnerabilities, putting the databases and the host at risk.",
});
