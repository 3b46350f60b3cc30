import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';
import { S3_WRITE_ACTIONS, describeStatements, publicPolicyStatements, settingSource } from './lib/access.ts';
import { USES_ACCOUNT_BLOCK, accountBlock } from './lib/account-block.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_policy_public_write_access',
  service: 's3',
  title: 'S3 bucket policy does not let everyone write, delete or change access',
  severity: 'critical',
  resourceType: 'AwsS3Bucket',
  requires: ['policy', 'publicAccessBlock'],
  uses: USES_ACCOUNT_BLOCK,
  categories: ['internet-exposed'],
  description:
    'Checks that no Allow statement of the bucket policy grants write actions (PutObject, DeleteObject, PutBucketPolicy, ' +
    'PutBucketAcl, …) to every principal without a condition narrowing the callers, unless RestrictPublicBuckets is on ' +
    'for the bucket or the account.',
  risk:
    'Anyone on the internet could upload content (malware, illegal material, huge files billed to you), overwrite or ' +
    'delete objects, or take over the bucket by rewriting its policy.',
  remediation: {
    recommendation:
      'Remove the public write statements from the bucket policy (grant write access to specific roles only) and turn on ' +
      'Block Public Access.',
    cli: 'aws s3api get-bucket-policy --bucket <bucket>  # edit the statements, then: aws s3api put-bucket-policy --bucket <bucket> --policy file://policy.json',
    console: 'S3 console → the bucket → Permissions → Bucket policy → Edit → remove the statements with Principal "*" and write actions.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html',
  },
  evaluate(bucket, ctx) {
    const { policy, publicAccessBlock: own } = bucket.attributes;
    const restricted = settingSource('restrictPublicBuckets', own, accountBlock(ctx));
    const statements = publicPolicyStatements(policy, S3_WRITE_ACTIONS);
    if (statements.length === 0) {
      return { status: 'PASS', message: `S3 bucket ${bucket.name} policy grants no write access to everyone.` };
    }
    if (restricted) {
      return {
        status: 'PASS',
        message: `S3 bucket ${bucket.name} policy grants write access to everyone, but ${restricted}-level RestrictPublicBuckets blocks it.`,
      };
    }
    return {
      status: 'FAIL',
      message: `S3 bucket ${bucket.name} policy lets everyone write in ${describeStatements(statements)}.`,
    };
  },
});
