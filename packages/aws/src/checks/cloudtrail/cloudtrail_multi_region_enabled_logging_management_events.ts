import { defineAwsCheck } from '../../context.ts';
import type { CloudTrailRegionAttributes, TrailAttributes } from '../../resources/cloudtrail.ts';
import { logsAllManagementEvents, names } from './lib/selectors.ts';

export default defineAwsCheck<CloudTrailRegionAttributes>({
  id: 'cloudtrail_multi_region_enabled_logging_management_events',
  service: 'cloudtrail',
  title: 'A logging multi-region CloudTrail trail records all read and write management events in every region',
  severity: 'low',
  resourceType: 'AwsCloudTrailRegion',
  requires: [],
  uses: { AwsCloudTrailTrail: ['isMultiRegionTrail', 'status', 'eventSelectors'] },
  categories: ['logging', 'forensics-ready'],
  description:
    'Checks, for each region, that a multi-region trail with logging on selects every management event, both read and write, without excluding any event source.',
  risk: 'A trail that skips read-only management events or excludes event sources (such as KMS or RDS Data API) misses reconnaissance and data-access activity needed to investigate an incident.',
  remediation: {
    recommendation:
      'On a multi-region trail, select management events with both read and write API activity and no excluded event sources.',
    cli: "aws cloudtrail put-event-selectors --trail-name account-trail --event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]'",
    terraform:
      'resource "aws_cloudtrail" "account" {\n  # ...\n  is_multi_region_trail = true\n  event_selector {\n    read_write_type           = "All"\n    include_management_events = true\n  }\n}',
    console: 'CloudTrail console → Trails → the trail → Management events → Edit → API activity: Read and Write.',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html',
  },
  evaluate(region, ctx) {
    const trails = ctx
      .related<TrailAttributes>('AwsCloudTrailTrail')
      .filter((t) => t.attributes.isMultiRegionTrail && t.attributes.status.isLogging);
    if (trails.length === 0) {
      return { status: 'FAIL', message: `Region ${region.name} is not covered by any logging multi-region CloudTrail trail.` };
    }
    const good = trails.filter((t) => logsAllManagementEvents(t.attributes.eventSelectors));
    return good.length > 0
      ? { status: 'PASS', message: `Region ${region.name} management events (read and write) are recorded by multi-region trail ${names(good)}.` }
      : {
          status: 'FAIL',
          message: `Region ${region.name} is covered by multi-region trail ${names(trails)}, but none records all read and write management events.`,
        };
  },
});
