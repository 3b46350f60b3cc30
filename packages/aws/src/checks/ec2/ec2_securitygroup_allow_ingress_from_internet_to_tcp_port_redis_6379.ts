import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_redis_6379',
  software: 'Redis',
  ports: [6379],
  severity: 'high',
  risk: "Redis is often deployed without authentication; an exposed instance lets anyone read and overwrite its data and is a well-known route to remote code execution.",
});
