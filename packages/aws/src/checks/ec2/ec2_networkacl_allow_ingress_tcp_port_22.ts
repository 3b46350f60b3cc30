import { defineNetworkAclIngressCheck } from './lib/network-acl-check.ts';

export default defineNetworkAclIngressCheck({
  id: 'ec2_networkacl_allow_ingress_tcp_port_22',
  severity: 'medium',
  traffic: { protocol: 'tcp', port: 22 },
  what: 'TCP port 22 (SSH)',
  risk: 'SSH reachable from anywhere invites password guessing and exploitation of SSH daemon flaws.',
});
