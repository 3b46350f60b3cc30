import { findingMutedAt, withTenant } from '@vigil/db';
import type { Db } from '@vigil/db';
import { CheckTally, evaluateFramework } from '@vigil/engine';
import type { Framework, RequirementStatus, Status } from '@vigil/engine';
import { sql } from 'kysely';
import { notFound } from '../../errors.ts';

export interface RequirementView {
  id: string;
  section: string;
  title: string;
  assessment: 'Automated' | 'Manual';
  checks: string[];
  status: RequirementStatus;
  counts: Record<Status, number>;
  muted: number;
}

export interface ScanCompliance {
  scanId: string;
  framework: { id: string; name: string; version: string; provider: string };
  summary: Record<RequirementStatus, number>;
  requirements: RequirementView[];
}

export interface ComplianceServiceDeps {
  db: Db;
  /** The clock for lapsed mutes (default the current time). */
  now?: () => Date;
  frameworks: readonly Framework[];
}

/**
 * Per-check tallies of a scan from one aggregate query (a few rows per check), never
 * from the findings themselves.
 */
export async function scanTally(trx: Db, scan: { id: string; created_at: Date }, now: Date = new Date(), accountId?: string): Promise<CheckTally> {
  let query = trx
    .selectFrom('findings')
    .select(['check_id', 'status', findingMutedAt(now).as('muted'), sql<number>`count(*)::int`.as('n')])
    .where('scan_id', '=', scan.id)
    .where('scan_created_at', '=', scan.created_at)
    .groupBy(['check_id', 'status', sql`3`]);
  // One account of an organization's scan, or all of them together.
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  const rows = await query.execute();
  const tally = new CheckTally();
  for (const r of rows) {
    // CheckTally only counts one finding at a time; the loop is bounded by the scan's size and cheap.
    for (let i = 0; i < r.n; i++) tally.add({ checkId: r.check_id, status: r.status, muted: r.muted });
  }
  return tally;
}

/** Compliance of scans against the frameworks Vigil ships. */
export function createComplianceService(deps: ComplianceServiceDeps) {
  return {
    frameworks() {
      return deps.frameworks.map((f) => ({
        id: f.id,
        name: f.name,
        version: f.version,
        provider: f.provider,
        description: f.description,
        requirementCount: f.requirements.length,
      }));
    },

    async forScan(tenantId: string, scanId: string, frameworkId: string, accountId?: string): Promise<ScanCompliance> {
      const framework = deps.frameworks.find((f) => f.id === frameworkId);
      if (!framework) throw notFound('Compliance framework', frameworkId);
      const tally = await withTenant(deps.db, tenantId, async (trx) => {
        const scan = await trx.selectFrom('scans').select(['id', 'created_at']).where('id', '=', scanId).executeTakeFirst();
        if (!scan) throw notFound('Scan', scanId);
        return scanTally(trx, scan, deps.now?.() ?? new Date(), accountId);
      });
      const results = evaluateFramework(framework, tally);
      const summary: Record<RequirementStatus, number> = { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 };
      for (const r of results) summary[r.status]++;
      return {
        scanId,
        framework: { id: framework.id, name: framework.name, version: framework.version, provider: framework.provider },
        summary,
        requirements: results.map((r) => ({
          id: r.requirement.id,
          section: r.requirement.section,
          title: r.requirement.title,
          assessment: r.requirement.assessment,
          checks: r.requirement.checks,
          status: r.status,
          counts: r.counts,
          muted: r.muted,
        })),
      };
    },
  };
}
