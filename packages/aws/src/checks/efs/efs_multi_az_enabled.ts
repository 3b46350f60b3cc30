import { defineAwsCheck } from '../../context.ts';
import type { EfsFileSystemAttributes } from '../../resources/efs.ts';

export default defineAwsCheck<EfsFileSystemAttributes>({
  id: 'efs_multi_az_enabled',
  service: 'efs',
  title: 'EFS file system is Regional with mount targets in more than one Availability Zone',
  severity: 'medium',
  resourceType: 'AwsEfsFileSystem',
  requires: ['availabilityZoneName', 'numberOfMountTargets'],
  categories: ['resilience'],
  description:
    'Checks that the file system uses Regional (multi-AZ) storage rather than One Zone, and that it has mount ' +
    'targets in at least two Availability Zones (a Regional file system has at most one mount target per zone).',
  risk:
    'A One Zone file system, or one reachable through a single mount target, becomes unavailable (and One Zone ' +
    'data can be lost) when that Availability Zone fails.',
  remediation: {
    recommendation:
      'Use Regional storage for file systems that need high availability (migrate One Zone data with AWS DataSync ' +
      'or replication), and create a mount target in each Availability Zone your clients run in.',
    cli: 'aws efs create-mount-target --file-system-id <fs-id> --subnet-id <subnet-in-another-az> --security-groups <sg-id>',
    terraform: 'resource "aws_efs_mount_target" "b" {\n  file_system_id  = aws_efs_file_system.fs.id\n  subnet_id       = aws_subnet.private_b.id\n  security_groups = [aws_security_group.efs.id]\n}',
    console: 'EFS console → File systems → <fs> → Network → Manage → Add mount target.',
    url: 'https://docs.aws.amazon.com/efs/latest/ug/availability-durability.html',
  },
  evaluate(fs) {
    const { availabilityZoneName, numberOfMountTargets } = fs.attributes;
    if (availabilityZoneName) {
      return { status: 'FAIL', message: `EFS file system ${fs.name} uses One Zone storage in ${availabilityZoneName}.` };
    }
    return numberOfMountTargets >= 2
      ? { status: 'PASS', message: `EFS file system ${fs.name} is Regional with ${numberOfMountTargets} mount targets.` }
      : { status: 'FAIL', message: `EFS file system ${fs.name} is Regional but has only ${numberOfMountTargets} mount target(s).` };
  },
});
