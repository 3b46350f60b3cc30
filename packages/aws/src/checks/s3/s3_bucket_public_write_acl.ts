import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';
import { ACL_WRITE_PERMISSIONS } from './lib/access.ts';
import { USES_ACCOUNT_BLOCK } from './lib/account-block.ts';
import { PUBLIC_ACL_REMEDIATION, publicAclVerdict } from './lib/public-acl.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_public_write_acl',
  service: 's3',
  title: 'S3 bucket ACL does not let everyone write objects or change the ACL',
  severity: 'critical',
  resourceType: 'AwsS3Bucket',
  requires: ['acl', 'publicAccessBlock'],
  uses: USES_ACCOUNT_BLOCK,
  categories: ['internet-exposed'],
  description:
    'Checks that the bucket ACL gives no WRITE, WRITE_ACP or FULL_CONTROL permission to the AllUsers (anyone) or ' +
      'AuthenticatedUsers (any AWS account) groups, unless IgnorePublicAcls is on for the bucket or the account.',
  risk:
    'Anyone can upload or overwrite objects (hosting malware or illegal content at your expense) or rewrite the ACL to ' +
      'take control of access to the bucket.',
  remediation: PUBLIC_ACL_REMEDIATION,
  evaluate: (bucket, ctx) => publicAclVerdict(bucket, ctx, ACL_WRITE_PERMISSIONS, 'write'),
});
