import { defineAwsCheck } from '../../context.ts';
import type { Ec2InstanceAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2InstanceAttributes>({
  id: 'ec2_instance_profile_attached',
  service: 'ec2',
  title: 'EC2 instances use an IAM instance profile for AWS access',
  severity: 'medium',
  resourceType: 'AwsEc2Instance',
  requires: ['iamInstanceProfileArn'],
  categories: ['identity-access'],
  description:
    'Checks that every instance has an IAM instance profile attached, so software on it obtains short-lived, automatically rotated role credentials instead of stored access keys.',
  risk:
    'Instances without a role tend to carry long-term access keys in files, environment variables or user data, where they leak through backups, images and compromised hosts and stay valid until someone rotates them.',
  remediation: {
    recommendation:
      'Create a role with only the permissions the workload needs, attach it through an instance profile, and remove any access keys stored on the instance.',
    cli: 'aws ec2 associate-iam-instance-profile --instance-id <instance-id> --iam-instance-profile Name=<profile-name>',
    terraform: 'resource "aws_instance" "app" {\n  # ...\n  iam_instance_profile = aws_iam_instance_profile.app.name\n}',
    console: 'EC2 console → Instances → select the instance → Actions → Security → Modify IAM role.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
  },
  evaluate(instance) {
    const profile = instance.attributes.iamInstanceProfileArn;
    return profile
      ? { status: 'PASS', message: `EC2 instance ${instance.name} has instance profile ${profile}.` }
      : { status: 'FAIL', message: `EC2 instance ${instance.name} has no IAM instance profile attached.` };
  },
});
