import { defineAwsCheck } from '../../context.ts';
import type { Ec2SnapshotAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2SnapshotAttributes>({
  id: 'ec2_ebs_snapshots_encrypted',
  service: 'ec2',
  title: 'EBS snapshots owned by the account are encrypted',
  severity: 'high',
  resourceType: 'AwsEc2Snapshot',
  requires: ['encrypted'],
  categories: ['encryption'],
  description: 'Checks that every EBS snapshot the account owns is encrypted with a KMS key.',
  risk:
    'An unencrypted snapshot is a full copy of a disk in clear: whoever can copy or restore it, or receives it through a share, reads the data without needing any key permission.',
  remediation: {
    recommendation:
      'Copy unencrypted snapshots with encryption enabled, delete the unencrypted originals, and enable EBS encryption by default so future volumes (and their snapshots) are encrypted.',
    cli: 'aws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snapshot-id> --encrypted --kms-key-id <key-id>\naws ec2 delete-snapshot --snapshot-id <snapshot-id>',
    terraform: 'resource "aws_ebs_snapshot_copy" "encrypted" {\n  source_snapshot_id = "<snapshot-id>"\n  source_region      = "<region>"\n  encrypted          = true\n  kms_key_id         = aws_kms_key.ebs.arn\n}',
    url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html',
  },
  evaluate(snapshot) {
    return snapshot.attributes.encrypted
      ? { status: 'PASS', message: `EBS snapshot ${snapshot.name} is encrypted.` }
      : { status: 'FAIL', message: `EBS snapshot ${snapshot.name} is not encrypted.` };
  },
});
