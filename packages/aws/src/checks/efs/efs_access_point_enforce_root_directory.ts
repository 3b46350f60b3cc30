import { defineAwsCheck } from '../../context.ts';
import type { EfsAccessPointAttributes } from '../../resources/efs.ts';

export default defineAwsCheck<EfsAccessPointAttributes>({
  id: 'efs_access_point_enforce_root_directory',
  service: 'efs',
  title: 'EFS access point exposes a subdirectory rather than the file system root',
  severity: 'medium',
  resourceType: 'AwsEfsAccessPoint',
  requires: ['rootDirectoryPath', 'fileSystemId'],
  categories: ['vulnerabilities'],
  description: 'Checks that the access point sets a root directory other than "/", so clients using it see only that directory tree.',
  risk: 'An access point rooted at "/" lets every client that mounts through it reach the whole file system, including other applications\' data.',
  remediation: {
    recommendation: 'Create access points whose root directory is the application\'s own directory, and move clients to them (access points cannot be modified).',
    cli: 'aws efs create-access-point --file-system-id <fs-id> --root-directory "Path=/app,CreationInfo={OwnerUid=1000,OwnerGid=1000,Permissions=750}"',
    terraform: 'resource "aws_efs_access_point" "app" {\n  file_system_id = aws_efs_file_system.fs.id\n  root_directory {\n    path = "/app"\n  }\n}',
    console: 'EFS console → Access points → Create access point → Root directory path.',
    url: 'https://docs.aws.amazon.com/efs/latest/ug/efs-access-points.html',
  },
  evaluate(ap) {
    const path = ap.attributes.rootDirectoryPath;
    return path && path !== '/'
      ? { status: 'PASS', message: `EFS access point ${ap.name} restricts clients to ${path} on ${ap.attributes.fileSystemId}.` }
      : { status: 'FAIL', message: `EFS access point ${ap.name} exposes the root directory of ${ap.attributes.fileSystemId}.` };
  },
});
