import type { AdvancedEventSelector as SdkAdvancedSelector, EventSelector as SdkEventSelector } from '@aws-sdk/client-cloudtrail';
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetInsightSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { defineAwsCollector } from '../../context.ts';
import type { AdvancedEventSelector, BasicEventSelector, TrailAttributes } from '../../resources/cloudtrail.ts';

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

export function toBasicSelector(s: SdkEventSelector): BasicEventSelector {
  return {
    readWriteType: s.ReadWriteType ?? 'All',
    includeManagementEvents: s.IncludeManagementEvents ?? true,
    dataResources: (s.DataResources ?? []).map((d) => ({ type: d.Type ?? '', values: d.Values ?? [] })),
    excludeManagementEventSources: s.ExcludeManagementEventSources ?? [],
  };
}

export function toAdvancedSelector(s: SdkAdvancedSelector): AdvancedEventSelector {
  return {
    ...(s.Name ? { name: s.Name } : {}),
    fieldSelectors: (s.FieldSelectors ?? []).map((f) => ({
      field: f.Field ?? '',
      ...(f.Equals ? { equals: f.Equals } : {}),
      ...(f.StartsWith ? { startsWith: f.StartsWith } : {}),
      ...(f.EndsWith ? { endsWith: f.EndsWith } : {}),
      ...(f.NotEquals ? { notEquals: f.NotEquals } : {}),
      ...(f.NotStartsWith ? { notStartsWith: f.NotStartsWith } : {}),
      ...(f.NotEndsWith ? { notEndsWith: f.NotEndsWith } : {}),
    })),
  };
}

/**
 * CloudTrail trails (`AwsCloudTrailTrail`, regional). `DescribeTrails` with shadow trails also
 * returns the organization trails a member account is covered by (owned by the management
 * account); keeping only trails whose home region is this region lists each trail once.
 * It is not paginated.
 */
export default defineAwsCollector({
  id: 'cloudtrail-trails',
  service: 'cloudtrail',
  resourceType: 'AwsCloudTrailTrail',
  scope: 'regional',
  calls: [{ api: 'DescribeTrails', action: 'cloudtrail:DescribeTrails' }],
  attributes: {
    homeRegion: {},
    isMultiRegionTrail: {},
    isOrganizationTrail: {},
    includeGlobalServiceEvents: {},
    logFileValidationEnabled: {},
    kmsKeyId: {},
    s3BucketName: {},
    s3KeyPrefix: {},
    snsTopicArn: {},
    cloudWatchLogsLogGroupArn: {},
    cloudWatchLogsRoleArn: {},
    hasCustomEventSelectors: {},
    hasInsightSelectors: {},
    status: { calls: [{ api: 'GetTrailStatus', action: 'cloudtrail:GetTrailStatus' }] },
    eventSelectors: { calls: [{ api: 'GetEventSelectors', action: 'cloudtrail:GetEventSelectors' }] },
    insightSelectors: {
      calls: [{ api: 'GetInsightSelectors', action: 'cloudtrail:GetInsightSelectors' }],
      notConfigured: ['InsightNotEnabledException'],
    },
  },
  async *collect(ctx) {
    const ct = ctx.client(CloudTrailClient);
    const { trailList = [] } = await ct.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    const trails = trailList.filter((t) => t.TrailARN && t.Name && (!t.HomeRegion || t.HomeRegion === ctx.apiRegion));
    const resources = await ctx.map(
      trails,
      async (t) => {
        const arn = t.TrailARN as string;
        const r = ctx.resource<Partial<TrailAttributes>>({
          id: arn,
          name: t.Name as string,
          region: t.HomeRegion ?? ctx.region,
          attributes: {
            homeRegion: t.HomeRegion ?? ctx.region,
            isMultiRegionTrail: t.IsMultiRegionTrail ?? false,
            isOrganizationTrail: t.IsOrganizationTrail ?? false,
            includeGlobalServiceEvents: t.IncludeGlobalServiceEvents ?? false,
            logFileValidationEnabled: t.LogFileValidationEnabled ?? false,
            kmsKeyId: t.KmsKeyId ?? null,
            s3BucketName: t.S3BucketName ?? null,
            s3KeyPrefix: t.S3KeyPrefix ?? null,
            snsTopicArn: t.SnsTopicARN ?? null,
            cloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn ?? null,
            cloudWatchLogsRoleArn: t.CloudWatchLogsRoleArn ?? null,
            hasCustomEventSelectors: t.HasCustomEventSelectors ?? false,
            hasInsightSelectors: t.HasInsightSelectors ?? false,
          },
        });
        await ctx.enrich(r, 'status', async () => {
          const s = await ct.send(new GetTrailStatusCommand({ Name: arn }));
          const status: TrailAttributes['status'] = { isLogging: s.IsLogging ?? false };
          if (s.LatestDeliveryTime) status.latestDeliveryTime = iso(s.LatestDeliveryTime);
          if (s.LatestDeliveryError) status.latestDeliveryError = s.LatestDeliveryError;
          if (s.LatestCloudWatchLogsDeliveryTime) status.latestCloudWatchLogsDeliveryTime = iso(s.LatestCloudWatchLogsDeliveryTime);
          if (s.LatestCloudWatchLogsDeliveryError) status.latestCloudWatchLogsDeliveryError = s.LatestCloudWatchLogsDeliveryError;
          return status;
        });
        await ctx.enrich(r, 'eventSelectors', async () => {
          const s = await ct.send(new GetEventSelectorsCommand({ TrailName: arn }));
          return {
            basic: (s.EventSelectors ?? []).map(toBasicSelector),
            advanced: (s.AdvancedEventSelectors ?? []).map(toAdvancedSelector),
          };
        });
        await ctx.enrich(r, 'insightSelectors', async () => {
          // The listing says whether the trail has insight selectors: no call when it has none.
          if (t.HasInsightSelectors === false) return null;
          const s = await ct.send(new GetInsightSelectorsCommand({ TrailName: arn }));
          const list = (s.InsightSelectors ?? []).map((i) => ({ insightType: i.InsightType ?? '' }));
          return list.length > 0 ? list : null;
        });
        return r;
      },
      4,
    );
    for (const r of resources) yield r;
  },
});
