import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_postgres_5432',
  software: 'PostgreSQL',
  ports: [5432],
  severity: 'high',
  risk: "A PostgreSQL server reachable from anywhere can be brute forced or exploited, exposing or destroying its data and sometimes giving command execution on the host.",
});
