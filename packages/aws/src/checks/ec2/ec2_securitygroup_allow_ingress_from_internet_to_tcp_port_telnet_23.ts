import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_telnet_23',
  software: 'Telnet',
  ports: [23],
  severity: 'high',
  risk: "Telnet carries logins and whole sessions unencrypted and is commonly left with default credentials, handing remote shells to whoever connects or listens.",
});
