import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { awsRateFor, awsScanUnits, chooseRegions, isCredentialFailure, regionSkipReason } from '@vigil/aws';
import { frameworks } from '@vigil/compliance';
import { insertFindings, resolveMissingFindings, withSystem, withTenant } from '@vigil/db';
import type { Db, ScanRow, Tx } from '@vigil/db';
import { VigilError, complianceIndex, errorMessage, runScan } from '@vigil/engine';
import type { Finding, ScanStats } from '@vigil/engine';
import type { KeyProvider } from '@vigil/security';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { resolveProviderSession } from '../modules/providers/providers.aws.ts';
import { decryptProviderAccess, readProviderAccess } from '../modules/providers/providers.service.ts';
import { appendScanEvent, promoteQueued, stateEvent } from '../modules/scans/scans.repo.ts';
import type { ScanCounts } from '../modules/scans/scans.repo.ts';
import type { ScanScopeInput, ScanState } from '../modules/scans/scans.schemas.ts';
import { isFullScope, resolveScope, tenantCatalogue } from '../modules/scans/scans.scope.ts';
import { loadCheckOverrides, loadCustomChecks } from '../modules/checks/checks.repo.ts';
import { createInProcessQueue } from './queue.ts';
import type { ScanJob, ScanQueue, ScanQueueOptions } from './queue.ts';

export interface ScanWorkerOptions {
  db: Db;
  secrets: KeyProvider;
  /** Scans run at once (each of a different cloud account). Default 3. */
  concurrency?: number;
  /** Findings stored per batch. Default 500. */
  batchSize?: number;
  /** Progress, heartbeat and cancel polling interval. Default 1000 ms (progress is written at most this often). */
  tickMs?: number;
  /**
   * A `running` scan whose heartbeat is older than this is an orphan of a dead process:
   * checked on start and then every `staleAfterMs`. Default 60 s.
   */
  staleAfterMs?: number;
  /** Units the engine collects at once per scan. Default 16. */
  unitConcurrency?: number;
  logger?: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** Builds the queue the worker consumes (BullMQ with `REDIS_URL`). Default: the in-process queue. */
  queueFactory?: (o: ScanQueueOptions) => ScanQueue;
}

/** Why a scan ended without completing: the message stored as `failure_reason`. */
class ScanFailure extends Error {}

/**
 * The scan worker: runs the engine for queued scans with the provider's decrypted
 * credentials, streams findings into the database in batches, writes progress and a
 * heartbeat at most once per tick, honours cancellation, and on start fails the
 * scans a crashed process left running. Returns the queue to hand scans to.
 */
