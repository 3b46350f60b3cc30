import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';

/** `arn:aws:s3:::name` → `name` (a bare name is returned as is). */
const bucketName = (arnOrName: string) => arnOrName.replace(/^arn:[^:]+:s3:::/, '').split('/')[0] ?? arnOrName;

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_cross_region_replication',
  service: 's3',
  title: 'S3 bucket replicates its objects to a bucket in another region',
  severity: 'low',
  resourceType: 'AwsS3Bucket',
  requires: ['replication'],
  // Other buckets of the account, to find the region of each replication destination.
  uses: { AwsS3Bucket: [] },
  categories: ['resilience'],
  description:
    'Checks that the bucket has at least one enabled replication rule whose destination bucket is in a different region. ' +
    'When the destination belongs to another account its region cannot be read, and the finding asks for a manual review.',
  risk:
    'Without a copy in another region, a regional outage, a disaster or a mistaken deletion in that region can make the ' +
    'data unavailable or lose it for good.',
  remediation: {
    recommendation:
      'For buckets that need regional resilience, enable versioning on both sides and add a replication rule to a bucket ' +
      'in another region (ideally in a separate backup account).',
    cli: 'aws s3api put-bucket-replication --bucket <bucket> --replication-configuration file://replication.json',
    terraform:
      'resource "aws_s3_bucket_replication_configuration" "b" {\n  bucket = aws_s3_bucket.b.id\n  role   = aws_iam_role.replication.arn\n' +
      '  rule {\n    id     = "to-dr-region"\n    status = "Enabled"\n    filter {}\n    delete_marker_replication {\n' +
      '      status = "Enabled"\n    }\n    destination {\n      bucket = aws_s3_bucket.dr.arn\n    }\n  }\n}',
    console: 'S3 console → the bucket → Management → Replication rules → Create replication rule → choose a bucket in another region.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html',
  },
  evaluate(bucket, ctx) {
    const rules = (bucket.attributes.replication?.rules ?? []).filter((r) => r.status === 'Enabled' && r.destinationBucket);
    if (rules.length === 0) {
      return { status: 'FAIL', message: `S3 bucket ${bucket.name} has no enabled replication rule.` };
    }
    const known = ctx.memo('bucketRegions', () => new Map(ctx.related<S3BucketAttributes>('AwsS3Bucket').map((b) => [b.name, b.region])));
    const crossRegion: string[] = [];
    const unknown: string[] = [];
    for (const r of rules) {
      const name = bucketName(r.destinationBucket);
      const region = known.get(name);
      if (region === undefined) unknown.push(name);
      else if (region !== bucket.region) crossRegion.push(`${name} (${region})`);
    }
    if (crossRegion.length > 0) {
      return { status: 'PASS', message: `S3 bucket ${bucket.name} replicates to ${crossRegion.join(', ')} in another region.` };
    }
    if (unknown.length > 0) {
      return {
        status: 'MANUAL',
        message: `S3 bucket ${bucket.name} replicates to ${unknown.join(', ')}, outside this account's bucket list: verify that it is in another region.`,
      };
    }
    return { status: 'FAIL', message: `S3 bucket ${bucket.name} replicates only to buckets in its own region (${bucket.region}).` };
  },
});
