import { findingMutedAt, withTenant } from '@vigil/db';
import type { Db } from '@vigil/db';
import { SEVERITIES, STATUSES } from '@vigil/engine';
import type { Severity, Status } from '@vigil/engine';
import { sql } from 'kysely';

/** Scan states whose findings are complete enough to report on. */
export const FINISHED_SCAN_STATES = ['completed', 'completed_with_errors'] as const;

export interface Overview {
  scans: { scanId: string; providerId: string; createdAt: string; finishedAt: string | null }[];
  total: number;
  muted: number;
  bySeverity: Record<Severity, number>;
  byStatus: Record<Status, number>;
  byService: Record<string, number>;
  byRegion: Record<string, number>;
  /** Per cloud account (an organization's scan covers many): findings and unmuted FAILs. */
  byAccount: Record<string, { total: number; failing: number }>;
  /** Unmuted FAIL findings by severity: what needs work. */
  failingBySeverity: Record<Severity, number>;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Counts over the latest completed scan of each cloud account, and the manual findings
 * (recorded by hand, in no scan); muted means muted now (a lapsed mute does not count).
 */
export function createOverviewService(deps: { db: Db; now?: () => Date }) {
  return {
    async get(tenantId: string, o: { providerId?: string; accountId?: string }): Promise<Overview> {
      return withTenant(deps.db, tenantId, async (trx) => {
        let latest = trx
          .selectFrom('scans')
          .select(['id', 'provider_id', 'created_at', 'finished_at'])
          .distinctOn('provider_id')
          .where('state', 'in', FINISHED_SCAN_STATES)
          // An event-driven rescan covers one resource: it is not the account's latest picture.
          .where('trigger', '!=', 'event')
          .orderBy('provider_id')
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc');
        if (o.providerId !== undefined) latest = latest.where('provider_id', '=', o.providerId);
        const scans = await latest.execute();
        const out: Overview = {
          scans: scans.map((s) => ({
            scanId: s.id,
            providerId: s.provider_id,
            createdAt: s.created_at.toISOString(),
            finishedAt: s.finished_at?.toISOString() ?? null,
          })),
          total: 0,
          muted: 0,
          bySeverity: zeros(SEVERITIES),
          byStatus: zeros(STATUSES),
          byService: {},
          byRegion: {},
          byAccount: {},
          failingBySeverity: zeros(SEVERITIES),
        };
        // Grouped in the database; the rows are bounded by severities × statuses × services × regions.
        let query = trx
          .selectFrom('findings')
          .select(['severity', 'status', 'service', 'region', 'account_id', findingMutedAt(deps.now?.() ?? new Date()).as('muted_now'), sql<number>`count(*)::int`.as('n')])
          .where((eb) =>
            eb.or([
              ...scans.map((s) => eb.and([eb('scan_id', '=', s.id), eb('scan_created_at', '=', s.created_at)])),
              o.providerId === undefined ? eb('source', '=', 'manual') : eb.and([eb('source', '=', 'manual'), eb('provider_id', '=', o.providerId)]),
            ]),
          )
          .groupBy(['severity', 'status', 'service', 'region', 'account_id', sql`muted_now`]);
        if (o.accountId !== undefined) query = query.where('account_id', '=', o.accountId);
        const rows = await query.execute();
        for (const r of rows) {
          out.total += r.n;
          if (r.muted_now) out.muted += r.n;
          out.bySeverity[r.severity] += r.n;
          out.byStatus[r.status] += r.n;
          out.byService[r.service] = (out.byService[r.service] ?? 0) + r.n;
          out.byRegion[r.region] = (out.byRegion[r.region] ?? 0) + r.n;
          const account = (out.byAccount[r.account_id] ??= { total: 0, failing: 0 });
          account.total += r.n;
          if (r.status === 'FAIL' && !r.muted_now) {
            out.failingBySeverity[r.severity] += r.n;
            account.failing += r.n;
          }
        }
        return out;
      });
    },
  };
}
