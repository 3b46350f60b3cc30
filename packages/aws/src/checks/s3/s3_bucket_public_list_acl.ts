import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';
import { ACL_READ_PERMISSIONS, describeGrants, publicAclGrants, settingSource } from './lib/access.ts';
import { USES_ACCOUNT_BLOCK, accountBlock } from './lib/account-block.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_public_list_acl',
  service: 's3',
  title: 'S3 bucket ACL does not let everyone list the bucket',
  severity: 'critical',
  resourceType: 'AwsS3Bucket',
  requires: ['acl', 'publicAccessBlock'],
  uses: USES_ACCOUNT_BLOCK,
  categories: ['internet-exposed'],
  description:
    'Checks that the bucket ACL gives no READ or FULL_CONTROL permission to the AllUsers (anyone) or AuthenticatedUsers ' +
      '(any AWS account) groups, unless IgnorePublicAcls is on for the bucket or the account.',
  risk:
    'Anyone can enumerate every object key of the bucket, revealing file names, structure and often sensitive data ' +
      'through predictable paths, and making targeted downloads trivial.',
  remediation: {
    recommendation:
      'Remove the grants to AllUsers and AuthenticatedUsers (or disable ACLs with the BucketOwnerEnforced object ownership) ' +
      'and turn on IgnorePublicAcls and BlockPublicAcls.',
    cli: 'aws s3api put-bucket-acl --bucket <bucket> --acl private',
    terraform:
      'resource "aws_s3_bucket_ownership_controls" "b" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n' +
      '    object_ownership = "BucketOwnerEnforced"\n  }\n}',
    console: 'S3 console → the bucket → Permissions → Access control list (ACL) → Edit → clear the Everyone and Authenticated users group grants.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html',
  },
  evaluate(bucket, ctx) {
    const { acl, publicAccessBlock: own } = bucket.attributes;
    const grants = publicAclGrants(acl, ACL_READ_PERMISSIONS);
    if (grants.length === 0) {
      return { status: 'PASS', message: `S3 bucket ${bucket.name} ACL grants no read permission to the public groups.` };
    }
    const ignored = settingSource('ignorePublicAcls', own, accountBlock(ctx));
    if (ignored) {
      return {
        status: 'PASS',
        message: `S3 bucket ${bucket.name} ACL grants ${describeGrants(grants)}, but ${ignored}-level IgnorePublicAcls makes S3 ignore it.`,
      };
    }
    return { status: 'FAIL', message: `S3 bucket ${bucket.name} ACL grants ${describeGrants(grants)}.` };
  },
});
