import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_cifs_139_445',
  software: 'SMB/CIFS',
  ports: [139, 445],
  severity: 'high',
  risk: "SMB file sharing exposed to the internet has carried worms such as WannaCry and lets attackers enumerate shares and brute force Windows credentials.",
});
