import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DEFAULT_MEMBER_ROLE, awsRateFor, awsScanUnits, chooseRegions, isCredentialFailure, listOrganizationAccounts, organizationMemberSession, regionSkipReason } from '@vigil/aws';
import type { AwsSession } from '@vigil/aws';
import { frameworks } from '@vigil/compliance';
import { analyzeFindingStates, commitFindingStates, deleteScanFindings, insertFindings, withSystem, withTenant, resolveMissingFindings } from '@vigil/db';
import type { Db, ScanRow, Tx } from '@vigil/db';
import { VigilError, complianceIndex, errorMessage, runScan } from '@vigil/engine';
import type { Finding, ScanStats } from '@vigil/engine';
import type { KeyProvider } from '@vigil/security';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { resolveProviderSession } from '../modules/providers/providers.aws.ts';
import { decryptProviderAccess, readProviderAccess } from '../modules/providers/providers.service.ts';
import type { StoredProviderAccess } from '../modules/providers/providers.service.ts';
import { appendScanEvent, promoteQueued, stateEvent } from '../modules/scans/scans.repo.ts';
import type { ScanCounts } from '../modules/scans/scans.repo.ts';
import type { ScanScopeInput, ScanState } from '../modules/scans/scans.schemas.ts';
import { isFullScope, resolveScope, tenantCatalogue } from '../modules/scans/scans.scope.ts';
import { loadCheckOverrides, loadCustomChecks } from '../modules/checks/checks.repo.ts';
import { DeferJob, createInProcessQueue } from './queue.ts';
import type { ScanJob, ScanQueue, ScanQueueOptions } from './queue.ts';

export interface ScanWorkerOptions {
  db: Db;
  secrets: KeyProvider;
  /** Jobs (account scans) this process runs at once. Default 3. */
  concurrency?: number;
  /** Findings stored per batch. Default 500. */
  batchSize?: number;
  /** Progress, heartbeat and cancel polling interval. Default 1000 ms (progress is written at most this often). */
  tickMs?: number;
  /**
   * A `running` scan without a heartbeat for this long lost its worker: checked on start
   * and then every `staleAfterMs`. Default 60 s.
   */
  staleAfterMs?: number;
  /** Units the engine collects at once per account job. Default 16. */
  unitConcurrency?: number;
  /** Deliveries of a job before its work ends as failed. Default 3. */
  attempts?: number;
  /**
   * Accounts of one tenant scanned at once across every worker, so that one tenant's
   * big organization cannot take every slot of a cluster with more than that. Default 32.
   */
  tenantConcurrency?: number;
  logger?: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /**
   * Builds the queue the worker consumes (BullMQ with `REDIS_URL`). Default: the
   * in-process queue. With a durable queue, a scan whose worker stopped is resumed
   * (its jobs enqueued again) instead of failed.
   */
  queueFactory?: (o: ScanQueueOptions) => ScanQueue;
  /** Shared limits per account, region and service across every worker (Redis). */
  sharedLimiter?: { acquire(key: string, ratePerSecond: number, signal: AbortSignal): Promise<void> };
}

/** Why a scan or an account ended without completing: the message stored as `failure_reason`. */
class ScanFailure extends Error {}

/** An account job's final states. */
const ACCOUNT_FINAL = ['completed', 'completed_with_errors', 'failed', 'cancelled'] as const;
type AccountState = (typeof ACCOUNT_FINAL)[number];

/** The cloud accounts a scan covers: the account itself, or an organization's active accounts (management first). */
async function scanAccounts(stored: StoredProviderAccess, secrets: KeyProvider, tenantId: string): Promise<string[]> {
  const access = await decryptProviderAccess(stored, secrets, tenantId);
  const { session } = await resolveProviderSession(access);
  if (stored.kind !== 'organization') return [session.account];
  const listed = await listOrganizationAccounts(session);
  return [session.account, ...listed.map((a) => a.id).filter((id) => id !== session.account).sort()];
}

/**
 * An account's session: the provider's own for an AWS account or an organization's
 * management account; for a member account, the member role assumed from the
 * management account's credentials.
 */
