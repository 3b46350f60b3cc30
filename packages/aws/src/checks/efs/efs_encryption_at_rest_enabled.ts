import { defineAwsCheck } from '../../context.ts';
import type { EfsFileSystemAttributes } from '../../resources/efs.ts';

export default defineAwsCheck<EfsFileSystemAttributes>({
  id: 'efs_encryption_at_rest_enabled',
  service: 'efs',
  title: 'EFS file system is encrypted at rest',
  severity: 'medium',
  resourceType: 'AwsEfsFileSystem',
  requires: ['encrypted', 'kmsKeyId'],
  categories: ['encryption'],
  description:
    'Checks that the EFS file system was created with encryption at rest (CIS AWS Foundations 2.3.1). Encryption ' +
    'can only be chosen when a file system is created.',
  risk:
    'Data and metadata of an unencrypted file system are stored in clear text, outside the access control and ' +
    'audit trail that a KMS key provides, and may breach data-protection requirements.',
  remediation: {
    recommendation:
      'Create a new encrypted file system (ideally with a customer managed KMS key), copy the data with AWS ' +
      'DataSync or a backup restore, switch clients over and delete the unencrypted one.',
    cli: 'aws efs create-file-system --encrypted --kms-key-id <key-arn> --creation-token <token>',
    terraform: 'resource "aws_efs_file_system" "fs" {\n  encrypted  = true\n  kms_key_id = aws_kms_key.efs.arn\n}',
    cloudformation: 'Type: AWS::EFS::FileSystem\nProperties:\n  Encrypted: true\n  KmsKeyId: !Ref EfsKey',
    console: 'EFS console → Create file system → Customize → Enable encryption of data at rest.',
    url: 'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html',
  },
  evaluate(fs) {
    return fs.attributes.encrypted
      ? { status: 'PASS', message: `EFS file system ${fs.name} is encrypted at rest with KMS key ${fs.attributes.kmsKeyId ?? '(AWS managed)'}.` }
      : { status: 'FAIL', message: `EFS file system ${fs.name} is not encrypted at rest.` };
  },
});
