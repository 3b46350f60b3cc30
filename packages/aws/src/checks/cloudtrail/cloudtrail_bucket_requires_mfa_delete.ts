import { defineAwsCheck } from '../../context.ts';
import type { TrailAttributes } from '../../resources/cloudtrail.ts';

/** What this check reads of the S3 collector's `AwsS3Bucket` (name = bucket name). */
interface BucketVersioning {
  versioning: { status: 'Enabled' | 'Suspended' | null; mfaDelete: 'Enabled' | 'Disabled' | null };
}

export default defineAwsCheck<TrailAttributes>({
  id: 'cloudtrail_bucket_requires_mfa_delete',
  service: 'cloudtrail',
  title: 'S3 bucket receiving CloudTrail logs has versioning with MFA delete enabled',
  severity: 'medium',
  resourceType: 'AwsCloudTrailTrail',
  requires: ['s3BucketName'],
  uses: { AwsS3Bucket: ['versioning'] },
  categories: ['identity-access', 'forensics-ready'],
  description:
    "Checks that the S3 bucket a trail delivers to has versioning with MFA delete, so deleting log versions or changing the versioning state needs the root user's MFA device. A bucket outside the scanned account gives a manual review.",
  risk: 'Credentials stolen from an administrator are enough to permanently delete log file versions from a bucket without MFA delete, erasing the evidence of an intrusion.',
  remediation: {
    recommendation:
      'As the root user with an MFA device, enable versioning with MFA delete on the trail bucket (or protect the logs with S3 Object Lock).',
    cli: 'aws s3api put-bucket-versioning --bucket <trail-bucket> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "arn:aws:iam::<account>:mfa/root-account-mfa-device <code>"',
    console: 'MFA delete cannot be enabled in the console: use the CLI or API with the root user credentials and MFA code.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html',
  },
  evaluate(trail, ctx) {
    const bucketName = trail.attributes.s3BucketName;
    if (!bucketName) return { status: 'FAIL', message: `Trail ${trail.name} has no S3 bucket configured.` };
    const bucket = ctx.related<BucketVersioning>('AwsS3Bucket').find((b) => b.name === bucketName);
    if (!bucket) {
      return {
        status: 'MANUAL',
        message: `Trail ${trail.name} delivers to bucket ${bucketName}, which is not in account ${ctx.account} (likely another account): check MFA delete there.`,
      };
    }
    const v = bucket.attributes.versioning;
    if (v.status === 'Enabled' && v.mfaDelete === 'Enabled') {
      return { status: 'PASS', message: `Trail ${trail.name} bucket ${bucketName} has versioning with MFA delete enabled.` };
    }
    return v.status === 'Enabled'
      ? { status: 'FAIL', message: `Trail ${trail.name} bucket ${bucketName} is versioned but MFA delete is not enabled.` }
      : { status: 'FAIL', message: `Trail ${trail.name} bucket ${bucketName} is not versioned, so MFA delete is off.` };
  },
});
