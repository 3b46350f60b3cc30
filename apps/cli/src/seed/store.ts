import { randomUUID } from 'node:crypto';
import { commitFindingStates, ensureFindingPartitions, insertFindings, withTenant } from '@vigil/db';
import type { Db, Tx } from '@vigil/db';
import type { SeedPlan } from './plan.ts';
import { scanFindings } from './plan.ts';
import type { PhaseResult, SeedProgress } from './progress.ts';
import { resourceAt } from './resources.ts';

/** What the seeder stored. */
export interface SeedResult {
  phases: PhaseResult[];
  /** Findings partitions created for the seeded scans' months. */
  partitions: string[];
  /** Providers that existed already (same account id in the tenant) and were reused. */
  reusedProviders: number;
  /** Stored findings by status, all scans together. */
  byStatus: Record<string, number>;
}

/** PostgreSQL accepts at most 65 535 bind parameters per statement. */
const MAX_PARAMETERS = 65_535;

function monthsBetween(from: Date, to: Date): number {
  return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();
}

/**
 * Stores a planned data set in a tenant, phase by phase: providers (an account id the
 * tenant has already is reused), completed scans, resources, then each scan's findings
 * oldest scan first, in batches of `batchSize` through {@link insertFindings} (COPY on
 * PostgreSQL), each scan ending with {@link commitFindingStates} and its counts, so the
 * next scan of the account gets real deltas. Every write runs in tenant transactions
 * (row-level security applies); partitions are ensured first, as the connecting role.
 */
