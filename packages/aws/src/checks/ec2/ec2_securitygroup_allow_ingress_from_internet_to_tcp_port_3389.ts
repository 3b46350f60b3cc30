import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389',
  software: 'RDP',
  ports: [3389],
  severity: 'high',
  risk: "Remote Desktop exposed to the internet is a favourite entry point for ransomware: credential stuffing and RDP vulnerabilities give an attacker an interactive Windows session.",
});
