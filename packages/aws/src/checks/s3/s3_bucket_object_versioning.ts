import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_object_versioning',
  service: 's3',
  title: 'S3 bucket has object versioning enabled',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  requires: ['versioning'],
  categories: ['resilience'],
  description:
    'Checks that versioning is enabled on the bucket, so that overwritten and deleted objects keep their previous versions.',
  risk:
    'Without versioning an accidental overwrite, a faulty application or ransomware that rewrites or deletes objects ' +
    'destroys the data for good.',
  remediation: {
    recommendation: 'Enable versioning, and add lifecycle rules that expire noncurrent versions after a retention period to control costs.',
    cli: 'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled',
    terraform:
      'resource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n' +
      '    status = "Enabled"\n  }\n}',
    console: 'S3 console → the bucket → Properties → Bucket Versioning → Edit → Enable → Save.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
  },
  evaluate(bucket) {
    const status = bucket.attributes.versioning.status;
    if (status === 'Enabled') return { status: 'PASS', message: `S3 bucket ${bucket.name} has versioning enabled.` };
    return status === 'Suspended'
      ? { status: 'FAIL', message: `S3 bucket ${bucket.name} has versioning suspended.` }
      : { status: 'FAIL', message: `S3 bucket ${bucket.name} has never had versioning enabled.` };
  },
});