async function accountSession(stored: StoredProviderAccess, secrets: KeyProvider, tenantId: string, account: string): Promise<AwsSession> {
  const access = await decryptProviderAccess(stored, secrets, tenantId);
  const { session } = await resolveProviderSession(access);
  if (account === session.account) return session;
  if (stored.kind !== 'organization') throw new ScanFailure(`Account ${account} is not the provider's account ${session.account}.`);
  const member = await organizationMemberSession(session, account, {
    roleName: stored.memberRoleName ?? DEFAULT_MEMBER_ROLE,
    externalId: access.secret?.memberExternalId,
  });
  return member.session;
}

/** Sums the figures of a scan's accounts into the scan's. */
function sumAccounts(rows: readonly { progress_done: number; progress_total: number; counts: unknown; resource_count: number; finding_count: number; api_calls: string | number | bigint; error_count: number }[]) {
  const counts: ScanCounts = { status: {}, severity: {} };
  let done = 0;
  let total = 0;
  let resources = 0;
  let findings = 0;
  let apiCalls = 0;
  let errors = 0;
  for (const r of rows) {
    done += r.progress_done;
    total += r.progress_total;
    resources += r.resource_count;
    findings += r.finding_count;
    apiCalls += Number(r.api_calls);
    errors += r.error_count;
    const c = (r.counts ?? {}) as Partial<ScanCounts>;
    for (const [k, v] of Object.entries(c.status ?? {})) counts.status[k] = (counts.status[k] ?? 0) + (v ?? 0);
    for (const [k, v] of Object.entries(c.severity ?? {})) counts.severity[k] = (counts.severity[k] ?? 0) + (v ?? 0);
  }
  return { counts, done, total, resources, findings, apiCalls, errors };
}

/**
 * The scan worker. A scan fans out into jobs:
 *
 * 1. `scan` plans it: claims the `pending` scan, validates its scope, resolves the cloud
 *    accounts it covers and enqueues one `account` job per account.
 * 2. `account` collects and evaluates one account with the engine, streaming findings
 *    into the database in batches, writing progress and a heartbeat at most once per
 *    tick and honouring cancellation. A retried job first deletes what an earlier
 *    attempt stored, so the scan holds exactly the findings of the last attempt.
 * 3. `finalize` runs once every account ended: sums the figures, records the finding
 *    states (deltas, first/last seen), resolves what a full scan no longer saw, sets the
 *    final state and starts the provider's next queued scan.
 *
 * On start (and periodically) scans whose worker stopped are recovered: failed with a
 * reason with the in-process queue (its jobs died with the process), resumed with a
 * durable queue. Returns the queue to hand scans to.
 */
