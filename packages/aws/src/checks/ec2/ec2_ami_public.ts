import { defineAwsCheck } from '../../context.ts';
import type { Ec2ImageAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2ImageAttributes>({
  id: 'ec2_ami_public',
  service: 'ec2',
  title: 'AMIs owned by the account are not public',
  severity: 'critical',
  resourceType: 'AwsEc2Image',
  requires: ['public'],
  categories: ['internet-exposed'],
  description: 'Checks that no Amazon Machine Image owned by the account has public launch permissions.',
  risk:
    'Anyone can launch a public AMI and read its disks, which often hold application code, configuration, credentials, keys or customer data baked into the image.',
  remediation: {
    recommendation:
      'Remove the public launch permission (share the AMI with named accounts or your organization instead) and enable block public access for AMIs in every region.',
    cli: 'aws ec2 modify-image-attribute --image-id <ami-id> --launch-permission "Remove=[{Group=all}]"\naws ec2 enable-image-block-public-access --image-block-public-access-state block-new-sharing',
    console: 'EC2 console → Images → AMIs → select the AMI → Actions → Edit AMI permissions → Private.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html',
  },
  evaluate(image) {
    const label = image.attributes.imageName ? `${image.name} (${image.attributes.imageName})` : image.name;
    return image.attributes.public
      ? { status: 'FAIL', message: `AMI ${label} is public: any AWS account can launch it.` }
      : { status: 'PASS', message: `AMI ${label} is not public.` };
  },
});
