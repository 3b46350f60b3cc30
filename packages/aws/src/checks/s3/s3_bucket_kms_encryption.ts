import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';

const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_kms_encryption',
  service: 's3',
  title: 'S3 bucket encrypts objects by default with AWS KMS keys (SSE-KMS or DSSE-KMS)',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  requires: ['encryption'],
  categories: ['encryption'],
  description:
    'Checks that the default encryption of the bucket uses AWS KMS (aws:kms or aws:kms:dsse) rather than S3 managed keys, ' +
    'so that reading an object also needs permission on the KMS key and every use of the key is logged in CloudTrail.',
  risk:
    'With S3 managed keys, anyone allowed to read the objects can decrypt them: there is no separate key policy to limit ' +
    'decryption, no per-key audit trail and no way to revoke access by disabling a key.',
  remediation: {
    recommendation: 'Set the default encryption of the bucket to SSE-KMS with a customer managed key and enable S3 Bucket Keys to limit KMS costs.',
    cli:
      'aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration ' +
      '\'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key-arn>"},"BucketKeyEnabled":true}]}\'',
    terraform:
      'resource "aws_s3_bucket_server_side_encryption_configuration" "b" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n' +
      '    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.s3.arn\n' +
      '    }\n    bucket_key_enabled = true\n  }\n}',
    console: 'S3 console → the bucket → Properties → Default encryption → Edit → SSE-KMS → choose the key → Save.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html',
  },
  evaluate(bucket) {
    const rules = bucket.attributes.encryption?.rules ?? [];
    const kms = rules.find((r) => KMS_ALGORITHMS.has(r.sseAlgorithm));
    if (kms) {
      const key = kms.kmsMasterKeyId ? ` key ${kms.kmsMasterKeyId}` : ' the AWS managed key aws/s3';
      return { status: 'PASS', message: `S3 bucket ${bucket.name} encrypts objects by default with ${kms.sseAlgorithm} using${key}.` };
    }
    return rules.length > 0
      ? {
          status: 'FAIL',
          message: `S3 bucket ${bucket.name} default encryption uses ${rules.map((r) => r.sseAlgorithm).join(', ')}, not AWS KMS.`,
        }
      : { status: 'FAIL', message: `S3 bucket ${bucket.name} has no default encryption with AWS KMS.` };
  },
});
