import { defineAwsCheck } from '../../context.ts';
import type { Ec2VolumeAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2VolumeAttributes>({
  id: 'ec2_ebs_volume_encryption',
  service: 'ec2',
  title: 'EBS volumes are encrypted at rest',
  severity: 'high',
  resourceType: 'AwsEc2Volume',
  requires: ['encrypted'],
  categories: ['encryption'],
  description:
    'Checks that every EBS volume is encrypted, so its data, its snapshots and the traffic between the volume and its instance are protected with a KMS key.',
  risk:
    'An unencrypted volume leaves its data readable by anyone who obtains a copy of it, for example through a snapshot shared by mistake, and it cannot meet compliance requirements for data at rest.',
  remediation: {
    recommendation:
      'An existing volume cannot be encrypted in place: snapshot it, copy the snapshot with encryption enabled, create a volume from the encrypted copy and swap it in. Turn on EBS encryption by default so new volumes are always encrypted.',
    cli: 'aws ec2 create-snapshot --volume-id <volume-id>\naws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snapshot-id> --encrypted --kms-key-id <key-id>\naws ec2 create-volume --snapshot-id <encrypted-snapshot-id> --availability-zone <az>',
    terraform: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "<az>"\n  size              = 100\n  encrypted         = true\n  kms_key_id        = aws_kms_key.ebs.arn\n}',
    cloudformation: 'DataVolume:\n  Type: AWS::EC2::Volume\n  Properties:\n    AvailabilityZone: <az>\n    Size: 100\n    Encrypted: true\n    KmsKeyId: !Ref EbsKey',
    url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
  },
  evaluate(volume) {
    return volume.attributes.encrypted
      ? { status: 'PASS', message: `EBS volume ${volume.name} is encrypted.` }
      : { status: 'FAIL', message: `EBS volume ${volume.name} is not encrypted.` };
  },
});
