import { DEFAULT_MEMBER_ROLE, awsCollectors, awsRateFor, awsScanUnits, chooseRegions, organizationMemberSession, regionSkipReason } from '@vigil/aws';
import { frameworks } from '@vigil/compliance';
import { commitFindingStates, insertFindings, resolveMissingFindings, withSystem, withTenant } from '@vigil/db';
import type { Db } from '@vigil/db';
import { VigilError, complianceIndex, errorMessage, planScan, runScan } from '@vigil/engine';
import type { Finding, ScanStats } from '@vigil/engine';
import type { KeyProvider } from '@vigil/security';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { loadCheckOverrides, loadCustomChecks } from '../checks/checks.repo.ts';
import { resolveProviderSession } from '../providers/providers.aws.ts';
import { decryptProviderAccess, readProviderAccess } from '../providers/providers.service.ts';
import { tenantCatalogue } from '../scans/scans.scope.ts';
import { claimDueRescans, completeRescan, failRescan, openResourceUids, purgeEvents } from './events.repo.ts';
import type { RescanRow } from './events.repo.ts';

export interface EventProcessorOptions {
  db: Db;
  secrets: KeyProvider;
  /** Quiet time after a resource's last event before it is rescanned, so bursts coalesce. Default 5 s. */
  debounceMs?: number;
  /** A resource that keeps receiving events is rescanned at least this often. Default 60 s. */
  maxWaitMs?: number;
  /** How often due rescans are looked for. Default 1 s. */
  pollMs?: number;
  /** Rescans claimed per poll. Default 10. */
  batchSize?: number;
  /** How long a claimed rescan stays this process's before another may take it over. Default 5 min. */
  leaseMs?: number;
  /** Attempts before a failing rescan is dropped (logged). Default 5. */
  maxAttempts?: number;
  /** First retry delay, doubled per attempt. Default 30 s. */
  backoffMs?: number;
  /** Event ids are remembered this long for deduplication. Default 7 days. */
  eventRetentionMs?: number;
  logger?: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
}

/** What one rescan did. */
export interface RescanOutcome {
  rescanId: string;
  tenantId: string;
  status: 'stored' | 'retry' | 'dropped' | 'skipped';
  scanId?: string;
  /** `again` when events arrived while it ran: the resource is rescanned once more. */
  next?: 'done' | 'again';
  error?: string;
}

export interface EventProcessor {
  start(): void;
  stop(): Promise<void>;
  /** Claims and processes the rescans due now; the loop calls it, tests call it directly. */
  runOnce(): Promise<RescanOutcome[]>;
}

/** Why a rescan could not read its resource: retried with back-off. */
class RescanFailure extends Error {}

/**
 * The event-driven rescan processor: an in-process loop that claims due rescans
 * (`FOR UPDATE SKIP LOCKED` plus a lease, so processes sharing a database never take
 * the same one), re-reads each resource through the provider's credentials — listing
 * its type in its region, enriching only it — evaluates the checks of its type, and
 * stores the result as a completed scan with trigger `event` and the resource as
 * `target`, whose finding states are then committed and resolved for that resource
 * alone. The state is re-read every time, so duplicate or out-of-order events cannot
 * leave a wrong final state; an event that arrives during a rescan causes one more.
 */
