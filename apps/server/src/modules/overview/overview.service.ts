import { withTenant } from '@vigil/db';
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
  /** Unmuted FAIL findings by severity: what needs work. */
  failingBySeverity: Record<Severity, number>;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Counts over the latest completed scan of each cloud account. */
export function createOverviewService(deps: { db: Db }) {
  return {
    async get(tenantId: string, o: { providerId?: string }): Promise<Overview> {
      return withTenant(deps.db, tenantId, async (trx) => {
        let latest = trx
          .selectFrom('scans')
          .select(['id', 'provider_id', 'created_at', 'finished_at'])
          .distinctOn('provider_id')
          .where('state', 'in', FINISHED_SCAN_STATES)
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
          failingBySeverity: zeros(SEVERITIES),
        };
        if (scans.length === 0) return out;
        // Grouped in the database; the rows are bounded by severities × statuses × services × regions.
        const rows = await trx
          .selectFrom('findings')
          .select(['severity', 'status', 'service', 'region', 'muted', sql<number>`count(*)::int`.as('n')])
          .where((eb) => eb.or(scans.map((s) => eb.and([eb('scan_id', '=', s.id), eb('scan_created_at', '=', s.created_at)]))))
          .groupBy(['severity', 'status', 'service', 'region', 'muted'])
          .execute();
        for (const r of rows) {
          out.total += r.n;
          if (r.muted) out.muted += r.n;
          out.bySeverity[r.severity] += r.n;
          out.byStatus[r.status] += r.n;
          out.byService[r.service] = (out.byService[r.service] ?? 0) + r.n;
          out.byRegion[r.region] = (out.byRegion[r.region] ?? 0) + r.n;
          if (r.status === 'FAIL' && !r.muted) out.failingBySeverity[r.severity] += r.n;
        }
        return out;
      });
    },
  };
}