export function createScanWorker(o: ScanWorkerOptions): ScanQueue {
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const batchSize = o.batchSize ?? 500;
  const tickMs = o.tickMs ?? 1000;
  const staleAfterMs = o.staleAfterMs ?? 60_000;
  const attempts = Math.max(1, o.attempts ?? 3);
  const durable = o.queueFactory !== undefined;
  const tenantConcurrency = Math.max(1, o.tenantConcurrency ?? 32);
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

  /** Fails a scan that never reached its accounts, and starts the next queued one. */
  const failScan = async (job: ScanJob, providerId: string, reason: string) => {
    await withTenant(o.db, job.tenantId, (trx) => finish(trx, job.scanId, 'failed', reason));
    await promoteNext(job.tenantId, providerId);
  };

  /** Turns an error of preparation into the message a user reads (unexpected ones stay in the log). */
  const preparationFailure = (err: unknown, scanId: string): ScanFailure => {
    if (err instanceof ScanFailure) return err;
    if (err instanceof VigilError) return new ScanFailure(err.message);
    o.logger?.error({ err, scanId }, 'preparing the scan failed');
    return new ScanFailure('Preparing the scan failed unexpectedly; the server log has the details.');
  };

  // ------------------------------------------------------------------ plan ---

  async function planScan(job: ScanJob): Promise<void> {
    const claimed = await withTenant(o.db, job.tenantId, async (trx) => {
      let row = await trx
        .updateTable('scans')
        .set({ state: 'running', worker_id: workerId, started_at: sql<Date>`now()`, heartbeat_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
        .where('id', '=', job.scanId)
        .where('state', '=', 'pending')
        .returningAll()
        .executeTakeFirst();
      if (row) {
        await appendScanEvent(trx, row, 'state', stateEvent(row));
      } else {
        // A plan job delivered again after its worker stopped: carry on where it was.
        row = await trx.selectFrom('scans').selectAll().where('id', '=', job.scanId).where('state', '=', 'running').executeTakeFirst();
        if (!row) return undefined; // cancelled before it started, finished, or deleted
      }
      return { row, stored: await readProviderAccess(trx, row.provider_id) };
    });
    if (!claimed) return;
    const { row: scan, stored } = claimed;
    const scope = scan.scope as ScanScopeInput;
    let accounts: string[];
    try {
      await withTenant(o.db, job.tenantId, async (trx) => {
        try {
          resolveScope(scope, tenantCatalogue(await loadCheckOverrides(trx), await loadCustomChecks(trx)));
        } catch (err) {
          throw new ScanFailure(`The scan's scope is no longer valid: ${errorMessage(err)}`);
        }
      });
      if (!stored) throw new ScanFailure('The provider was deleted.');
      accounts = await scanAccounts(stored, o.secrets, job.tenantId);
    } catch (err) {
      await failScan(job, scan.provider_id, preparationFailure(err, scan.id).message);
      return;
    }
    await withTenant(o.db, job.tenantId, async (trx) => {
      await trx
        .insertInto('scan_accounts')
        .values(accounts.map((account_id) => ({ tenant_id: job.tenantId, scan_id: scan.id, account_id })))
        .onConflict((oc) => oc.columns(['scan_id', 'account_id']).doNothing())
        .execute();
    });
    await enqueueOpenWork(job.tenantId, scan.id);
  }

  /** Enqueues what a running scan still needs: its open accounts, or its finalization (idempotent). */
  async function enqueueOpenWork(tenantId: string, scanId: string): Promise<void> {
    const rows = await withTenant(o.db, tenantId, (trx) =>
      trx.selectFrom('scan_accounts').select(['account_id', 'state']).where('scan_id', '=', scanId).orderBy('account_id').execute(),
    );
    const open = rows.filter((r) => !(ACCOUNT_FINAL as readonly string[]).includes(r.state));
    if (rows.length > 0 && open.length === 0) {
      await queue.enqueue({ kind: 'finalize', scanId, tenantId });
      return;
    }
    for (const r of open) await queue.enqueue({ kind: 'account', scanId, tenantId, account: r.account_id });
  }

  // --------------------------------------------------------------- account ---

  /**
   * Ends an account's work and, when it was the scan's last open account, enqueues the
   * finalization. The scan row is locked first, so two accounts ending at once cannot
   * both miss that they were the last.
   */
  async function endAccount(
    job: ScanJob,
    account: string,
    state: AccountState,
    reason: string | null,
    figures?: Partial<{ progress_done: number; progress_total: number; counts: string; resource_count: number; finding_count: number; api_calls: number; error_count: number }>,
    /** The attempt ending: nothing is written when a later attempt took the account over. */
    fence?: number,
  ): Promise<void> {
    const last = await withTenant(o.db, job.tenantId, async (trx) => {
      // FOR NO KEY UPDATE: serializes the accounts ending without waiting on the
      // foreign-key share locks that other accounts' findings inserts hold on the scan row.
      await trx.selectFrom('scans').select('id').where('id', '=', job.scanId).forNoKeyUpdate().executeTakeFirst();
      let update = trx
        .updateTable('scan_accounts')
        .set({ ...figures, state, failure_reason: reason, finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
        .where('scan_id', '=', job.scanId)
        .where('account_id', '=', account);
      if (fence !== undefined) update = update.where('attempt', '=', fence);
      const ended = await update.executeTakeFirst();
      if (Number(ended.numUpdatedRows) === 0) return false;
      const open = await trx
        .selectFrom('scan_accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('scan_id', '=', job.scanId)
        .where('state', 'not in', [...ACCOUNT_FINAL])
        .executeTakeFirstOrThrow();
      return Number(open.n) === 0;
    });
    if (last) await queue.enqueue({ kind: 'finalize', scanId: job.scanId, tenantId: job.tenantId });
  }

  async function runAccount(job: ScanJob, stopping: AbortSignal): Promise<void> {
    const account = job.account;
    if (account === undefined) throw new Error(`account job of scan ${job.scanId} without an account`);
    const claimed = await withTenant(o.db, job.tenantId, async (trx) => {
      const scan = await trx.selectFrom('scans').selectAll().where('id', '=', job.scanId).executeTakeFirst();
      if (!scan || scan.state !== 'running') return undefined;
      // Claims of one tenant take turns (the tenant row is their lock), so the checks below hold cluster-wide.
      await trx.selectFrom('tenants').select('id').where('id', '=', job.tenantId).forUpdate().executeTakeFirst();
      const busy = await trx
        .selectFrom('scan_accounts')
        .select(['scan_id', 'account_id'])
        .where('state', '=', 'running')
        .where(sql<boolean>`not (scan_id = ${scan.id} and account_id = ${account})`)
        .where('updated_at', '>', sql<Date>`now() - make_interval(secs => ${staleAfterMs / 1000})`)
        .execute();
      const other = busy.find((b) => b.account_id === account);
      // One scan at a time per cloud account, whatever provider or organization it came through.
      if (other) throw new DeferJob(2000, `account ${account} is being scanned by scan ${other.scan_id}`);
      if (busy.length >= tenantConcurrency) throw new DeferJob(1000, `the tenant already scans ${busy.length} accounts at once`);
      const row = await trx
        .updateTable('scan_accounts')
        .set({ state: 'running', attempt: sql<number>`attempt + 1`, worker_id: workerId, started_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
        .where('scan_id', '=', job.scanId)
        .where('account_id', '=', account)
        .where('state', 'in', ['pending', 'running'])
        .returning(['account_id', 'attempt'])
        .executeTakeFirst();
      if (!row) return { scan, stored: undefined, final: true, attempt: 0 };
      // What an earlier attempt stored is replaced by this attempt's findings.
      await deleteScanFindings(trx, scan.id, { accountId: account });
      return { scan, stored: await readProviderAccess(trx, scan.provider_id), final: false, attempt: row.attempt };
    });
    if (!claimed) return; // the scan ended (cancelled, failed) or was deleted
    const { scan } = claimed;
    if (claimed.final) {
      await enqueueOpenWork(job.tenantId, scan.id);
      return;
    }
    if (scan.cancel_requested_at) {
      await endAccount(job, account, 'cancelled', 'Cancelled on request.');
      return;
    }
    const scope = scan.scope as ScanScopeInput;

    const controller = new AbortController();
    const onStop = () => controller.abort();
    stopping.addEventListener('abort', onStop, { once: true });
    let cancelled = false;
    let credentialFailure: string | undefined;
    // Set when a later attempt took this account over (this worker lost its queue lock but
    // lived on): from then on this attempt writes nothing. Every write checks it in the database.
    let fenced = false;
    const myAttempt = claimed.attempt;
    const stillMine = async (trx: Tx): Promise<boolean> => {
      const r = await trx.selectFrom('scan_accounts').select('attempt').where('scan_id', '=', scan.id).where('account_id', '=', account).forShare().executeTakeFirst();
      if (r?.attempt === myAttempt) return true;
      if (!fenced) {
        fenced = true;
        o.logger?.warn({ scanId: scan.id, account, attempt: myAttempt }, 'a later attempt took this account over; this one stops');
        controller.abort();
      }
      return false;
    };

    const pending: Finding[] = [];
    const counts: ScanCounts = { status: {}, severity: {} };
    let stats: ScanStats | undefined;
    let unitsTotal = 0;
    let errorCount = 0;
    let findingCount = 0;
    let written = '';
    let progressAt = 0;

    // Every write of this job goes through one chain: batches stay in order and never overlap.
    let chain: Promise<void> = Promise.resolve();
    const serial = (fn: () => Promise<void>) => {
      const next = chain.then(fn);
      chain = next.catch(() => undefined);
      return next;
    };
    const figures = () => ({
      progress_done: stats?.unitsDone ?? 0,
      progress_total: stats?.unitsTotal ?? unitsTotal,
      counts: JSON.stringify(counts),
      resource_count: stats?.resources ?? 0,
      finding_count: findingCount,
      api_calls: stats?.apiCalls ?? 0,
      error_count: errorCount,
    });

    // Findings are stored in their own transaction; progress (and its event) at most once
    // per tick in a short one, so that accounts of one scan never wait on each other's batches.
    const flush = (force = false) =>
      serial(async () => {
        const batch = pending.splice(0, pending.length);
        if (fenced) return;
        if (batch.length) {
          await withTenant(o.db, job.tenantId, async (trx) => {
            if (await stillMine(trx)) await insertFindings(trx, { scanId: scan.id, findings: batch });
          });
        }
        if (fenced || (!force && Date.now() - progressAt < tickMs)) return;
        progressAt = Date.now();
        const snapshot = figures();
        const changed = JSON.stringify(snapshot) !== written;
        written = JSON.stringify(snapshot);
        const cancelAt = await withTenant(o.db, job.tenantId, async (trx) => {
          if (!(await stillMine(trx))) return null;
          await trx
            .updateTable('scan_accounts')
            .set({ ...snapshot, updated_at: sql<Date>`now()` })
            .where('scan_id', '=', scan.id)
            .where('account_id', '=', account)
            .execute();
          const rows = await trx.selectFrom('scan_accounts').selectAll().where('scan_id', '=', scan.id).execute();
          const sum = sumAccounts(rows);
          // With many accounts in flight, the scan row is written by one of them per tick, not by each.
          const r = await trx
            .updateTable('scans')
            .set({
              heartbeat_at: sql<Date>`now()`,
              ...(changed
                ? {
                    progress_done: sum.done,
                    progress_total: sum.total,
                    counts: JSON.stringify(sum.counts),
                    resource_count: sum.resources,
                    finding_count: sum.findings,
                    api_calls: sum.apiCalls,
                    error_count: sum.errors,
                    updated_at: sql<Date>`now()`,
                  }
                : {}),
            })
            .where('id', '=', scan.id)
            .where(force ? sql<boolean>`true` : sql<boolean>`(heartbeat_at is null or heartbeat_at < now() - make_interval(secs => ${tickMs / 2000}))`)
            .returningAll()
            .executeTakeFirst();
          if (r && changed) {
            await appendScanEvent(trx, r, 'progress', {
              progress: { unitsDone: r.progress_done, unitsTotal: r.progress_total },
              counts: sum.counts,
              apiCalls: Number(r.api_calls),
              errorCount: r.error_count,
              resourceCount: r.resource_count,
              findingCount: r.finding_count,
              account: { id: account, unitsDone: snapshot.progress_done, unitsTotal: snapshot.progress_total, findingCount },
              updatedAt: r.updated_at.toISOString(),
            });
          }
          const current = r ?? (await trx.selectFrom('scans').select(['state', 'cancel_requested_at', 'finished_at']).where('id', '=', scan.id).executeTakeFirstOrThrow());
          return current.state === 'running' ? current.cancel_requested_at : (current.cancel_requested_at ?? current.finished_at);
        });
        if (cancelAt && !cancelled) {
          cancelled = true;
          controller.abort();
        }
      });

    const timer = setInterval(() => {
      flush().catch((err: unknown) => o.logger?.warn({ err, scanId: scan.id, account }, 'scan progress write failed'));
    }, tickMs);

    let state: AccountState = 'failed';
    let reason: string | null = null;
    let unexpected: unknown;
    try {
      let resolved;
      try {
        // Custom checks and overrides run exactly like built-in checks.
        const [overrides, custom] = await withTenant(o.db, job.tenantId, async (trx) => [await loadCheckOverrides(trx), await loadCustomChecks(trx)] as const);
        resolved = resolveScope(scope, tenantCatalogue(overrides, custom));
      } catch (err) {
        throw new ScanFailure(`The scan's scope is no longer valid: ${errorMessage(err)}`);
      }
      if (!claimed.stored) throw new ScanFailure('The provider was deleted.');
      let units;
      try {
        const session = await accountSession(claimed.stored, o.secrets, job.tenantId, account);
        const { regions } = await chooseRegions(session, scope.regions);
        if (regions.length === 0 && resolved.plan.collectors.some((p) => p.collector.scope === 'regional')) {
          throw new ScanFailure("No enabled region left to scan: check the scope's regions.");
        }
        units = awsScanUnits(resolved.plan.collectors, [{ session, regions }]);
      } catch (err) {
        if (controller.signal.aborted) throw err;
        throw preparationFailure(err, scan.id);
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
        ...(o.sharedLimiter ? { sharedLimiter: o.sharedLimiter } : {}),
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
      if (fenced) {
        // Nothing to record: the attempt that took over ends the account.
      } else if (cancelled) {
        state = 'cancelled';
        reason = 'Cancelled on request.';
      } else if (credentialFailure) {
        reason = credentialFailure;
      } else if (stopping.aborted) {
        unexpected = new Error('the worker stopped while the account was scanned');
      } else if (err instanceof ScanFailure) {
        reason = err.message;
      } else {
        unexpected = err;
      }
    } finally {
      clearInterval(timer);
      stopping.removeEventListener('abort', onStop);
    }

    if (fenced) {
      await chain;
      return;
    }
    if (unexpected !== undefined) {
      await chain;
      if (stopping.aborted && !durable) {
        // The in-process queue dies with this process: end the scan now rather than leave it running.
        const why = 'The server stopped while the scan ran: start the scan again.';
        await endAccount(job, account, 'failed', why, figures(), myAttempt);
        await withTenant(o.db, job.tenantId, (trx) => finish(trx, scan.id, 'failed', why));
        return;
      }
      // Retried by the queue (this attempt's findings are replaced); the last attempt fails the account.
      throw unexpected;
    }
    try {
      await flush(true);
    } catch (err) {
      o.logger?.error({ err, scanId: scan.id, account }, 'storing the last findings failed');
      throw err;
    }
    if (fenced) return;
    await endAccount(job, account, state, reason, figures(), myAttempt);
  }

  // -------------------------------------------------------------- finalize ---

  async function finalizeScan(job: ScanJob): Promise<void> {
    // The scan's observations become the accounts' finding states, one account per
    // transaction (idempotent, so a retried finalize redoes them harmlessly) with a
    // heartbeat in between: a big organization's states take minutes to write, and no
    // lock is held on the scan meanwhile.
    const accounts = await withTenant(o.db, job.tenantId, async (trx) => {
      const scan = await trx.selectFrom('scans').select(['state']).where('id', '=', job.scanId).executeTakeFirst();
      if (scan?.state !== 'running') return undefined;
      return trx.selectFrom('scan_accounts').select(['account_id', 'state']).where('scan_id', '=', job.scanId).orderBy('account_id').execute();
    });
    if (!accounts || accounts.length === 0 || accounts.some((r) => !(ACCOUNT_FINAL as readonly string[]).includes(r.state))) return;
    let written = 0;
    for (const a of accounts) {
      written += await withTenant(o.db, job.tenantId, async (trx) => {
        const n = await commitFindingStates(trx, job.scanId, { accountId: a.account_id });
        await trx.updateTable('scans').set({ heartbeat_at: sql<Date>`now()` }).where('id', '=', job.scanId).execute();
        return n;
      });
    }
    // Fresh statistics after a big change: the next scan's delta join plans on them (autovacuum may be late or off).
    if (written > 50_000) await analyzeFindingStates(o.db).catch((err: unknown) => o.logger?.warn({ err }, 'analyze of finding_states failed'));

    const outcome = await withTenant(o.db, job.tenantId, async (trx) => {
      const scan = await trx.selectFrom('scans').selectAll().where('id', '=', job.scanId).forNoKeyUpdate().executeTakeFirst();
      if (!scan || scan.state !== 'running') return undefined;
      const rows = await trx.selectFrom('scan_accounts').selectAll().where('scan_id', '=', scan.id).orderBy('account_id').execute();
      if (rows.length === 0 || rows.some((r) => !(ACCOUNT_FINAL as readonly string[]).includes(r.state))) return undefined;
      const sum = sumAccounts(rows);
      const failed = rows.filter((r) => r.state === 'failed');
      let state: ScanState;
      let reason: string | null = null;
      if (scan.cancel_requested_at || rows.some((r) => r.state === 'cancelled')) {
        state = 'cancelled';
        reason = 'Cancelled on request.';
      } else if (failed.length === rows.length) {
        state = 'failed';
        reason =
          rows.length === 1
            ? (failed[0]?.failure_reason ?? 'The scan failed.')
            : `All ${rows.length} accounts failed; the first: ${failed[0]?.account_id}: ${failed[0]?.failure_reason ?? 'failed'}`;
      } else if (failed.length > 0 || sum.errors > 0) {
        state = 'completed_with_errors';
        if (failed.length > 0) reason = `${failed.length} of ${rows.length} accounts could not be scanned: ${failed.map((r) => `${r.account_id}: ${r.failure_reason ?? 'failed'}`).join('; ')}`.slice(0, 2000);
      } else {
        state = 'completed';
      }
      await trx
        .updateTable('scans')
        .set({
          progress_done: sum.done,
          progress_total: sum.total,
          counts: JSON.stringify(sum.counts),
          resource_count: sum.resources,
          finding_count: sum.findings,
          api_calls: sum.apiCalls,
          error_count: sum.errors + failed.length,
        })
        .where('id', '=', scan.id)
        .execute();
      // A full scan resolves what it no longer saw, in the accounts it read without errors.
      if (isFullScope(scan.scope as ScanScopeInput)) {
        if (state === 'completed') await resolveMissingFindings(trx, scan.id);
        else if (state === 'completed_with_errors') {
          for (const r of rows) if (r.state === 'completed') await resolveMissingFindings(trx, scan.id, { accountId: r.account_id });
        }
      }
      await finish(trx, scan.id, state, reason);
      return { providerId: scan.provider_id };
    });
    if (outcome) await promoteNext(job.tenantId, outcome.providerId);
  }

  // -------------------------------------------------------------- dispatch ---

  async function handle(job: ScanJob, stopping: AbortSignal): Promise<void> {
    switch (job.kind) {
      case 'scan':
        return planScan(job);
      case 'account':
        return runAccount(job, stopping);
      case 'finalize':
        return finalizeScan(job);
      default:
        throw new Error(`unknown job kind ${String((job as { kind: unknown }).kind)}`);
    }
  }

  /** A job that failed on every attempt ends its work as failed, with a reason. */
  async function exhausted(err: unknown, job: ScanJob): Promise<void> {
    o.logger?.error({ err, scanId: job.scanId, kind: job.kind, account: job.account }, 'scan job failed on its last attempt');
    const reason = `The worker failed ${job.attempt} time(s) on this work (${errorMessage(err)}); the server log has the details.`;
    if (job.kind === 'account' && job.account !== undefined) {
      await endAccount(job, job.account, 'failed', reason);
      return;
    }
    const row = await withTenant(o.db, job.tenantId, (trx) => finish(trx, job.scanId, 'failed', reason));
    if (row) await promoteNext(job.tenantId, row.provider_id);
  }

  // -------------------------------------------------------------- recovery ---

  /**
   * Recovers scans whose worker stopped (no heartbeat for `staleAfterMs`): with the
   * in-process queue they fail with a reason (their jobs died with the process); with a
   * durable queue their open work is enqueued again (a no-op for jobs still queued),
   * and an account that lost its worker `attempts` times fails. Then promotes queued
   * scans whose account is free and enqueues pending ones: all of them at start-up,
   * only those waiting longer than `staleAfterMs` in the periodic sweep.
   */
  async function recover(startup: boolean): Promise<void> {
    const cutoff = sql<Date>`now() - make_interval(secs => ${staleAfterMs / 1000})`;
    const { orphans, resumed, pending } = await withSystem(o.db, async (trx) => {
      let orphans: ScanRow[] = [];
      let resumed: { id: string; tenant_id: string }[] = [];
      if (!durable) {
        orphans = await trx
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
        for (const r of orphans) await appendScanEvent(trx, r, 'state', stateEvent(r));
      } else {
        const stale = await trx
          .selectFrom('scans')
          .select(['id', 'tenant_id'])
          .where('state', '=', 'running')
          .where(sql<boolean>`coalesce(heartbeat_at, started_at, updated_at) < ${cutoff}`)
          // A scan being finalized holds its row: it has a worker.
          .forNoKeyUpdate()
          .skipLocked()
          .execute();
        if (stale.length > 0) {
          await trx
            .updateTable('scan_accounts')
            .set({ state: 'failed', failure_reason: `The worker scanning this account stopped ${attempts} times.`, finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
            .where('scan_id', 'in', stale.map((s) => s.id))
            .where('state', '=', 'running')
            .where('attempt', '>=', attempts)
            .where('updated_at', '<', cutoff)
            .execute();
          await trx.updateTable('scans').set({ heartbeat_at: sql<Date>`now()` }).where('id', 'in', stale.map((s) => s.id)).execute();
        }
        resumed = stale;
      }
      let queuedQuery = trx.selectFrom('scans').select('provider_id').distinct().where('state', '=', 'queued');
      if (!startup) queuedQuery = queuedQuery.where('updated_at', '<', cutoff);
      const queuedProviders = await queuedQuery.execute();
      for (const p of queuedProviders) await promoteQueued(trx, p.provider_id);
      let waitingQuery = trx.selectFrom('scans').select(['id', 'tenant_id']).where('state', '=', 'pending').orderBy('created_at');
      if (!startup) waitingQuery = waitingQuery.where('updated_at', '<', cutoff);
      const waiting = await waitingQuery.execute();
      return { orphans, resumed, pending: waiting };
    });
    for (const r of orphans) {
      o.logger?.warn({ scanId: r.id, tenantId: r.tenant_id }, 'marked an orphaned scan as failed');
      await promoteNext(r.tenant_id, r.provider_id);
    }
    for (const r of resumed) {
      o.logger?.warn({ scanId: r.id, tenantId: r.tenant_id }, 'resuming a scan whose worker stopped');
      const accounts = await withTenant(o.db, r.tenant_id, (trx) => trx.selectFrom('scan_accounts').select('account_id').where('scan_id', '=', r.id).executeTakeFirst());
      if (accounts) await enqueueOpenWork(r.tenant_id, r.id);
      else await queue.enqueue({ kind: 'scan', scanId: r.id, tenantId: r.tenant_id });
    }
    for (const p of pending) await queue.enqueue({ kind: 'scan', scanId: p.id, tenantId: p.tenant_id });
  }

  const inner = (o.queueFactory ?? createInProcessQueue)({
    concurrency: o.concurrency ?? 3,
    attempts,
    handler: handle,
    onStart: () => recover(true),
    onError: (err, job) => o.logger?.warn({ err, scanId: job.scanId, kind: job.kind, account: job.account, attempt: job.attempt }, 'scan job attempt failed'),
    onExhausted: exhausted,
  });
  // With several processes on one PostgreSQL, one may die while the others live: the
  // survivors sweep for its orphans periodically, not only when they start.
  let sweeper: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> | undefined;
  const queue: ScanQueue = {
    enqueue: (job) => inner.enqueue(job),
    discard: (scanId) => inner.discard(scanId),
    async start() {
      await inner.start();
      sweeper ??= setInterval(() => {
        if (sweeping) return;
        sweeping = recover(false)
          .catch((err: unknown) => o.logger?.warn({ err }, 'orphaned scan sweep failed'))
          .finally(() => (sweeping = undefined));
      }, staleAfterMs);
      sweeper.unref();
    },
    async stop() {
      clearInterval(sweeper);
      sweeper = undefined;
      await sweeping;
      await inner.stop();
    },
  };
  return queue;
}
