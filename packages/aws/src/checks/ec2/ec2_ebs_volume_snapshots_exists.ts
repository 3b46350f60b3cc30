import { defineAwsCheck } from '../../context.ts';
import type { Ec2SnapshotAttributes, Ec2VolumeAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2VolumeAttributes>({
  id: 'ec2_ebs_volume_snapshots_exists',
  service: 'ec2',
  title: 'EBS volumes have at least one snapshot',
  severity: 'high',
  resourceType: 'AwsEc2Volume',
  requires: ['volumeId'],
  uses: { AwsEc2Snapshot: ['volumeId'] },
  categories: ['resilience', 'forensics-ready'],
  description:
    'Checks that every EBS volume has at least one snapshot owned by the account in the same region (snapshots taken by AWS Backup or Data Lifecycle Manager count).',
  risk:
    'A volume without any snapshot cannot be restored after deletion, corruption or ransomware, and leaves no point-in-time copy for an investigation.',
  remediation: {
    recommendation:
      'Protect volumes with a Data Lifecycle Manager policy or an AWS Backup plan that snapshots them on a schedule, or take a manual snapshot of volumes that do not change.',
    cli: 'aws ec2 create-snapshot --volume-id <volume-id> --description "baseline"',
    terraform:
      'resource "aws_dlm_lifecycle_policy" "daily" {\n  description        = "daily EBS snapshots"\n  execution_role_arn = aws_iam_role.dlm.arn\n  state              = "ENABLED"\n  policy_details {\n    resource_types = ["VOLUME"]\n    target_tags    = { backup = "daily" }\n    schedule {\n      name = "daily"\n      create_rule {\n        interval      = 24\n        interval_unit = "HOURS"\n      }\n      retain_rule { count = 7 }\n    }\n  }\n}',
    url: 'https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lifecycle.html',
  },
  evaluate(volume, ctx) {
    const count = ctx
      .memo('snapshotsPerVolume', () => {
        const counts = new Map<string, number>();
        for (const s of ctx.related<Ec2SnapshotAttributes>('AwsEc2Snapshot')) {
          const key = `${s.region}|${s.attributes.volumeId}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        return counts;
      })
      .get(`${volume.region}|${volume.attributes.volumeId}`) ?? 0;
    return count > 0
      ? { status: 'PASS', message: `EBS volume ${volume.name} has ${count} snapshot${count === 1 ? '' : 's'}.` }
      : { status: 'FAIL', message: `EBS volume ${volume.name} has no snapshot.` };
  },
});
