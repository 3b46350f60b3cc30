import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_no_mfa_delete',
  service: 's3',
  title: 'S3 bucket has MFA Delete enabled',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  requires: ['versioning'],
  categories: ['identity-access'],
  description:
    'Checks that MFA Delete is enabled in the versioning configuration of the bucket, so that permanently deleting an ' +
    'object version or changing the versioning state needs a one-time code from the root user MFA device.',
  risk:
    'Without MFA Delete, stolen or misused credentials are enough to suspend versioning and purge every object version, ' +
    'destroying data beyond recovery.',
  remediation: {
    recommendation:
      'Enable versioning with MFA Delete using the root user credentials and its MFA device (only possible through the ' +
      'CLI or API, not the console).',
    cli:
      'aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled ' +
      '--mfa "arn:aws:iam::<account>:mfa/root-account-mfa-device <code>"',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html',
  },
  evaluate(bucket) {
    const v = bucket.attributes.versioning;
    if (v.mfaDelete === 'Enabled') {
      return { status: 'PASS', message: `S3 bucket ${bucket.name} has MFA Delete enabled.` };
    }
    const versioning = v.status === 'Enabled' ? 'versioning is enabled' : `versioning is ${v.status ? v.status.toLowerCase() : 'off'}`;
    return { status: 'FAIL', message: `S3 bucket ${bucket.name} does not have MFA Delete enabled (${versioning}).` };
  },
});
