import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';
import { ACL_READ_PERMISSIONS } from './lib/access.ts';
import { USES_ACCOUNT_BLOCK } from './lib/account-block.ts';
import { PUBLIC_ACL_REMEDIATION, publicAclVerdict } from './lib/public-acl.ts';

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
  remediation: PUBLIC_ACL_REMEDIATION,
  evaluate: (bucket, ctx) => publicAclVerdict(bucket, ctx, ACL_READ_PERMISSIONS, 'read'),
});
