import { defineAwsCheck } from '../../context.ts';
import type { SecurityGroupAttributes } from '../../resources/ec2-network.ts';
import { coversAllPorts, describeRule, internetSources } from './lib/network.ts';

export default defineAwsCheck<SecurityGroupAttributes>({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_all_ports',
  service: 'ec2',
  title: 'Security group does not allow inbound traffic on all ports from the internet',
  severity: 'critical',
  resourceType: 'AwsEc2SecurityGroup',
  requires: ['groupName', 'ingressRules'],
  categories: ['internet-exposed'],
  description:
    'Checks that no inbound rule of the security group accepts every port from 0.0.0.0/0 or ::/0: an "all traffic" ' +
    'rule (protocol -1) or a TCP/UDP rule spanning ports 0-65535.',
  risk:
    'Every service listening on the attached instances, including administration ports such as SSH and RDP and ' +
    'services never meant to be public, becomes reachable by anyone on the internet.',
  remediation: {
    recommendation:
      'Delete the rules that open all ports to 0.0.0.0/0 or ::/0 and allow only the ports the workload serves, ' +
      'from the narrowest sources possible.',
    cli:
      "aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]' " +
      "'IpProtocol=-1,Ipv6Ranges=[{CidrIpv6=::/0}]'",
    terraform:
      'resource "aws_vpc_security_group_ingress_rule" "https" {\n  security_group_id = aws_security_group.example.id\n' +
      '  ip_protocol       = "tcp"\n  from_port         = 443\n  to_port           = 443\n  cidr_ipv4         = "0.0.0.0/0"\n}',
    console:
      'EC2 console → Security Groups → select the group → Inbound rules → Edit inbound rules → remove "All traffic" ' +
      'or 0-65535 rules whose source is 0.0.0.0/0 or ::/0.',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  },
  evaluate(sg) {
    const open = sg.attributes.ingressRules
      .filter(coversAllPorts)
      .flatMap((rule) => internetSources(rule).map((source) => `${describeRule(rule)} from ${source}`));
    const label = `Security group ${sg.name} (${sg.attributes.groupName})`;
    return open.length > 0
      ? { status: 'FAIL', message: `${label} allows all ports from the internet: ${[...new Set(open)].join(', ')}.` }
      : { status: 'PASS', message: `${label} has no inbound rule opening all ports to 0.0.0.0/0 or ::/0.` };
  },
});
