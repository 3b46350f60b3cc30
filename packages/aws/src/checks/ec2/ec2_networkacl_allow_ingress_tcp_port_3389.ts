import { defineNetworkAclIngressCheck } from './lib/network-acl-check.ts';

export default defineNetworkAclIngressCheck({
  id: 'ec2_networkacl_allow_ingress_tcp_port_3389',
  severity: 'medium',
  traffic: { protocol: 'tcp', port: 3389 },
  what: 'TCP port 3389 (RDP)',
  risk: 'Remote Desktop reachable from anywhere is a common ransomware entry point through credential attacks and RDP vulnerabilities.',
});
