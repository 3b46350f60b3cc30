import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_acl_prohibited',
  service: 's3',
  title: 'S3 bucket has ACLs disabled (Object Ownership set to bucket owner enforced)',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  requires: ['ownershipControls'],
  categories: ['identity-access'],
  description:
    'Checks that the Object Ownership setting of the bucket is BucketOwnerEnforced, which disables bucket and object ACLs ' +
    'so that access is governed by policies only and the bucket owner owns every object.',
  risk:
    'While ACLs are active, any object can carry its own grants (including public ones) and objects uploaded by other ' +
    'accounts may stay owned by them, making access hard to audit and to revoke.',
  remediation: {
    recommendation: 'Move any access still granted through ACLs to bucket policies, then set Object Ownership to BucketOwnerEnforced.',
    cli: 'aws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
    terraform:
      'resource "aws_s3_bucket_ownership_controls" "b" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n' +
      '    object_ownership = "BucketOwnerEnforced"\n  }\n}',
    console: 'S3 console → the bucket → Permissions → Object Ownership → Edit → ACLs disabled (recommended) → Save.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
  },
  evaluate(bucket) {
    const ownership = bucket.attributes.ownershipControls?.objectOwnership;
    if (ownership === 'BucketOwnerEnforced') {
      return { status: 'PASS', message: `S3 bucket ${bucket.name} has ACLs disabled (BucketOwnerEnforced).` };
    }
    return {
      status: 'FAIL',
      message: ownership
        ? `S3 bucket ${bucket.name} still honours ACLs (Object Ownership is ${ownership}).`
        : `S3 bucket ${bucket.name} still honours ACLs (no Object Ownership controls are set).`,
    };
  },
});
