import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';
import { effectiveBlock, missingSettings, settingName } from './lib/access.ts';
import { USES_ACCOUNT_BLOCK, accountBlock } from './lib/account-block.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_level_public_access_block',
  service: 's3',
  title: 'S3 bucket has all four Block Public Access settings in force, at bucket or account level',
  severity: 'high',
  resourceType: 'AwsS3Bucket',
  requires: ['publicAccessBlock'],
  uses: USES_ACCOUNT_BLOCK,
  categories: ['internet-exposed'],
  description:
    'Checks that BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy and RestrictPublicBuckets are all on for the bucket, ' +
    'each one set either on the bucket or on the account (the account-level setting covers every bucket).',
  risk:
    'With a setting off, a single mistaken ACL or bucket policy can publish the bucket contents to the internet; ' +
    'Block Public Access is the guard rail that overrides such mistakes.',
  remediation: {
    recommendation:
      'Turn on all four Block Public Access settings at the account level, or on the bucket when the account cannot ' +
      'enforce them (and review any bucket that really must be public).',
    cli:
      'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration ' +
      'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    terraform:
      'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket                  = aws_s3_bucket.b.id\n' +
      '  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n' +
      '  restrict_public_buckets = true\n}',
    console: 'S3 console → the bucket → Permissions → Block public access (bucket settings) → Edit → Block all public access.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  },
  evaluate(bucket, ctx) {
    const own = bucket.attributes.publicAccessBlock;
    const account = accountBlock(ctx);
    const missing = missingSettings(effectiveBlock(own, account));
    if (missing.length > 0) {
      return {
        status: 'FAIL',
        message: `S3 bucket ${bucket.name} is not covered by Block Public Access ${missing.map(settingName).join(', ')} at bucket or account level.`,
      };
    }
    if (missingSettings(own).length === 0) {
      return { status: 'PASS', message: `S3 bucket ${bucket.name} has all four Block Public Access settings on.` };
    }
    return {
      status: 'PASS',
      message: `S3 bucket ${bucket.name} has all four Block Public Access settings in force through the account-level settings.`,
    };
  },
});
