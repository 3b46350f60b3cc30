import { GetAutomatedDiscoveryConfigurationCommand, GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { errorCode, errorMessage } from '@vigil/engine';
import { defineAwsCollector } from '../../context.ts';
import type { MacieSession, MacieSessionAttributes } from '../../resources/macie.ts';

/**
 * When Macie is not enabled in a region, GetMacieSession answers `AccessDeniedException` with
 * the message "Macie is not enabled." (HTTP 401/403) — the same code as a missing IAM
 * permission ("User: … is not authorized to perform: macie2:GetMacieSession …"). Only the
 * message tells them apart, so we map the code to "not enabled" only when the message says
 * so, and rethrow every other AccessDeniedException: a missing permission must give ERROR,
 * never a false "Macie is disabled" FAIL. If AWS ever rewords the message, the cost is an
 * ERROR (visible and safe), not a wrong FAIL.
 */
export function isMacieNotEnabled(err: unknown): boolean {
  return errorCode(err) === 'AccessDeniedException' && /macie is not enabled/i.test(errorMessage(err));
}

/** Amazon Macie in one region (`AwsMacieSession`, regional singleton). */
export default defineAwsCollector({
  id: 'macie-session',
  service: 'macie',
  resourceType: 'AwsMacieSession',
  scope: 'regional',
  calls: [{ api: 'GetMacieSession', action: 'macie2:GetMacieSession' }],
  attributes: {
    session: {},
    automatedDiscovery: {
      calls: [{ api: 'GetAutomatedDiscoveryConfiguration', action: 'macie2:GetAutomatedDiscoveryConfiguration' }],
    },
  },
  async *collect(ctx) {
    const macie = ctx.client(Macie2Client);
    let session: MacieSession | null = null;
    try {
      const s = await macie.send(new GetMacieSessionCommand({}));
      session = {
        status: s.status ?? 'UNKNOWN',
        findingPublishingFrequency: s.findingPublishingFrequency,
        serviceRole: s.serviceRole,
        createdAt: s.createdAt?.toISOString(),
        updatedAt: s.updatedAt?.toISOString(),
      };
    } catch (err) {
      if (!isMacieNotEnabled(err)) throw err;
    }
    const resource = ctx.resource<Partial<MacieSessionAttributes>>({
      id: ctx.arn('macie2', 'session'),
      name: `Macie in ${ctx.region}`,
      attributes: { session },
    });
    await ctx.enrich(resource, 'automatedDiscovery', async () => {
      if (!session) return null;
      try {
        const c = await macie.send(new GetAutomatedDiscoveryConfigurationCommand({}));
        return {
          status: c.status ?? 'DISABLED',
          firstEnabledAt: c.firstEnabledAt?.toISOString(),
          disabledAt: c.disabledAt?.toISOString(),
          lastUpdatedAt: c.lastUpdatedAt?.toISOString(),
          autoEnableOrganizationMembers: c.autoEnableOrganizationMembers,
        };
      } catch (err) {
        // Macie disabled between the two calls: the same "not enabled" answer, not a failure.
        if (isMacieNotEnabled(err)) return null;
        throw err;
      }
    });
    yield resource;
  },
});
