import { defineAwsCheck } from '../../context.ts';
import type { CloudTrailRegionAttributes, TrailAttributes } from '../../resources/cloudtrail.ts';
import { names, trailCoversRegion } from './lib/selectors.ts';

export default defineAwsCheck<CloudTrailRegionAttributes>({
  id: 'cloudtrail_multi_region_enabled',
  service: 'cloudtrail',
  title: 'A multi-region CloudTrail trail that is logging covers every region',
  severity: 'high',
  resourceType: 'AwsCloudTrailRegion',
  requires: [],
  uses: { AwsCloudTrailTrail: ['isMultiRegionTrail', 'homeRegion', 'status'] },
  categories: ['logging', 'forensics-ready'],
  description:
    'Checks, for each region, that the account has at least one multi-region CloudTrail trail whose logging is turned on, so API activity in the region is recorded.',
  risk: 'API calls made in a region no trail records leave no audit trail: an intruder can work there (or in a newly enabled region) without a trace, and incidents cannot be investigated.',
  remediation: {
    recommendation:
      'Create a trail that applies to all regions (or convert an existing one) and make sure logging is started on it.',
    cli: 'aws cloudtrail create-trail --name account-trail --s3-bucket-name <bucket> --is-multi-region-trail\naws cloudtrail start-logging --name account-trail',
    terraform:
      'resource "aws_cloudtrail" "account" {\n  name                  = "account-trail"\n  s3_bucket_name        = aws_s3_bucket.trail.id\n  is_multi_region_trail = true\n  enable_logging        = true\n}',
    cloudformation:
      'Trail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    TrailName: account-trail\n    S3BucketName: !Ref TrailBucket\n    IsMultiRegionTrail: true\n    IsLogging: true',
    console: 'CloudTrail console → Trails → Create trail (multi-region is the default) or edit a trail → Apply trail to all regions.',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
  },
  evaluate(region, ctx) {
    const trails = ctx.related<TrailAttributes>('AwsCloudTrailTrail');
    const multi = trails.filter((t) => t.attributes.isMultiRegionTrail);
    const logging = multi.filter((t) => t.attributes.status.isLogging);
    if (logging.length > 0) {
      return { status: 'PASS', message: `Region ${region.name} is covered by logging multi-region trail ${names(logging)}.` };
    }
    if (multi.length > 0) {
      return { status: 'FAIL', message: `Region ${region.name} is covered only by multi-region trail ${names(multi)}, whose logging is stopped.` };
    }
    const regional = trails.filter((t) => !t.attributes.isMultiRegionTrail && trailCoversRegion(t, region.region));
    if (regional.length > 0) {
      return {
        status: 'FAIL',
        message: `Region ${region.name} has only single-region trail ${names(regional)} and the account has no multi-region trail.`,
      };
    }
    return { status: 'FAIL', message: `Region ${region.name} is not covered by any multi-region CloudTrail trail.` };
  },
});
