import { defineAwsCheck } from '../../context.ts';
import type { EfsAccessPointAttributes } from '../../resources/efs.ts';

export default defineAwsCheck<EfsAccessPointAttributes>({
  id: 'efs_access_point_enforce_user_identity',
  service: 'efs',
  title: 'EFS access point enforces a POSIX user identity',
  severity: 'medium',
  resourceType: 'AwsEfsAccessPoint',
  requires: ['posixUser'],
  categories: ['identity-access'],
  description: 'Checks that the access point sets a POSIX user (UID and GID) that EFS applies to every request made through it.',
  risk: 'Without an enforced identity, clients choose their own UID and GID, including root, and can read or change files owned by other users.',
  remediation: {
    recommendation: 'Create access points that enforce the application\'s POSIX user and group, and move clients to them (access points cannot be modified).',
    cli: 'aws efs create-access-point --file-system-id <fs-id> --posix-user Uid=1000,Gid=1000',
    terraform: 'resource "aws_efs_access_point" "app" {\n  file_system_id = aws_efs_file_system.fs.id\n  posix_user {\n    uid = 1000\n    gid = 1000\n  }\n}',
    console: 'EFS console → Access points → Create access point → POSIX user.',
    url: 'https://docs.aws.amazon.com/efs/latest/ug/efs-access-points.html#enforce-identity-access-points',
  },
  evaluate(ap) {
    const user = ap.attributes.posixUser;
    return user
      ? { status: 'PASS', message: `EFS access point ${ap.name} enforces POSIX user ${user.uid}:${user.gid}.` }
      : { status: 'FAIL', message: `EFS access point ${ap.name} does not enforce a POSIX user identity.` };
  },
});
