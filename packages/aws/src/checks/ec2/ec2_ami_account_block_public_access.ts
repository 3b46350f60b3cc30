import { defineAwsCheck } from '../../context.ts';
import type { Ec2RegionalSettingsAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2RegionalSettingsAttributes>({
  id: 'ec2_ami_account_block_public_access',
  service: 'ec2',
  title: 'Block public access for AMIs is enabled in every region',
  severity: 'medium',
  resourceType: 'AwsEc2RegionalSettings',
  requires: ['imageBlockPublicAccessState'],
  categories: ['internet-exposed'],
  description:
    "Checks, region by region, that block public access for AMIs is enabled ('block-new-sharing'), which prevents anyone in the account from making an AMI public.",
  risk:
    'Without the setting, a single modify-image-attribute call (or a console click) publishes an image and everything baked into it to every AWS account.',
  remediation: {
    recommendation:
      'Enable block public access for AMIs in every region you use. It does not change AMIs that are already public: make those private separately (see ec2_ami_public).',
    cli: 'aws ec2 enable-image-block-public-access --image-block-public-access-state block-new-sharing --region <region>',
    console: 'EC2 console → Settings (Data protection and security) → Block public access for AMIs → Manage → Block new public sharing.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html',
  },
  evaluate(settings) {
    const state = settings.attributes.imageBlockPublicAccessState;
    return state === 'block-new-sharing'
      ? { status: 'PASS', message: `Block public access for AMIs is enabled in ${settings.name}.` }
      : { status: 'FAIL', message: `Block public access for AMIs is not enabled in ${settings.name} (state ${state}).` };
  },
});
