import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';
import { crossAccountGrants } from './lib/access.ts';

const options = z.object({
  /** Accounts allowed to be granted access (besides the bucket's own). */
  trustedAccountIds: z.array(z.string().regex(/^\d{12}$/)).default([]),
  /** Organization ids (o-…) whose aws:PrincipalOrgID / aws:PrincipalOrgPaths conditions are accepted. */
  trustedOrganizationIds: z.array(z.string().regex(/^o-[a-z0-9]{10,32}$/)).default([]),
});

export default defineAwsCheck<S3BucketAttributes, typeof options>({
  id: 's3_bucket_cross_account_access',
  service: 's3',
  title: 'S3 bucket policy grants no access to other AWS accounts beyond trusted ones',
  severity: 'high',
  resourceType: 'AwsS3Bucket',
  requires: ['policy'],
  categories: ['identity-access', 'trust-boundaries'],
  options,
  description:
    'Checks that no Allow statement of the bucket policy names principals of another account, or applies to everyone ' +
    'without a condition pinning the callers to this account, except accounts and organizations listed as trusted.',
  risk:
    'Access granted to another account is controlled by that account: its users and roles, and anyone who compromises ' +
    'them, can reach the data, outside the reach of your own IAM controls and reviews.',
  remediation: {
    recommendation:
      'Remove statements granting access to unknown accounts; keep intended partners explicit (list them as trusted ' +
      'accounts in the check options) and prefer aws:PrincipalOrgID conditions for organization-wide sharing.',
    cli: 'aws s3api get-bucket-policy --bucket <bucket>  # review Principal values, then: aws s3api put-bucket-policy --bucket <bucket> --policy file://policy.json',
    console: 'S3 console → the bucket → Permissions → Bucket policy → Edit → remove or narrow statements for other accounts.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-walkthroughs-managing-access-example2.html',
  },
  evaluate(bucket, ctx) {
    const grants = crossAccountGrants(bucket.attributes.policy, bucket.account, ctx.options);
    if (grants.length === 0) {
      return {
        status: 'PASS',
        message: bucket.attributes.policy
          ? `S3 bucket ${bucket.name} policy grants no access to untrusted accounts.`
          : `S3 bucket ${bucket.name} has no bucket policy, so it grants no cross-account access.`,
      };
    }
    const shown = grants
      .slice(0, 5)
      .map((g) => `${g.grantee} (${g.sid})`)
      .join(', ');
    const more = grants.length > 5 ? ` and ${grants.length - 5} more` : '';
    return { status: 'FAIL', message: `S3 bucket ${bucket.name} policy grants access to ${shown}${more}.` };
  },
});
