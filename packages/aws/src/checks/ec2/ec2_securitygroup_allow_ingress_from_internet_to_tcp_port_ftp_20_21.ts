import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_ftp_20_21',
  software: 'FTP',
  ports: [20, 21],
  severity: 'high',
  risk: "FTP sends credentials and files in clear text and its servers are often configured for anonymous access, so an exposed FTP service leaks data and passwords.",
});
