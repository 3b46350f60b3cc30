import { defineAwsCheck } from '../../context.ts';
import type { TrailAttributes } from '../../resources/cloudtrail.ts';

export default defineAwsCheck<TrailAttributes>({
  id: 'cloudtrail_kms_encryption_enabled',
  service: 'cloudtrail',
  title: 'CloudTrail trail encrypts its log files with a KMS key (SSE-KMS)',
  severity: 'medium',
  resourceType: 'AwsCloudTrailTrail',
  requires: ['kmsKeyId'],
  categories: ['encryption'],
  description:
    'Checks that the trail is configured with a customer managed KMS key, so its log files are encrypted with SSE-KMS rather than only with S3-managed keys.',
  risk: 'With S3-managed encryption anyone who can read the bucket can read the logs. A KMS key adds a second, separately audited permission (kms:Decrypt) between the logs and a reader.',
  remediation: {
    recommendation:
      'Create a customer managed KMS key whose policy lets CloudTrail encrypt and your auditors decrypt, and set it on the trail.',
    cli: 'aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn-or-alias>',
    terraform: 'resource "aws_cloudtrail" "account" {\n  # ...\n  kms_key_id = aws_kms_key.cloudtrail.arn\n}',
    cloudformation: 'Trail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    KMSKeyId: !GetAtt TrailKey.Arn',
    console: 'CloudTrail console → Trails → the trail → General details → Edit → Log file SSE-KMS encryption: Enabled.',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
  },
  evaluate(trail) {
    const key = trail.attributes.kmsKeyId;
    return key
      ? { status: 'PASS', message: `Trail ${trail.name} encrypts its log files with KMS key ${key}.` }
      : { status: 'FAIL', message: `Trail ${trail.name} does not encrypt its log files with a KMS key.` };
  },
});
