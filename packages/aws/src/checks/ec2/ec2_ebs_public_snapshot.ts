import { defineAwsCheck } from '../../context.ts';
import type { Ec2SnapshotAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2SnapshotAttributes>({
  id: 'ec2_ebs_public_snapshot',
  service: 'ec2',
  title: 'EBS snapshots are not shared publicly',
  severity: 'critical',
  resourceType: 'AwsEc2Snapshot',
  requires: ['createVolumePermissions'],
  categories: ['internet-exposed'],
  description:
    "Checks the create-volume permissions of every EBS snapshot the account owns and reports the ones that grant them to the group 'all', i.e. to every AWS account.",
  risk:
    'Any AWS customer can create a volume from a public snapshot and read everything that was on the disk: application data, credentials, keys and configuration files.',
  remediation: {
    recommendation:
      'Remove the public permission from the snapshot (share it with named accounts only if needed) and turn on block public access for EBS snapshots in every region.',
    cli: 'aws ec2 modify-snapshot-attribute --snapshot-id <snapshot-id> --attribute createVolumePermission --operation-type remove --group-names all\naws ec2 enable-snapshot-block-public-access --state block-all-sharing',
    console: 'EC2 console → Elastic Block Store → Snapshots → select the snapshot → Actions → Snapshot settings → Modify permissions → Private.',
    url: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html',
  },
  evaluate(snapshot) {
    const perms = snapshot.attributes.createVolumePermissions;
    if (perms === null) {
      return { status: 'PASS', message: `EBS snapshot ${snapshot.name} was deleted during the scan and is no longer shared.` };
    }
    if (perms.some((p) => p.group === 'all')) {
      return { status: 'FAIL', message: `EBS snapshot ${snapshot.name} is public: any AWS account can create a volume from it.` };
    }
    const accounts = perms.filter((p) => p.userId).length;
    return {
      status: 'PASS',
      message: accounts
        ? `EBS snapshot ${snapshot.name} is not public (shared with ${accounts} named account${accounts === 1 ? '' : 's'}).`
        : `EBS snapshot ${snapshot.name} is not public.`,
    };
  },
});
