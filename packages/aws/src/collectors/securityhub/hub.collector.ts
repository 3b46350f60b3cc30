import { DescribeHubCommand, paginateGetEnabledStandards, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { errorCode } from '@vigil/engine';
import { defineAwsCollector } from '../../context.ts';
import type { SecurityHubHub, SecurityHubHubAttributes } from '../../resources/securityhub.ts';

/**
 * DescribeHub answers `InvalidAccessException` ("Account … is not subscribed to AWS Security
 * Hub") when Security Hub is not enabled in the region: that is a fact about the account, so
 * it becomes `hub: null`. A missing permission answers `AccessDeniedException`, which is
 * rethrown so the checks report ERROR rather than a false FAIL.
 */
const NOT_ENABLED = 'InvalidAccessException';

/** Security Hub in one region (`AwsSecurityHubHub`, regional singleton). */
export default defineAwsCollector({
  id: 'securityhub-hub',
  service: 'securityhub',
  resourceType: 'AwsSecurityHubHub',
  scope: 'regional',
  calls: [{ api: 'DescribeHub', action: 'securityhub:DescribeHub' }],
  attributes: {
    hub: {},
    enabledStandards: { calls: [{ api: 'GetEnabledStandards', action: 'securityhub:GetEnabledStandards' }] },
  },
  async *collect(ctx) {
    const sh = ctx.client(SecurityHubClient);
    let hub: SecurityHubHub | null = null;
    try {
      const h = await sh.send(new DescribeHubCommand({}));
      hub = {
        arn: h.HubArn ?? ctx.arn('securityhub', 'hub/default'),
        subscribedAt: h.SubscribedAt,
        autoEnableControls: h.AutoEnableControls,
        controlFindingGenerator: h.ControlFindingGenerator,
      };
    } catch (err) {
      if (errorCode(err) !== NOT_ENABLED) throw err;
    }
    const resource = ctx.resource<Partial<SecurityHubHubAttributes>>({
      id: ctx.arn('securityhub', 'hub/default'),
      name: `Security Hub in ${ctx.region}`,
      attributes: { hub },
    });
    await ctx.enrich(resource, 'enabledStandards', async () => {
      if (!hub) return null;
      const standards: NonNullable<SecurityHubHubAttributes['enabledStandards']> = [];
      for await (const page of paginateGetEnabledStandards({ client: sh }, {})) {
        for (const s of page.StandardsSubscriptions ?? []) {
          standards.push({
            standardsArn: s.StandardsArn ?? '',
            subscriptionArn: s.StandardsSubscriptionArn ?? '',
            status: s.StandardsStatus ?? 'UNKNOWN',
            statusReason: s.StandardsStatusReason?.StatusReasonCode,
          });
        }
      }
      return standards;
    });
    yield resource;
  },
});
