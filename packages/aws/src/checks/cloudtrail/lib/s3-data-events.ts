import type { Check } from '@vigil/engine';
import { defineAwsCheck } from '../../../context.ts';
import type { CloudTrailRegionAttributes, TrailAttributes } from '../../../resources/cloudtrail.ts';
import type { Access } from './selectors.ts';
import { logsAllS3DataEvents, names, trailCoversRegion } from './selectors.ts';

const WORDING = {
  read: {
    events: 'read (GetObject-type)',
    risk: 'Without object-level read events there is no record of who downloaded which objects, so data exfiltration from S3 can be neither detected nor scoped.',
  },
  write: {
    events: 'write (PutObject- and DeleteObject-type)',
    risk: 'Without object-level write events there is no record of who uploaded, overwrote or deleted which objects, so tampering with or destruction of S3 data cannot be traced.',
  },
} as const;

/** `cloudtrail_s3_dataevents_read_enabled` and `…_write_enabled`: one finding per region. */
export function defineS3DataEventsCheck(access: Access): Check {
  const w = WORDING[access];
  return defineAwsCheck<CloudTrailRegionAttributes>({
    id: `cloudtrail_s3_dataevents_${access}_enabled`,
    service: 'cloudtrail',
    title: `A logging CloudTrail trail records S3 object-level ${access} events for all buckets in every region`,
    severity: 'low',
    resourceType: 'AwsCloudTrailRegion',
    requires: [],
    uses: { AwsCloudTrailTrail: ['isMultiRegionTrail', 'homeRegion', 'status', 'eventSelectors'] },
    categories: ['logging', 'forensics-ready'],
    description: `Checks, for each region, that a trail covering the region with logging on selects S3 object ${w.events} data events for every bucket, through a basic data-resource selector (\`arn:aws:s3\`) or an advanced selector (\`eventCategory = Data\`, \`resources.type = AWS::S3::Object\`) not narrowed to some buckets or event names.`,
    risk: w.risk,
    remediation: {
      recommendation: `Add an S3 data event selector covering all current and future buckets (${access} or all events) to a multi-region trail.`,
      cli: `aws cloudtrail put-advanced-event-selectors --trail-name account-trail --advanced-event-selectors '[{"Name":"Management","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},{"Name":"S3 objects","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]}]}]'`,
      terraform:
        'resource "aws_cloudtrail" "account" {\n  # ...\n  event_selector {\n    read_write_type           = "All"\n    include_management_events = true\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3"]\n    }\n  }\n}',
      console: `CloudTrail console → Trails → the trail → Data events → Edit → Data event type: S3 object → log ${access} (or all) events for all current and future buckets.`,
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html',
    },
    evaluate(region, ctx) {
      const trails = ctx
        .related<TrailAttributes>('AwsCloudTrailTrail')
        .filter((t) => trailCoversRegion(t, region.region) && t.attributes.status.isLogging);
      if (trails.length === 0) {
        return { status: 'FAIL', message: `Region ${region.name} is not covered by any logging CloudTrail trail.` };
      }
      const good = trails.filter((t) => logsAllS3DataEvents(t.attributes.eventSelectors, access));
      return good.length > 0
        ? {
            status: 'PASS',
            message: `Region ${region.name} S3 object-level ${access} events for all buckets are recorded by trail ${names(good)}.`,
          }
        : {
            status: 'FAIL',
            message: `Region ${region.name} has no logging trail recording S3 object-level ${access} events for all buckets (trails covering it: ${names(trails)}).`,
          };
    },
  });
}
