import { defineAwsCheck } from '../../context.ts';
import type { SecurityGroupAttributes } from '../../resources/ec2-network.ts';

export default defineAwsCheck<SecurityGroupAttributes>({
  id: 'ec2_securitygroup_from_launch_wizard',
  service: 'ec2',
  title: 'Security group was not created by the EC2 launch wizard',
  severity: 'medium',
  resourceType: 'AwsEc2SecurityGroup',
  requires: ['groupName'],
  categories: [],
  description:
    'Checks whether the security group is one the EC2 console launch wizard created automatically (named ' +
    '`launch-wizard-N`), typically with SSH or RDP open to 0.0.0.0/0.',
  risk:
    'Launch-wizard groups are created on the fly with permissive defaults and no owner or purpose, and tend to be ' +
    'reused for unrelated instances, spreading their open administration ports.',
  remediation: {
    recommendation:
      'Create named, least-privilege security groups managed as code, move the instances to them and delete the ' +
      'launch-wizard groups.',
    cli:
      'aws ec2 modify-instance-attribute --instance-id <instance-id> --groups <new-sg-id>\n' +
      'aws ec2 delete-security-group --group-id <launch-wizard-sg-id>',
    console: 'EC2 console → Security Groups → filter on "launch-wizard" → replace the groups on their instances, then delete them.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/creating-security-group.html',
  },
  evaluate(sg) {
    const name = sg.attributes.groupName;
    return /^launch-wizard/i.test(name)
      ? { status: 'FAIL', message: `Security group ${sg.name} (${name}) was created by the EC2 launch wizard.` }
      : { status: 'PASS', message: `Security group ${sg.name} (${name}) was not created by the EC2 launch wizard.` };
  },
});
