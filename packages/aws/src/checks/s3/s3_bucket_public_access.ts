import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';
import { describeGrants, describeStatements, publicAclGrants, publicPolicyStatements, settingSource } from './lib/access.ts';
import { USES_ACCOUNT_BLOCK, accountBlock } from './lib/account-block.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_public_access',
  service: 's3',
  title: 'S3 bucket is not publicly accessible through its ACL or bucket policy',
  severity: 'critical',
  resourceType: 'AwsS3Bucket',
  requires: ['acl', 'policy', 'publicAccessBlock'],
  uses: USES_ACCOUNT_BLOCK,
  categories: ['internet-exposed'],
  description:
    'Checks that neither the bucket ACL (grants to the AllUsers or AuthenticatedUsers groups) nor the bucket policy ' +
    '(Allow statements for every principal with no condition narrowing the callers) opens the bucket to the public, ' +
    'unless Block Public Access (IgnorePublicAcls, RestrictPublicBuckets) at bucket or account level neutralises them.',
  risk:
    'A public bucket lets anyone on the internet list, download or, depending on the grant, modify or delete its objects: ' +
    'a frequent cause of large data leaks and of malware hosted on trusted domains.',
  remediation: {
    recommendation:
      'Remove the public ACL grants and public policy statements, and turn on Block Public Access; serve content that must be ' +
      'public through CloudFront with origin access control.',
    cli:
      'aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration ' +
      'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    terraform:
      'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket                  = aws_s3_bucket.b.id\n' +
      '  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n' +
      '  restrict_public_buckets = true\n}',
    console: 'S3 console → the bucket → Permissions → review the bucket policy and ACL → Block public access → Edit → Block all public access.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  },
  evaluate(bucket, ctx) {
    const { acl, policy, publicAccessBlock: own } = bucket.attributes;
    const account = accountBlock(ctx);
    const aclsIgnored = settingSource('ignorePublicAcls', own, account);
    const policyRestricted = settingSource('restrictPublicBuckets', own, account);
    const grants = aclsIgnored ? [] : publicAclGrants(acl);
    const statements = policyRestricted ? [] : publicPolicyStatements(policy);
    const reasons: string[] = [];
    if (grants.length > 0) reasons.push(`its ACL grants ${describeGrants(grants)}`);
    if (statements.length > 0) reasons.push(`its policy allows everyone in ${describeStatements(statements)}`);
    if (reasons.length > 0) {
      return { status: 'FAIL', message: `S3 bucket ${bucket.name} is public: ${reasons.join(' and ')}.` };
    }
    if (aclsIgnored && policyRestricted) {
      const where = aclsIgnored === policyRestricted ? `${aclsIgnored}-level` : 'bucket- and account-level';
      return {
        status: 'PASS',
        message: `S3 bucket ${bucket.name} cannot be public: ${where} Block Public Access ignores public ACLs and restricts public policies.`,
      };
    }
    return { status: 'PASS', message: `S3 bucket ${bucket.name} has no public ACL grant and no public bucket policy statement.` };
  },
});
