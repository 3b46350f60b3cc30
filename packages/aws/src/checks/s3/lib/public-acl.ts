import type { CheckContext, CheckResult, Resource, Remediation } from '@vigil/engine';
import type { S3BucketAttributes } from '../../../resources/s3.ts';
import { describeGrants, publicAclGrants, settingSource } from './access.ts';
import { accountBlock } from './account-block.ts';

/** What fixes a public bucket ACL, whichever permission it grants. */
export const PUBLIC_ACL_REMEDIATION: Remediation = {
  recommendation:
    'Remove the grants to AllUsers and AuthenticatedUsers (or disable ACLs with the BucketOwnerEnforced object ownership) ' +
    'and turn on IgnorePublicAcls and BlockPublicAcls.',
  cli: 'aws s3api put-bucket-acl --bucket <bucket> --acl private',
  terraform:
    'resource "aws_s3_bucket_ownership_controls" "b" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n' +
    '    object_ownership = "BucketOwnerEnforced"\n  }\n}',
  console: 'S3 console → the bucket → Permissions → Access control list (ACL) → Edit → clear the Everyone and Authenticated users group grants.',
  url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html',
};

/**
 * The verdict of the public-ACL checks: FAIL when the ACL grants one of `permissions` to the
 * public groups and neither the bucket's nor the account's IgnorePublicAcls neutralises it.
 * The account-level block is read only when a public grant makes it decisive.
 */
export function publicAclVerdict(
  bucket: Resource<S3BucketAttributes>,
  ctx: Pick<CheckContext, 'related'>,
  permissions: readonly string[],
  kind: 'read' | 'write',
): CheckResult {
  const { acl, publicAccessBlock: own } = bucket.attributes;
  const grants = publicAclGrants(acl, permissions);
  if (grants.length === 0) {
    return { status: 'PASS', message: `S3 bucket ${bucket.name} ACL grants no ${kind} permission to the public groups.` };
  }
  const ignored = settingSource('ignorePublicAcls', own, accountBlock(ctx));
  if (ignored) {
    return {
      status: 'PASS',
      message: `S3 bucket ${bucket.name} ACL grants ${describeGrants(grants)}, but ${ignored}-level IgnorePublicAcls makes S3 ignore it.`,
    };
  }
  return { status: 'FAIL', message: `S3 bucket ${bucket.name} ACL grants ${describeGrants(grants)}.` };
}