export async function storeSeed(db: Db, tenantId: string, plan: SeedPlan, batchSize: number, progress: SeedProgress): Promise<SeedResult> {
  const phases: PhaseResult[] = [];
  const { spec } = plan;

  // Providers.
  const providerPhase = progress.phase('providers', plan.providers.length);
  const providerIds: string[] = [];
  let reusedProviders = 0;
  for (let i = 0; i < plan.providers.length; i += batchSize) {
    const chunk = plan.providers.slice(i, i + batchSize);
    const rows = await withTenant(db, tenantId, async (trx) => {
      const existing = await trx
        .selectFrom('providers')
        .select(['id', 'account_id'])
        .where('account_id', 'in', chunk.map((p) => p.accountId))
        .execute();
      const known = new Map(existing.map((r) => [r.account_id, r.id]));
      const missing = chunk.filter((p) => !known.has(p.accountId));
      if (missing.length > 0) {
        const created = await trx
          .insertInto('providers')
          .values(
            missing.map((p) => ({
              tenant_id: tenantId,
              kind: 'aws' as const,
              alias: p.alias,
              account_id: p.accountId,
              auth_method: 'role' as const,
              role_arn: `arn:aws:iam::${p.accountId}:role/VigilScanner`,
              tags: JSON.stringify({ environment: p.alias.split('-').at(-2) ?? 'prod', 'vigil:seed': String(spec.seed) }),
              connection_ok: true,
              connection_identity: `arn:aws:sts::${p.accountId}:assumed-role/VigilScanner/vigil`,
              connection_checked_at: spec.now,
            })),
          )
          .returning(['id', 'account_id'])
          .execute();
        for (const r of created) known.set(r.account_id, r.id);
      }
      reusedProviders += chunk.length - missing.length;
      return chunk.map((p) => known.get(p.accountId) as string);
    });
    providerIds.push(...rows);
    providerPhase.add(chunk.length);
  }
  phases.push(providerPhase.finish());

  // Scans: stored completed, their counts filled in once their findings are in.
  const scanPhase = progress.phase('scans', plan.scans.length);
  const scanIds = plan.scans.map(() => randomUUID());
  // 17 columns a scan row.
  const perScanStatement = Math.floor(MAX_PARAMETERS / 17);
  for (let i = 0; i < plan.scans.length; i += Math.min(batchSize, perScanStatement)) {
    const end = Math.min(i + Math.min(batchSize, perScanStatement), plan.scans.length);
    await withTenant(db, tenantId, (trx) =>
      trx
        .insertInto('scans')
        .values(
          plan.scans.slice(i, end).map((s, j) => {
            const pr = plan.providers[s.providerIndex];
            const units = 20 * (pr?.regions.length ?? 1);
            return {
              id: scanIds[i + j] as string,
              tenant_id: tenantId,
              provider_id: providerIds[s.providerIndex] as string,
              name: s.sequence === 0 ? 'Initial scan (seeded)' : null,
              state: 'completed' as const,
              trigger: s.sequence === 0 ? ('manual' as const) : ('schedule' as const),
              scope: '{}',
              progress_done: units,
              progress_total: units,
              resource_count: pr?.resources ?? 0,
              finding_count: s.findings,
              api_calls: (pr?.resources ?? 0) * 3 + units,
              created_at: s.createdAt,
              started_at: s.startedAt,
              finished_at: s.finishedAt,
              heartbeat_at: s.finishedAt,
              updated_at: s.finishedAt,
            };
          }),
        )
        .execute(),
    );
    scanPhase.add(end - i);
  }
  phases.push(scanPhase.finish());

  // Resources: last seen by their account's newest scan.
  const resourcePhase = progress.phase('resources', spec.resources);
  // 13 columns a resource row.
  const perResourceStatement = Math.floor(MAX_PARAMETERS / 13);
  const chunkSize = Math.min(batchSize, perResourceStatement);
  // Scans are oldest first: each account's first and last scan, in one pass.
  const firstScan = new Map<number, number>();
  const lastScan = new Map<number, number>();
  plan.scans.forEach((s, i) => {
    if (!firstScan.has(s.providerIndex)) firstScan.set(s.providerIndex, i);
    lastScan.set(s.providerIndex, i);
  });
  // Rows of several small accounts share a statement.
  type ResourceRow = {
    tenant_id: string;
    provider_id: string;
    uid: string;
    type: string;
    service: string;
    region: string;
    account_id: string;
    name: string;
    tags: string;
    attributes: string;
    first_seen_at: Date;
    last_seen_at: Date;
    last_scan_id: string | null;
  };
  let pendingRows: ResourceRow[] = [];
  const flushResources = async () => {
    if (pendingRows.length === 0) return;
    const rows = pendingRows;
    pendingRows = [];
    await withTenant(db, tenantId, (trx) =>
      trx
        .insertInto('resources')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['provider_id', 'uid']).doUpdateSet((eb) => ({
            last_seen_at: eb.ref('excluded.last_seen_at'),
            last_scan_id: eb.ref('excluded.last_scan_id'),
            name: eb.ref('excluded.name'),
            tags: eb.ref('excluded.tags'),
          })),
        )
        .execute(),
    );
    resourcePhase.add(rows.length);
  };
  for (const pr of plan.providers) {
    const first = plan.scans[firstScan.get(pr.index) ?? -1];
    const lastIndex = lastScan.get(pr.index) ?? -1;
    const last = plan.scans[lastIndex];
    for (let i = 0; i < pr.resources; i++) {
      const r = resourceAt(spec.seed, pr.index, pr.accountId, pr.regions, i);
      pendingRows.push({
        tenant_id: tenantId,
        provider_id: providerIds[pr.index] as string,
        uid: r.uid,
        type: r.type,
        service: r.service,
        region: r.region,
        account_id: pr.accountId,
        name: r.name,
        tags: JSON.stringify(r.tags),
        attributes: '{}',
        first_seen_at: first?.finishedAt ?? spec.now,
        last_seen_at: last?.finishedAt ?? spec.now,
        last_scan_id: scanIds[lastIndex] ?? null,
      });
      if (pendingRows.length >= chunkSize) await flushResources();
    }
  }
  await flushResources();
  phases.push(resourcePhase.finish());

  // Findings, oldest scan first.
  const oldest = plan.scans[0]?.createdAt ?? spec.now;
  const newest = plan.scans[plan.scans.length - 1]?.createdAt ?? spec.now;
  const partitions = await ensureFindingPartitions(db, { from: oldest, monthsAhead: monthsBetween(oldest, newest) });
  const findingPhase = progress.phase('findings', spec.findings);
  const byStatus: Record<string, number> = {};
  // Work is grouped into transactions of about `batchSize` findings: a big scan takes
  // several, many small scans share one. A scan's states and counts are queued right
  // after its last batch, so they always commit in that batch's transaction.
  let work: ((trx: Tx) => Promise<unknown>)[] = [];
  let queued = 0;
  const flush = async () => {
    if (work.length === 0) return;
    const ops = work;
    const n = queued;
    work = [];
    queued = 0;
    await withTenant(db, tenantId, async (trx) => {
      for (const op of ops) await op(trx);
    });
    findingPhase.add(n);
  };
  for (const [s, scan] of plan.scans.entries()) {
    const scanId = scanIds[s] as string;
    const counts = { status: {} as Record<string, number>, severity: {} as Record<string, number> };
    for (const batch of scanFindings(plan, scan, batchSize)) {
      for (const f of batch) {
        counts.status[f.status] = (counts.status[f.status] ?? 0) + 1;
        if (f.status === 'FAIL') counts.severity[f.severity] = (counts.severity[f.severity] ?? 0) + 1;
      }
      if (queued + batch.length > batchSize) await flush();
      work.push((trx) => insertFindings(trx, { scanId, findings: batch }));
      queued += batch.length;
    }
    const countsJson = JSON.stringify(counts);
    work.push(async (trx) => {
      await commitFindingStates(trx, scanId);
      await trx.updateTable('scans').set({ counts: countsJson }).where('id', '=', scanId).execute();
    });
    if (queued >= batchSize) await flush();
    for (const [k, v] of Object.entries(counts.status)) byStatus[k] = (byStatus[k] ?? 0) + v;
  }
  await flush();
  phases.push(findingPhase.finish());
  return { phases, partitions, reusedProviders, byStatus };
}