export function createEventProcessor(o: EventProcessorOptions): EventProcessor {
  const debounceMs = o.debounceMs ?? 5_000;
  const maxWaitMs = o.maxWaitMs ?? 60_000;
  const pollMs = o.pollMs ?? 1_000;
  const compliance = complianceIndex(frameworks);
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let lastPurge = 0;

  async function rescan(row: RescanRow): Promise<RescanOutcome> {
    const base = { rescanId: row.id, tenantId: row.tenant_id };
    const loaded = await withTenant(o.db, row.tenant_id, async (trx) => ({
      stored: await readProviderAccess(trx, row.provider_id),
      overrides: await loadCheckOverrides(trx),
      custom: await loadCustomChecks(trx),
    }));
    if (!loaded.stored) return { ...base, status: 'skipped' }; // the provider's deletion removed the row
    const checks = tenantCatalogue(loaded.overrides, loaded.custom).filter((c) => c.resourceType === row.resource_type && c.provider === 'aws');
    if (checks.length === 0) {
      const next = await withTenant(o.db, row.tenant_id, (trx) => completeRescan(trx, row));
      return { ...base, status: 'skipped', next };
    }
    const plan = planScan(checks, awsCollectors);
    const startedAt = new Date();
    let units;
    try {
      const access = await decryptProviderAccess(loaded.stored, o.secrets, row.tenant_id);
      const own = await resolveProviderSession(access);
      // A member account of an organization is re-read through its member role.
      const session =
        row.account_id === own.session.account
          ? own.session
          : loaded.stored.kind === 'organization'
            ? (await organizationMemberSession(own.session, row.account_id, { roleName: loaded.stored.memberRoleName ?? DEFAULT_MEMBER_ROLE, externalId: access.secret?.memberExternalId })).session
            : own.session;
      const regional = plan.collectors.some((p) => p.collector.scope === 'regional');
      // A global resource whose checks use regional types needs those types in every region.
      const regions = !regional ? [] : row.region === 'global' ? (await chooseRegions(session, undefined)).regions : [row.region];
      units = awsScanUnits(plan.collectors, [{ session, regions }]);
    } catch (err) {
      throw new RescanFailure(err instanceof VigilError ? err.message : `Preparing the rescan failed: ${errorMessage(err)}`);
    }

    const findings: Finding[] = [];
    const failures: string[] = [];
    let errorCount = 0;
    let stats: ScanStats | undefined;
    for await (const e of runScan({
      checks,
      units,
      compliance,
      rateFor: awsRateFor,
      skipReason: regionSkipReason,
      signal: stopping.signal,
      now: startedAt,
      targets: { [row.resource_type]: [row.resource_ref] },
    })) {
      if (e.type === 'finding') findings.push(e.finding);
      else if (e.type === 'error') {
        errorCount++;
        // A failed listing of a type the checks only use becomes ERROR findings on the resource, as in a full scan.
        if (e.resourceType === row.resource_type) failures.push(`${e.resourceType} in ${e.region}: ${e.code} (${e.message})`);
      }
      else if (e.type === 'done') stats = e.stats;
    }
    // A listing of the resource's type that failed proves nothing about it: its findings stay as they are.
    if (failures.length > 0 || !stats) throw new RescanFailure(`Re-reading the resource failed: ${failures.join('; ') || 'no result'}`);

    const counts = { status: {} as Record<string, number>, severity: {} as Record<string, number> };
    for (const f of findings) {
      counts.status[f.status] = (counts.status[f.status] ?? 0) + 1;
      if (f.status === 'FAIL') counts.severity[f.severity] = (counts.severity[f.severity] ?? 0) + 1;
    }
    const done = stats;
    return withTenant(o.db, row.tenant_id, async (trx) => {
      const scan = await trx
        .insertInto('scans')
        .values({
          tenant_id: row.tenant_id,
          provider_id: row.provider_id,
          name: `Event: ${row.resource_type} ${row.resource_ref}`.slice(0, 200),
          // Written in its final state: an event scan never takes the one-active-scan lock.
          state: errorCount > 0 ? 'completed_with_errors' : 'completed',
          trigger: 'event',
          target: JSON.stringify({
            resourceType: row.resource_type,
            resource: row.resource_ref,
            region: row.region,
            eventCount: row.event_count,
            lastEventId: row.last_event_id,
          }),
          progress_done: done.unitsDone,
          progress_total: done.unitsTotal,
          counts: JSON.stringify(counts),
          resource_count: done.resources,
          finding_count: findings.length,
          api_calls: done.apiCalls,
          error_count: errorCount,
          worker_id: 'events',
          started_at: startedAt,
          finished_at: sql<Date>`now()`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await insertFindings(trx, { scanId: scan.id, findings });
      // The resource as it is now, and as it was last seen (a deleted one is only there).
      const uids = new Set(findings.map((f) => f.resource.id));
      for (const uid of await openResourceUids(trx, { providerId: row.provider_id, accountId: row.account_id, resourceType: row.resource_type, ref: row.resource_ref })) uids.add(uid);
      const resourceUids = [...uids];
      await commitFindingStates(trx, scan.id, { resourceUids, accountId: row.account_id });
      await resolveMissingFindings(trx, scan.id, { resourceUids, accountId: row.account_id });
      const next = await completeRescan(trx, row);
      return { ...base, status: 'stored', scanId: scan.id, next };
    });
  }

  async function runOnce(): Promise<RescanOutcome[]> {
    const claimed = await withSystem(o.db, (trx) =>
      claimDueRescans(trx, { limit: o.batchSize ?? 10, debounceMs, maxWaitMs, leaseMs: o.leaseMs ?? 5 * 60_000 }),
    );
    const outcomes: RescanOutcome[] = [];
    for (const row of claimed) {
      if (stopping.signal.aborted) break;
      try {
        outcomes.push(await rescan(row));
      } catch (err) {
        if (stopping.signal.aborted) break; // the lease expires and another process takes it
        const message = err instanceof RescanFailure ? err.message : 'The rescan failed unexpectedly; the server log has the details.';
        if (!(err instanceof RescanFailure)) o.logger?.error({ err, rescanId: row.id }, 'event rescan failed unexpectedly');
        const status = await withTenant(o.db, row.tenant_id, (trx) =>
          failRescan(trx, row, message, { maxAttempts: o.maxAttempts ?? 5, backoffMs: o.backoffMs ?? 30_000 }),
        );
        if (status === 'dropped') o.logger?.warn({ rescanId: row.id, resourceType: row.resource_type, resource: row.resource_ref, error: message }, 'event rescan dropped');
        outcomes.push({ rescanId: row.id, tenantId: row.tenant_id, status, error: message });
      }
    }
    if (Date.now() - lastPurge > 3_600_000) {
      lastPurge = Date.now();
      await withSystem(o.db, (trx) => purgeEvents(trx, o.eventRetentionMs ?? 7 * 86_400_000));
    }
    return outcomes;
  }

  const tick = () => {
    if (running) return;
    running = runOnce()
      .catch((err: unknown) => o.logger?.warn({ err }, 'event rescan poll failed'))
      .finally(() => {
        running = undefined;
      });
  };

  return {
    start() {
      timer ??= setInterval(tick, pollMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      stopping.abort();
      await running;
    },
    runOnce,
  };
}
