import { defineAwsCheck } from '../../context.ts';
import { describePublicStatements, publicStatements } from '../../lib/resource-policy.ts';
import type { EfsFileSystemAttributes } from '../../resources/efs.ts';

/** AWS's "prevent anonymous access" policy limits the wildcard principal to mount-target access. */
const EFS_RESTRICTING_KEYS = ['elasticfilesystem:AccessedViaMountTarget'];

export default defineAwsCheck<EfsFileSystemAttributes>({
  id: 'efs_not_publicly_accessible',
  service: 'efs',
  title: 'EFS file system has a file system policy that does not grant access to everyone',
  severity: 'medium',
  resourceType: 'AwsEfsFileSystem',
  requires: ['policy'],
  categories: ['identity-access', 'internet-exposed'],
  description:
    'Checks that the EFS file system has a file system policy, and that the policy has no Allow statement for ' +
    'everyone without a restricting condition (elasticfilesystem:AccessedViaMountTarget, aws:SourceVpce, ' +
    'aws:PrincipalOrgID, …). Without a policy, EFS grants full access to any client that can reach a mount target.',
  risk:
    'Any client with network access to a mount target, or any AWS principal, can mount the file system and read, ' +
    'write or act as root on it, with no IAM authorization involved.',
  remediation: {
    recommendation:
      'Attach a file system policy that grants ClientMount, ClientWrite and ClientRootAccess only to the roles that ' +
      'need them (or at least requires access through a mount target) and enforces encryption in transit.',
    cli: 'aws efs put-file-system-policy --file-system-id <fs-id> --policy file://efs-policy.json',
    terraform: 'resource "aws_efs_file_system_policy" "p" {\n  file_system_id = aws_efs_file_system.fs.id\n  policy         = data.aws_iam_policy_document.efs.json\n}',
    console: 'EFS console → File systems → <fs> → File system policy → Edit → choose the policy options.',
    url: 'https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html',
  },
  evaluate(fs) {
    const policy = fs.attributes.policy;
    if (!policy) {
      return {
        status: 'FAIL',
        message: `EFS file system ${fs.name} has no file system policy, so any client that can reach a mount target has full access.`,
      };
    }
    const open = publicStatements(policy, { extraRestrictingKeys: EFS_RESTRICTING_KEYS });
    return open.length > 0
      ? { status: 'FAIL', message: `EFS file system ${fs.name} policy grants access to everyone: ${describePublicStatements(open)}.` }
      : { status: 'PASS', message: `EFS file system ${fs.name} policy grants no public access.` };
  },
});