export function createScanWorker(o: ScanWorkerOptions): ScanQueue {
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const batchSize = o.batchSize ?? 500;
  const tickMs = o.tickMs ?? 1000;
  const staleAfterMs = o.staleAfterMs ?? 60_000;
  const compliance = complianceIndex(frameworks);

  const finish = async (trx: Tx, scanId: string, state: ScanState, reason: string | null): Promise<ScanRow | undefined> => {
    const row = await trx
      .updateTable('scans')
      .set({ state, failure_reason: reason, finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()`, heartbeat_at: sql<Date>`now()` })
      .where('id', '=', scanId)
      .where('state', 'in', ['pending', 'running'])
      .returningAll()
      .executeTakeFirst();
    if (row) await appendScanEvent(trx, row, 'state', stateEvent(row));
    return row;
  };

  /** After a scan ends, start the provider's next queued scan. */
  const promoteNext = async (tenantId: string, providerId: string) => {
    const next = await withTenant(o.db, tenantId, (trx) => promoteQueued(trx, providerId));
    if (next) await queue.enqueue({ kind: 'scan', scanId: next.id, tenantId: next.tenant_id });
  };

  async function runJob(job: ScanJob, stopping: AbortSignal): Promise<void> {
    const claimed = await withTenant(o.db, job.tenantId, async (trx) => {
      const row = await trx
        .updateTable('scans')
        .set({ state: 'running', worker_id: workerId, started_at: sql<Date>`now()`, heartbeat_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
        .where('id', '=', job.scanId)
        .where('state', '=', 'pending')
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      await appendScanEvent(trx, row, 'state', stateEvent(row));
      return { row, stored: await readProviderAccess(trx, row.provider_id) };
    });
    if (!claimed) return; // cancelled before it started, or another worker has it
    const { row: scan, stored } = claimed;
    const scope = scan.scope as ScanScopeInput;

    const controller = new AbortController();
    const onStop = () => controller.abort();
    stopping.addEventListener('abort', onStop, { once: true });
    let cancelled = false;
    let credentialFailure: string | undefined;

    const pending: Finding[] = [];
    const counts: ScanCounts = { status: {}, severity: {} };
    let stats: ScanStats | undefined;
    let unitsTotal = 0;
    let errorCount = 0;
    let findingCount = 0;
    let written = '';
    let progressAt = 0;

    // Every write of this scan goes through one chain: batches stay in order and never overlap.
    let chain: Promise<void> = Promise.resolve();
    const serial = (fn: () => Promise<void>) => {
      const next = chain.then(fn);
      chain = next.catch(() => undefined);
      return next;
    };

    // Progress (and its event) is written at most once per tick; a findings batch in between only stores findings.
    const flush = (force = false) =>
      serial(async () => {
        const batch = pending.splice(0, pending.length);
        const due = force || Date.now() - progressAt >= tickMs;
        const snapshot = {
          progress_done: stats?.unitsDone ?? 0,
          progress_total: stats?.unitsTotal ?? unitsTotal,
          counts: JSON.stringify(counts),
          resource_count: stats?.resources ?? 0,
          finding_count: findingCount,
          api_calls: stats?.apiCalls ?? 0,
          error_count: errorCount,
        };
        const changed = due && JSON.stringify(snapshot) !== written;
        const cancelAt = await withTenant(o.db, job.tenantId, async (trx) => {
          if (batch.length) await insertFindings(trx, { scanId: scan.id, findings: batch });
          const r = await trx
            .updateTable('scans')
            .set({ ...(due ? snapshot : {}), heartbeat_at: sql<Date>`now()`, ...(changed ? { updated_at: sql<Date>`now()` } : {}) })
            .where('id', '=', scan.id)
            .returningAll()
            .executeTakeFirstOrThrow();
          if (changed) {
            await appendScanEvent(trx, r, 'progress', {
              progress: { unitsDone: r.progress_done, unitsTotal: r.progress_total },
              counts,
              apiCalls: Number(r.api_calls),
              errorCount: r.error_count,
              resourceCount: r.resource_count,
              findingCount: r.finding_count,
              updatedAt: r.updated_at.toISOString(),
            });
          }
          return r.cancel_requested_at;
        });
        if (due) {
          written = JSON.stringify(snapshot);
          progressAt = Date.now();
        }
        if (cancelAt && !cancelled) {
          cancelled = true;
          controller.abort();
        }
      });

    const timer = setInterval(() => {
      flush().catch((err: unknown) => o.logger?.warn({ err, scanId: scan.id }, 'scan progress write failed'));
    }, tickMs);

    let state: ScanState = 'failed';
    let reason: string | null = null;
    try {
      let resolved;
      try {
        // Custom checks and overrides run exactly like built-in checks.
        const [overrides, custom] = await withTenant(o.db, job.tenantId, async (trx) => [await loadCheckOverrides(trx), await loadCustomChecks(trx)] as const);
        resolved = resolveScope(scope, tenantCatalogue(overrides, custom));
      } catch (err) {
        throw new ScanFailure(`The scan's scope is no longer valid: ${errorMessage(err)}`);
      }
      if (!stored) throw new ScanFailure('The provider was deleted.');
      let units;
      try {
        const access = await decryptProviderAccess(stored, o.secrets, job.tenantId);
        const { session } = await resolveProviderSession(access);
        const { regions } = await chooseRegions(session, scope.regions);
        if (regions.length === 0 && resolved.plan.collectors.some((p) => p.collector.scope === 'regional')) {
          throw new ScanFailure('No enabled region left to scan: check the scope\'s regions.');
        }
        units = awsScanUnits(resolved.plan.collectors, [{ session, regions }]);
      } catch (err) {
        if (controller.signal.aborted) throw err;
        if (err instanceof ScanFailure) throw err;
        // Vigil's errors are written for users; anything else stays in the log.
        if (err instanceof VigilError) throw new ScanFailure(err.message);
        o.logger?.error({ err, scanId: scan.id }, 'preparing the scan failed');
        throw new ScanFailure('Preparing the scan failed unexpectedly; the server log has the details.');
      }
      unitsTotal = units.length;

      let done = false;
      for await (const e of runScan({
        checks: resolved.checks,
        units,
        compliance,
        rateFor: awsRateFor,
        signal: controller.signal,
        skipReason: regionSkipReason,
        concurrency: o.unitConcurrency,
        progressIntervalMs: Math.min(tickMs, 250),
      })) {
        switch (e.type) {
          case 'finding': {
            const f = e.finding;
            pending.push(f);
            findingCount++;
            counts.status[f.status] = (counts.status[f.status] ?? 0) + 1;
            if (f.status === 'FAIL') counts.severity[f.severity] = (counts.severity[f.severity] ?? 0) + 1;
            if (pending.length >= batchSize) await flush();
            break;
          }
          case 'progress':
            stats = e.stats;
            break;
          case 'error':
            errorCount++;
            if (isCredentialFailure(e.code) && !credentialFailure) {
              credentialFailure = `The AWS credentials stopped working during the scan (${e.code}: ${e.message}). Fix the provider's credentials and scan again.`;
              controller.abort();
            }
            break;
          case 'done':
            stats = e.stats;
            done = true;
            break;
          default:
            break;
        }
      }
      if (!done) throw new ScanFailure('The scan ended without a result.');
      state = errorCount > 0 ? 'completed_with_errors' : 'completed';
    } catch (err) {
      if (cancelled) {
        state = 'cancelled';
        reason = 'Cancelled on request.';
      } else if (credentialFailure) {
        reason = credentialFailure;
      } else if (stopping.aborted) {
        reason = 'The server stopped while the scan ran: start the scan again.';
      } else if (err instanceof ScanFailure) {
        reason = err.message;
      } else {
        o.logger?.error({ err, scanId: scan.id }, 'scan failed unexpectedly');
        reason = 'The scan failed unexpectedly; the server log has the details.';
      }
    } finally {
      clearInterval(timer);
      stopping.removeEventListener('abort', onStop);
    }

    try {
      await flush(true);
    } catch (err) {
      o.logger?.error({ err, scanId: scan.id }, 'storing the last findings failed');
      state = 'failed';
      reason = 'Storing the findings failed; the server log has the details.';
    }
    await withTenant(o.db, job.tenantId, async (trx) => {
      const row = await finish(trx, scan.id, state, reason);
      if (row?.state === 'completed' && isFullScope(scope)) await resolveMissingFindings(trx, scan.id);
    });
    await promoteNext(job.tenantId, scan.provider_id);
  }

  /**
   * Fails the scans a dead process left running, promotes queued ones whose account is
   * free, and enqueues pending ones: all of them at start-up (this process's queue was
   * lost with it), only those waiting longer than `staleAfterMs` in a periodic sweep.
   */
  async function recover(startup: boolean): Promise<void> {
    const cutoff = sql<Date>`now() - make_interval(secs => ${staleAfterMs / 1000})`;
    const { orphans, pending } = await withSystem(o.db, async (trx) => {
      const stale = await trx
        .updateTable('scans')
        .set({
          state: 'failed',
          failure_reason: sql<string>`'The worker running this scan stopped (the server crashed or restarted); last heartbeat ' || coalesce(to_char(heartbeat_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'never') || '. Start the scan again.'`,
          finished_at: sql<Date>`now()`,
          updated_at: sql<Date>`now()`,
        })
        .where('state', '=', 'running')
        .where(sql<boolean>`coalesce(heartbeat_at, started_at, updated_at) < ${cutoff}`)
        .returningAll()
        .execute();
      for (const r of stale) await appendScanEvent(trx, r, 'state', stateEvent(r));
      let queuedQuery = trx.selectFrom('scans').select('provider_id').distinct().where('state', '=', 'queued');
      if (!startup) queuedQuery = queuedQuery.where('updated_at', '<', cutoff);
      const queuedProviders = await queuedQuery.execute();
      for (const p of queuedProviders) await promoteQueued(trx, p.provider_id);
      let waitingQuery = trx.selectFrom('scans').select(['id', 'tenant_id']).where('state', '=', 'pending').orderBy('created_at');
      if (!startup) waitingQuery = waitingQuery.where('updated_at', '<', cutoff);
      const waiting = await waitingQuery.execute();
      return { orphans: stale, pending: waiting };
    });
    for (const r of orphans) o.logger?.warn({ scanId: r.id, tenantId: r.tenant_id }, 'marked an orphaned scan as failed');
    for (const p of pending) await queue.enqueue({ kind: 'scan', scanId: p.id, tenantId: p.tenant_id });
  }

  const inner = (o.queueFactory ?? createInProcessQueue)({
    concurrency: o.concurrency ?? 3,
    handler: runJob,
    attempts: 1,
    onStart: () => recover(true),
    onError: (err, job) => o.logger?.error({ err, scanId: job.scanId }, 'scan job failed'),
  });
  // With several server processes on one PostgreSQL, one may die while the others live:
  // the survivors sweep for its orphans periodically, not only when they start.
  let sweeper: NodeJS.Timeout | undefined;
  const queue: ScanQueue = {
    enqueue: (job) => inner.enqueue(job),
    discard: (scanId) => inner.discard(scanId),
    async start() {
      await inner.start();
      sweeper ??= setInterval(() => {
        recover(false).catch((err: unknown) => o.logger?.warn({ err }, 'orphaned scan sweep failed'));
      }, staleAfterMs);
      sweeper.unref();
    },
    async stop() {
      clearInterval(sweeper);
      sweeper = undefined;
      await inner.stop();
    },
  };
  return queue;
}
