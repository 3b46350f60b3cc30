import { defineAwsCheck } from '../../context.ts';
import type { S3AccountPublicAccessBlockAttributes } from '../../resources/s3.ts';
import { missingSettings, settingName } from './lib/access.ts';

export default defineAwsCheck<S3AccountPublicAccessBlockAttributes>({
  id: 's3_account_level_public_access_blocks',
  service: 's3',
  title: 'S3 account-level Block Public Access has all four settings on',
  severity: 'high',
  resourceType: 'AwsS3AccountPublicAccessBlock',
  requires: ['publicAccessBlock'],
  categories: ['internet-exposed'],
  description:
    'Checks that the account-wide S3 Block Public Access configuration turns on BlockPublicAcls, IgnorePublicAcls, ' +
    'BlockPublicPolicy and RestrictPublicBuckets, which then apply to every current and future bucket of the account.',
  risk:
    'Without the account-wide block, each bucket depends on its own settings: a new bucket or a careless change can ' +
    'expose data publicly through an ACL or a bucket policy.',
  remediation: {
    recommendation:
      'Turn on all four Block Public Access settings for the account; grant any intended public access through ' +
      'CloudFront with origin access control instead of public buckets.',
    cli:
      'aws s3control put-public-access-block --account-id <account> --public-access-block-configuration ' +
      'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    terraform:
      'resource "aws_s3_account_public_access_block" "this" {\n  block_public_acls       = true\n' +
      '  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
    console: 'S3 console → Block Public Access settings for this account → Edit → Block all public access → Save.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
  },
  evaluate(account) {
    const block = account.attributes.publicAccessBlock;
    if (!block) {
      return { status: 'FAIL', message: `Account ${account.name} has no account-level S3 Block Public Access configuration.` };
    }
    const missing = missingSettings(block);
    return missing.length === 0
      ? { status: 'PASS', message: `Account ${account.name} has all four account-level S3 Block Public Access settings on.` }
      : {
          status: 'FAIL',
          message: `Account ${account.name} has account-level S3 Block Public Access ${missing.map(settingName).join(', ')} off.`,
        };
  },
});
