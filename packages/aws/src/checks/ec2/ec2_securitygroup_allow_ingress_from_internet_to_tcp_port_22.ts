import { defineSecurityGroupPortCheck } from './lib/network-port-check.ts';

export default defineSecurityGroupPortCheck({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22',
  software: 'SSH',
  ports: [22],
  severity: 'high',
  risk: "Anyone on the internet can attempt SSH logins against the instances behind the group: password guessing, stolen keys and SSH daemon vulnerabilities all lead to a shell on the host.",
});
