import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_memcached_11211',
  software: 'Memcached',
  ports: [11211],
  severity: 'high',
  risk: "Memcached has no authentication by default: an exposed cache leaks its contents, can be poisoned and has been abused for large amplification attacks.",
});
