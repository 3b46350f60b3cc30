import { defineAwsCheck } from '../../context.ts';
import type { Ec2InstanceAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2InstanceAttributes>({
  id: 'ec2_instance_internet_facing_with_instance_profile',
  service: 'ec2',
  title: 'Internet-facing EC2 instances have no IAM instance profile',
  severity: 'high',
  resourceType: 'AwsEc2Instance',
  requires: ['publicIp', 'iamInstanceProfileArn'],
  categories: ['internet-exposed', 'identity-access'],
  description:
    'Checks for instances that both have a public IPv4 address and carry an IAM instance profile, i.e. AWS credentials one exploit away from the internet.',
  risk:
    'If an internet-reachable instance is compromised, its role credentials can be read from the metadata service and used against the account with every permission the role grants.',
  remediation: {
    recommendation:
      'Move the instance behind a load balancer in a private subnet, or remove the instance profile if it is not needed; otherwise keep the role to the minimum permissions and require IMDSv2.',
    cli: 'aws ec2 disassociate-iam-instance-profile --association-id <association-id>',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
  },
  evaluate(instance) {
    const { publicIp, iamInstanceProfileArn } = instance.attributes;
    if (!publicIp) return { status: 'PASS', message: `EC2 instance ${instance.name} has no public IP address.` };
    if (!iamInstanceProfileArn) {
      return { status: 'PASS', message: `EC2 instance ${instance.name} has public IP ${publicIp} but no instance profile.` };
    }
    return {
      status: 'FAIL',
      message: `EC2 instance ${instance.name} has public IP ${publicIp} and instance profile ${iamInstanceProfileArn}.`,
    };
  },
});
