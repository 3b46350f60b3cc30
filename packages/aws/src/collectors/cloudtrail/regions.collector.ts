import { defineAwsCollector } from '../../context.ts';
import type { CloudTrailRegionAttributes } from '../../resources/cloudtrail.ts';

/**
 * One `AwsCloudTrailRegion` per account and region, with no calls and no attributes: the
 * account-wide CloudTrail checks (a multi-region trail, S3 data events) are evaluated on it,
 * from the related `AwsCloudTrailTrail` resources, giving one finding per region.
 */
export default defineAwsCollector({
  id: 'cloudtrail-regions',
  service: 'cloudtrail',
  resourceType: 'AwsCloudTrailRegion',
  scope: 'regional',
  calls: [],
  attributes: {},
  async *collect(ctx) {
    yield ctx.resource<CloudTrailRegionAttributes>({
      id: ctx.arn('cloudtrail', 'trails'),
      name: ctx.region,
      attributes: {},
    });
  },
});
