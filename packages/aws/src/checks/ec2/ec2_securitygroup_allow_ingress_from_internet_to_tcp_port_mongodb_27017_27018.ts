import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_mongodb_27017_27018',
  software: 'MongoDB',
  ports: [27017, 27018],
  severity: 'high',
  risk: "MongoDB instances reachable from the internet have been wiped and held to ransom by the thousand, most often because authentication was left off.",
});
