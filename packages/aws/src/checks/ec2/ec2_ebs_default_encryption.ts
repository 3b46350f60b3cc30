import { defineAwsCheck } from '../../context.ts';
import type { Ec2RegionalSettingsAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2RegionalSettingsAttributes>({
  id: 'ec2_ebs_default_encryption',
  service: 'ec2',
  title: 'EBS encryption by default is enabled in every region',
  severity: 'high',
  resourceType: 'AwsEc2RegionalSettings',
  requires: ['ebsEncryptionByDefault'],
  categories: ['encryption'],
  description:
    'Checks, region by region, that EBS encryption by default is turned on, so every new volume and snapshot copy in the region is encrypted even when the caller does not ask for it.',
  risk:
    'Without the regional default, any tool, template or person that forgets the encryption flag creates unencrypted volumes, and their data and snapshots stay readable in clear.',
  remediation: {
    recommendation:
      'Enable EBS encryption by default in every region you use (it is a per-region setting), optionally with a customer managed KMS key as the default key.',
    cli: 'aws ec2 enable-ebs-encryption-by-default --region <region>\naws ec2 modify-ebs-default-kms-key-id --kms-key-id <key-arn> --region <region>  # optional',
    terraform: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}',
    console: 'EC2 console → Settings (Account attributes) → Data protection and security → EBS encryption → Manage → Always encrypt new EBS volumes.',
    url: 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
  },
  evaluate(settings) {
    return settings.attributes.ebsEncryptionByDefault
      ? { status: 'PASS', message: `EBS encryption by default is enabled in ${settings.name}.` }
      : { status: 'FAIL', message: `EBS encryption by default is disabled in ${settings.name}.` };
  },
});
