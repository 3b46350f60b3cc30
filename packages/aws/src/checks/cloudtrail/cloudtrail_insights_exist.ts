import { defineAwsCheck } from '../../context.ts';
import type { TrailAttributes } from '../../resources/cloudtrail.ts';

export default defineAwsCheck<TrailAttributes>({
  id: 'cloudtrail_insights_exist',
  service: 'cloudtrail',
  title: 'CloudTrail trail has CloudTrail Insights enabled',
  severity: 'low',
  resourceType: 'AwsCloudTrailTrail',
  requires: ['insightSelectors'],
  categories: ['forensics-ready'],
  description:
    'Checks that the trail has at least one Insights selector (API call rate or API error rate), so CloudTrail flags unusual volumes of write API calls or errors.',
  risk: 'Without Insights, bursts of unusual API activity (mass resource creation, enumeration, a runaway script using stolen keys) are only found by someone reading the raw logs.',
  remediation: {
    recommendation: 'Enable API call rate and API error rate Insights on a trail that logs management events.',
    cli: 'aws cloudtrail put-insight-selectors --trail-name <trail> --insight-selectors \'[{"InsightType":"ApiCallRateInsight"},{"InsightType":"ApiErrorRateInsight"}]\'',
    terraform:
      'resource "aws_cloudtrail" "account" {\n  # ...\n  insight_selector {\n    insight_type = "ApiCallRateInsight"\n  }\n  insight_selector {\n    insight_type = "ApiErrorRateInsight"\n  }\n}',
    console: 'CloudTrail console → Trails → the trail → Insights events → Edit → select API call rate and API error rate.',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-insights-events-with-cloudtrail.html',
  },
  evaluate(trail) {
    const selectors = trail.attributes.insightSelectors ?? [];
    return selectors.length > 0
      ? {
          status: 'PASS',
          message: `Trail ${trail.name} has CloudTrail Insights enabled (${selectors.map((s) => s.insightType).join(', ')}).`,
        }
      : { status: 'FAIL', message: `Trail ${trail.name} does not have CloudTrail Insights enabled.` };
  },
});
