import { defineAwsCheck } from '../../context.ts';
import type { SecurityGroupAttributes } from '../../resources/ec2-network.ts';
import { countRules } from './lib/network.ts';

export default defineAwsCheck<SecurityGroupAttributes>({
  id: 'ec2_securitygroup_default_restrict_traffic',
  service: 'ec2',
  title: 'Default security group of every VPC has no inbound or outbound rules',
  severity: 'high',
  resourceType: 'AwsEc2SecurityGroup',
  requires: ['isDefault', 'vpcId', 'ingressRules', 'egressRules'],
  categories: ['trust-boundaries', 'internet-exposed'],
  description:
    'Checks that the default security group AWS creates in each VPC has had all its rules removed, so that it ' +
    'blocks all traffic. By default it allows all traffic between its members and all outbound traffic.',
  risk:
    'Resources launched without an explicit security group land in the default group; with its rules in place ' +
    'they can talk to each other and to the internet unchecked, which defeats segmentation and helps lateral ' +
    'movement and data exfiltration.',
  remediation: {
    recommendation:
      'Remove every inbound and outbound rule from the default security group of each VPC and attach purpose-built ' +
      'least-privilege groups to resources instead (the default group itself cannot be deleted).',
    cli:
      'aws ec2 revoke-security-group-ingress --group-id <default-sg-id> --ip-permissions \'IpProtocol=-1,UserIdGroupPairs=[{GroupId=<default-sg-id>}]\'\n' +
      "aws ec2 revoke-security-group-egress --group-id <default-sg-id> --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'",
    terraform:
      '# Adopting the default group with no rule blocks removes all its rules.\nresource "aws_default_security_group" "default" {\n  vpc_id = aws_vpc.main.id\n}',
    console:
      'VPC console → Security groups → the group named "default" of each VPC → Inbound rules and Outbound rules → ' +
      'Edit → delete every rule.',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
  },
  appliesTo: (sg) => sg.attributes.isDefault === true,
  evaluate(sg) {
    const inbound = countRules(sg.attributes.ingressRules);
    const outbound = countRules(sg.attributes.egressRules);
    const label = `Default security group ${sg.name} of ${sg.attributes.vpcId ?? 'its VPC'}`;
    return inbound === 0 && outbound === 0
      ? { status: 'PASS', message: `${label} has no inbound or outbound rules.` }
      : {
          status: 'FAIL',
          message: `${label} still has ${inbound} inbound and ${outbound} outbound rule(s); it should allow no traffic.`,
        };
  },
});
