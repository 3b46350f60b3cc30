import { defineAwsCheck } from '../../context.ts';
import type { SecurityGroupAttributes } from '../../resources/ec2-network.ts';
import { describeRule, internetSources } from './lib/network.ts';

export default defineAwsCheck<SecurityGroupAttributes>({
  id: 'ec2_securitygroup_allow_ingress_from_internet_to_any_port',
  service: 'ec2',
  title: 'Security group does not allow inbound traffic on any port from the internet',
  severity: 'high',
  resourceType: 'AwsEc2SecurityGroup',
  requires: ['groupName', 'ingressRules'],
  categories: ['internet-exposed'],
  description:
    'Checks that no inbound rule of the security group accepts traffic from 0.0.0.0/0 or ::/0, whatever its ' +
    'protocol and ports. Groups that must face the internet (public load balancers, web servers) will fail and ' +
    'can be muted once reviewed.',
  risk:
    'Every port opened to the whole internet is attack surface: scanners find it within minutes and any weakness ' +
    'of the service behind it can be exploited by anyone.',
  remediation: {
    recommendation:
      'Replace 0.0.0.0/0 and ::/0 sources with the CIDR blocks, prefix lists or security groups of the clients ' +
      'that need access; put internet-facing services behind a load balancer or CloudFront and mute the finding ' +
      'for the groups that are public by design.',
    cli:
      'aws ec2 describe-security-group-rules --filters Name=group-id,Values=<sg-id>\n' +
      'aws ec2 revoke-security-group-ingress --group-id <sg-id> --security-group-rule-ids <sgr-id>',
    console:
      'EC2 console → Security Groups → select the group → Inbound rules → Edit inbound rules → change the sources ' +
      '0.0.0.0/0 and ::/0 to specific ranges or security groups.',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  },
  evaluate(sg) {
    const open = sg.attributes.ingressRules.flatMap((rule) =>
      internetSources(rule).map((source) => `${describeRule(rule)} from ${source}`),
    );
    const unique = [...new Set(open)];
    const label = `Security group ${sg.name} (${sg.attributes.groupName})`;
    if (unique.length === 0) {
      return { status: 'PASS', message: `${label} has no inbound rule open to 0.0.0.0/0 or ::/0.` };
    }
    const shown = unique.slice(0, 5).join(', ') + (unique.length > 5 ? ` and ${unique.length - 5} more` : '');
    return { status: 'FAIL', message: `${label} allows inbound traffic from the internet: ${shown}.` };
  },
});
