import {
  GetAdministratorAccountCommand,
  GetDetectorCommand,
  GuardDutyClient,
  paginateListDetectors,
  paginateListFindings,
  paginateListMembers,
} from '@aws-sdk/client-guardduty';
import type { GetDetectorResponse } from '@aws-sdk/client-guardduty';
import { defineAwsCollector } from '../../context.ts';
import type {
  GuardDutyDetectorAttributes,
  GuardDutyDetectorDetails,
  GuardDutyFeature,
} from '../../resources/guardduty.ts';

/** GuardDuty severities: 7.0–8.9 High, 9.0–10.0 Critical. */
const HIGH_SEVERITY = 7;
const SAMPLE_IDS = 10;

/**
 * GuardDuty in one region (`AwsGuardDutyDetector`, regional singleton). ListDetectors answers
 * an empty list when GuardDuty is not enabled, so the resource always exists and says whether
 * a detector does; the details of the (single) detector are enrichments.
 */
export default defineAwsCollector({
  id: 'guardduty-detector',
  service: 'guardduty',
  resourceType: 'AwsGuardDutyDetector',
  scope: 'regional',
  calls: [{ api: 'ListDetectors', action: 'guardduty:ListDetectors' }],
  attributes: {
    detectorIds: {},
    detector: { calls: [{ api: 'GetDetector', action: 'guardduty:GetDetector' }] },
    administrator: { calls: [{ api: 'GetAdministratorAccount', action: 'guardduty:GetAdministratorAccount' }] },
    memberAccountIds: { calls: [{ api: 'ListMembers', action: 'guardduty:ListMembers' }] },
    highSeverityFindings: { calls: [{ api: 'ListFindings', action: 'guardduty:ListFindings' }] },
  },
  async *collect(ctx) {
    const gd = ctx.client(GuardDutyClient);
    const detectorIds: string[] = [];
    for await (const page of paginateListDetectors({ client: gd }, {})) {
      for (const id of page.DetectorIds ?? []) detectorIds.push(id);
    }
    if (detectorIds.length > 1) {
      ctx.warn(`GuardDuty returned ${detectorIds.length} detectors in ${ctx.account}/${ctx.region}; only ${detectorIds[0]} is described.`);
    }
    // GuardDuty allows one detector per account and region.
    const detectorId = detectorIds[0];
    const resource = ctx.resource<Partial<GuardDutyDetectorAttributes>>({
      id: ctx.arn('guardduty', 'detectors'),
      name: `GuardDuty in ${ctx.region}`,
      attributes: { detectorIds },
    });

    await ctx.enrich(resource, 'detector', async () => {
      if (!detectorId) return null;
      return toDetector(detectorId, await gd.send(new GetDetectorCommand({ DetectorId: detectorId })));
    });

    await ctx.enrich(resource, 'administrator', async () => {
      if (!detectorId) return null;
      const { Administrator: a } = await gd.send(new GetAdministratorAccountCommand({ DetectorId: detectorId }));
      if (!a?.AccountId) return null;
      return { accountId: a.AccountId, relationshipStatus: a.RelationshipStatus ?? 'Unknown', invitedAt: a.InvitedAt };
    });

    await ctx.enrich(resource, 'memberAccountIds', async () => {
      if (!detectorId) return null;
      const ids: string[] = [];
      for await (const page of paginateListMembers({ client: gd }, { DetectorId: detectorId, OnlyAssociated: 'true' })) {
        for (const m of page.Members ?? []) if (m.AccountId) ids.push(m.AccountId);
      }
      return ids;
    });

    await ctx.enrich(resource, 'highSeverityFindings', async () => {
      if (!detectorId) return null;
      let count = 0;
      const sampleIds: string[] = [];
      const input = {
        DetectorId: detectorId,
        FindingCriteria: {
          Criterion: {
            severity: { GreaterThanOrEqual: HIGH_SEVERITY },
            // Archived findings were reviewed (or suppressed by a rule): count current ones only.
            'service.archived': { Equals: ['false'] },
          },
        },
      };
      for await (const page of paginateListFindings({ client: gd, pageSize: 50 }, input)) {
        for (const id of page.FindingIds ?? []) {
          count++;
          if (sampleIds.length < SAMPLE_IDS) sampleIds.push(id);
        }
      }
      return { count, sampleIds };
    });

    yield resource;
  },
});

function toDetector(id: string, d: GetDetectorResponse): GuardDutyDetectorDetails {
  const features: Record<string, GuardDutyFeature> = {};
  for (const f of d.Features ?? []) {
    if (!f.Name) continue;
    const additionalConfiguration: Record<string, string> = {};
    for (const a of f.AdditionalConfiguration ?? []) if (a.Name) additionalConfiguration[a.Name] = a.Status ?? 'DISABLED';
    features[f.Name] = { status: f.Status ?? 'DISABLED', additionalConfiguration };
  }
  const ds = d.DataSources;
  return {
    id,
    status: d.Status ?? 'DISABLED',
    findingPublishingFrequency: d.FindingPublishingFrequency,
    serviceRole: d.ServiceRole,
    createdAt: d.CreatedAt,
    updatedAt: d.UpdatedAt,
    features,
    dataSources: ds
      ? {
          s3Logs: ds.S3Logs?.Status,
          kubernetesAuditLogs: ds.Kubernetes?.AuditLogs?.Status,
          ebsMalwareProtection: ds.MalwareProtection?.ScanEc2InstanceWithFindings?.EbsVolumes?.Status,
        }
      : null,
    tags: d.Tags ?? {},
  };
}
