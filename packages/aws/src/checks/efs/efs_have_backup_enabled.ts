import { defineAwsCheck } from '../../context.ts';
import type { EfsFileSystemAttributes } from '../../resources/efs.ts';

export default defineAwsCheck<EfsFileSystemAttributes>({
  id: 'efs_have_backup_enabled',
  service: 'efs',
  title: 'EFS file system has automatic backups enabled',
  severity: 'medium',
  resourceType: 'AwsEfsFileSystem',
  requires: ['backupPolicyStatus'],
  categories: ['resilience'],
  description:
    'Checks that the EFS automatic backup policy of the file system is ENABLED (or being enabled), so AWS Backup ' +
    'takes daily backups. File systems protected only by a custom AWS Backup plan are not detected.',
  risk: 'Without backups, files deleted or corrupted by mistake, by faulty software or by ransomware cannot be recovered.',
  remediation: {
    recommendation: 'Enable automatic backups on the file system, or include it in an AWS Backup plan that meets your retention needs.',
    cli: 'aws efs put-backup-policy --file-system-id <fs-id> --backup-policy Status=ENABLED',
    terraform: 'resource "aws_efs_backup_policy" "p" {\n  file_system_id = aws_efs_file_system.fs.id\n  backup_policy {\n    status = "ENABLED"\n  }\n}',
    cloudformation: 'Type: AWS::EFS::FileSystem\nProperties:\n  BackupPolicy:\n    Status: ENABLED',
    console: 'EFS console → File systems → <fs> → Edit → Automatic backups → Enable.',
    url: 'https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html',
  },
  evaluate(fs) {
    const status = fs.attributes.backupPolicyStatus;
    if (status === 'ENABLED' || status === 'ENABLING') {
      return { status: 'PASS', message: `EFS file system ${fs.name} has automatic backups ${status.toLowerCase()}.` };
    }
    return status
      ? { status: 'FAIL', message: `EFS file system ${fs.name} has automatic backups ${status.toLowerCase()}.` }
      : { status: 'FAIL', message: `EFS file system ${fs.name} has no backup policy.` };
  },
});
