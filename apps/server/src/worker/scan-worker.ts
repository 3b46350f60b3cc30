import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DEFAULT_MEMBER_ROLE, awsRateFor, awsScanUnits, chooseRegions, isCredentialFailure, listOrganizationAccounts, organizationMemberSession, regionSkipReason } from '@vigil/aws';
import type { AwsSession } from '@vigil/aws';
import { frameworks } from '@vigil/compliance';
import { analyzeFindingStates, commitFindingStates, deleteScanFindings, insertFindings, withSystem, withTenant, resolveMissingFindings } from '@vigil/db';
import type { Db, ScanRow, Tx } from '@vigil/db';
import { TransientCloudError, VigilError, complianceIndex, errorMessage, runScan } from '@vigil/engine';
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
import { FragmentBuilder, decodeFragment, encodeFragment, evaluationRuns, splitChecks, unitGroups } from './scan-units.ts';
import type { EndedUnit } from './scan-units.ts';
import { DeferJob, createInProcessQueue } from './queue.ts';
import type { ScanJob, ScanQueue, ScanQueueOptions } from './queue.ts';

export interface ScanWorkerOptions {
  db: Db;
  secrets: KeyProvider;
  /** Jobs (units of accounts, mostly) this process runs at once. Default 16. */
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
  /** Engine units (collectors) run at once by one unit job. Default 16. */
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

/** How long a job that failed while the database was unreachable waits before it runs again. */
const DATABASE_WAIT_MS = 3000;

/** Backends that record an organization's finding states at once when its scan ends. */
const FINALIZE_WRITERS = 3;

/** How long a worker reuses an account's session (see `sessionFor`). */
const SESSION_CACHE_MS = 15 * 60_000;

/** Why a scan or an account ended without completing: the message stored as `failure_reason`. */
class ScanFailure extends Error {}

/** The final states of an account and of a unit. */
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

/** Summed figures as the columns of a unit's, an account's or a scan's row. */
function figureColumns(sum: ReturnType<typeof sumAccounts>): UnitFigures {
  return {
    progress_done: sum.done,
    progress_total: sum.total,
    counts: JSON.stringify(sum.counts),
    resource_count: sum.resources,
    finding_count: sum.findings,
    api_calls: sum.apiCalls,
    error_count: sum.errors,
  };
}

/** A unit's figures as stored on its row (and summed into its account's). */
interface UnitFigures {
  progress_done: number;
  progress_total: number;
  counts: string;
  resource_count: number;
  finding_count: number;
  api_calls: number;
  error_count: number;
}

/**
 * The scan worker. A scan fans out into jobs:
 *
 * 1. `scan` plans it: claims the `pending` scan, validates its scope, resolves the cloud
 *    accounts it covers and enqueues one `account` job per account.
 * 2. `account` prepares one account: takes its lock (one scan at a time per cloud
 *    account, the tenant's cap), reads its enabled regions and lists its units — one per
 *    (region, service) of the planned collectors — and enqueues a `unit` job for each.
 * 3. `unit` collects one unit with the engine, evaluates the checks that need no other
 *    resource as resources arrive, streams their findings into the database in batches,
 *    writes progress and a heartbeat at most once per tick and honours cancellation; it
 *    keeps the resources cross-resource checks read as a fragment for the next step. A
 *    retried unit first deletes what an earlier attempt stored, so the scan holds exactly
 *    the findings of each unit's last attempt; a unit that fails on every attempt ends
 *    as ERROR findings, and its account and the scan go on.
 * 4. `evaluate` runs once every unit of an account ended: the cross-resource checks over
 *    the account's fragments, ERROR findings for its failed units' checks; it ends the
 *    account.
 * 5. `finalize` runs once every account ended: sums the figures, records the finding
 *    states (deltas, first/last seen), resolves what a full scan no longer saw, sets the
 *    final state and starts the provider's next queued scan.
 *
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

  /**
   * Account sessions of this process, shared by an account's jobs (its preparation and
   * every unit this worker runs): one identity check and one AssumeRole per account, not
   * one per unit. Keyed by the provider's stored access, so changed credentials make a
   * new session; an assumed role's credentials refresh themselves before they expire.
   */
  const sessions = new Map<string, { until: number; session: Promise<AwsSession> }>();
  const sessionFor = (stored: StoredProviderAccess, tenantId: string, account: string): Promise<AwsSession> => {
    const digest = createHash('sha256');
    for (const part of [tenantId, stored.id, stored.kind, stored.accountId, stored.roleArn ?? '', stored.endpointUrl ?? '', stored.memberRoleName ?? '', account]) digest.update(part).update('\u0000');
    if (stored.ciphertext) digest.update(stored.ciphertext);
    const key = digest.digest('hex');
    const now = Date.now();
    const hit = sessions.get(key);
    if (hit && hit.until > now) return hit.session;
    if (sessions.size >= 1000) for (const [k, v] of sessions) if (v.until <= now || sessions.size >= 1000) sessions.delete(k);
    const session = accountSession(stored, o.secrets, tenantId, account);
    sessions.set(key, { until: now + SESSION_CACHE_MS, session });
    session.catch(() => sessions.delete(key));
    return session;
  };

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
    // Throttled or a network failure: not a failure of the account, the job is retried.
    if (err instanceof TransientCloudError) throw err;
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

  /** Enqueues what a running scan still needs: its open accounts' work, or its finalization (idempotent). */
  async function enqueueOpenWork(tenantId: string, scanId: string): Promise<void> {
    const { rows, prepared } = await withTenant(o.db, tenantId, async (trx) => ({
      rows: await trx.selectFrom('scan_accounts').select(['account_id', 'state']).where('scan_id', '=', scanId).orderBy('account_id').execute(),
      prepared: new Set((await trx.selectFrom('scan_units').select('account_id').distinct().where('scan_id', '=', scanId).execute()).map((r) => r.account_id)),
    }));
    const open = rows.filter((r) => !(ACCOUNT_FINAL as readonly string[]).includes(r.state));
    if (rows.length > 0 && open.length === 0) {
      await queue.enqueue({ kind: 'finalize', scanId, tenantId });
      return;
    }
    for (const r of open) {
      if (prepared.has(r.account_id)) await enqueueAccountWork(tenantId, scanId, r.account_id);
      else await queue.enqueue({ kind: 'account', scanId, tenantId, account: r.account_id });
    }
  }

  // --------------------------------------------------------------- account ---

  /**
   * Ends an account's work (with its evaluation step, unit 0) and, when it was the
   * scan's last open account, enqueues the finalization. The scan row is locked first,
   * so two accounts ending at once cannot both miss that they were the last. The
   * account's figures are the sums of its units'; its inventory fragments are dropped.
   */
  async function endAccount(
    job: ScanJob,
    account: string,
    state: AccountState,
    reason: string | null,
    /** The evaluation step's attempt ending the account: nothing is written when a later attempt took it over. */
    fence?: number,
    /** The evaluation step's own figures (its findings). */
    stepFigures?: UnitFigures,
  ): Promise<void> {
    const last = await withTenant(o.db, job.tenantId, async (trx) => {
      // FOR NO KEY UPDATE: serializes the accounts ending without waiting on the
      // foreign-key share locks that other accounts' findings inserts hold on the scan row.
      await trx.selectFrom('scans').select('id').where('id', '=', job.scanId).forNoKeyUpdate().executeTakeFirst();
      await trx.selectFrom('scan_accounts').select('account_id').where('scan_id', '=', job.scanId).where('account_id', '=', account).forNoKeyUpdate().executeTakeFirst();
      let step = trx
        .updateTable('scan_units')
        .set({ ...(stepFigures ?? {}), state: state === 'failed' ? 'failed' : state === 'cancelled' ? 'cancelled' : 'completed', progress_done: 1, progress_total: 1, finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
        .where('scan_id', '=', job.scanId)
        .where('account_id', '=', account)
        .where('unit_no', '=', 0);
      if (fence !== undefined) step = step.where('attempt', '=', fence);
      const stepped = await step.executeTakeFirst();
      if (fence !== undefined && Number(stepped.numUpdatedRows) === 0) return false;
      const ended = await trx
        .updateTable('scan_accounts')
        .set({ ...(await accountFigures(trx, job.scanId, account)), state, failure_reason: reason, finished_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
        .where('scan_id', '=', job.scanId)
        .where('account_id', '=', account)
        .where('state', 'not in', [...ACCOUNT_FINAL])
        .executeTakeFirst();
      if (Number(ended.numUpdatedRows) === 0) return false;
      await trx.updateTable('scan_units').set({ inventory: null }).where('scan_id', '=', job.scanId).where('account_id', '=', account).where('inventory', 'is not', null).execute();
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

  /** An account's figures: the sums of its units' (progress counts collectors done, plus the evaluation step). */
  async function accountFigures(trx: Tx, scanId: string, account: string) {
    const rows = await trx
      .selectFrom('scan_units')
      .select(['progress_done', 'progress_total', 'counts', 'resource_count', 'finding_count', 'api_calls', 'error_count'])
      .where('scan_id', '=', scanId)
      .where('account_id', '=', account)
      .execute();
    return figureColumns(sumAccounts(rows));
  }

  /**
   * Prepares an account: takes its lock (one scan at a time per cloud account, the
   * tenant's cap), reads its enabled regions and lists its units — one per (region,
   * service) of the planned collectors, plus the evaluation step — then enqueues them.
   * Delivered again after its units exist, it only enqueues what is still open.
   */
  async function prepareAccount(job: ScanJob): Promise<void> {
    const account = job.account;
    if (account === undefined) throw new Error(`account job of scan ${job.scanId} without an account`);
    const claimed = await withTenant(o.db, job.tenantId, async (trx) => {
      const scan = await trx.selectFrom('scans').selectAll().where('id', '=', job.scanId).executeTakeFirst();
      if (!scan || scan.state !== 'running') return undefined;
      const current = await trx.selectFrom('scan_accounts').select(['state']).where('scan_id', '=', job.scanId).where('account_id', '=', account).executeTakeFirst();
      if (!current || (ACCOUNT_FINAL as readonly string[]).includes(current.state)) return { scan, stored: undefined, open: true, attempt: 0 };
      const units = await trx.selectFrom('scan_units').select('unit_no').where('scan_id', '=', job.scanId).where('account_id', '=', account).executeTakeFirst();
      if (units) return { scan, stored: undefined, open: true, attempt: 0 };
      // Claims of one tenant take turns (the tenant row is their lock), so the checks below hold cluster-wide.
      await trx.selectFrom('tenants').select('id').where('id', '=', job.tenantId).forUpdate().executeTakeFirst();
      // Accounts of running scans: those of a scan whose worker died are released when
      // the sweep fails that scan (in-process queue) and kept when it resumes it (durable
      // queue), so no time limit applies here — an account whose units wait in the queue
      // for minutes is still being scanned.
      const busy = await trx
        .selectFrom('scan_accounts as a')
        .innerJoin('scans as s', 's.id', 'a.scan_id')
        .select(['a.scan_id', 'a.account_id'])
        .where('a.state', '=', 'running')
        .where('s.state', '=', 'running')
        .where(sql<boolean>`not (a.scan_id = ${scan.id} and a.account_id = ${account})`)
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
        .executeTakeFirstOrThrow();
      return { scan, stored: await readProviderAccess(trx, scan.provider_id), open: false, attempt: row.attempt };
    });
    if (!claimed) return; // the scan ended (cancelled, failed) or was deleted
    const { scan } = claimed;
    if (claimed.open) {
      await enqueueOpenWork(job.tenantId, scan.id);
      return;
    }
    if (scan.cancel_requested_at) {
      await endAccount(job, account, 'cancelled', 'Cancelled on request.');
      return;
    }
    let groups: { region: string; service: string; collectors: number }[];
    try {
      const resolved = await resolveTenantScope(job.tenantId, scan.scope as ScanScopeInput);
      if (!claimed.stored) throw new ScanFailure('The provider was deleted.');
      const session = await sessionFor(claimed.stored, job.tenantId, account);
      const { regions } = await chooseRegions(session, (scan.scope as ScanScopeInput).regions);
      if (regions.length === 0 && resolved.plan.collectors.some((p) => p.collector.scope === 'regional')) {
        throw new ScanFailure("No enabled region left to scan: check the scope's regions.");
      }
      groups = unitGroups(awsScanUnits(resolved.plan.collectors, [{ session, regions }]));
    } catch (err) {
      if (err instanceof DeferJob) throw err;
      // Throttled or a network failure (not the account's fault): retried by the queue.
      const failure = (err instanceof ScanFailure || err instanceof VigilError) && !(err instanceof TransientCloudError) ? err : undefined;
      if (!failure) {
        // Unexpected (a network blip, the database): retried; the last attempt fails the account.
        o.logger?.warn({ err, scanId: scan.id, account }, 'preparing an account failed');
        throw err;
      }
      await endAccount(job, account, 'failed', failure.message);
      return;
    }
    const stored = await withTenant(o.db, job.tenantId, async (trx) => {
      const mine = await trx
        .selectFrom('scan_accounts')
        .select(['state', 'attempt'])
        .where('scan_id', '=', scan.id)
        .where('account_id', '=', account)
        .forNoKeyUpdate()
        .executeTakeFirst();
      if (mine?.state !== 'running' || mine.attempt !== claimed.attempt) return false;
      await trx
        .insertInto('scan_units')
        .values([
          { tenant_id: job.tenantId, scan_id: scan.id, account_id: account, unit_no: 0, region: 'account', service: 'evaluate', progress_total: 1 },
          ...groups.map((g, i) => ({ tenant_id: job.tenantId, scan_id: scan.id, account_id: account, unit_no: i + 1, region: g.region, service: g.service, progress_total: g.collectors })),
        ])
        .onConflict((oc) => oc.columns(['scan_id', 'account_id', 'unit_no']).doNothing())
        .execute();
      await trx
        .updateTable('scan_accounts')
        .set({ ...(await accountFigures(trx, scan.id, account)), updated_at: sql<Date>`now()` })
        .where('scan_id', '=', scan.id)
        .where('account_id', '=', account)
        .execute();
      return true;
    });
    if (stored) await enqueueAccountWork(job.tenantId, scan.id, account);
  }

  /** A tenant's resolved scope (its overrides and custom checks applied); a scope no longer valid is the scan's failure. */
  async function resolveTenantScope(tenantId: string, scope: ScanScopeInput) {
    // Custom checks and overrides run exactly like built-in checks.
    const [overrides, custom] = await withTenant(o.db, tenantId, async (trx) => [await loadCheckOverrides(trx), await loadCustomChecks(trx)] as const);
    try {
      return resolveScope(scope, tenantCatalogue(overrides, custom));
    } catch (err) {
      throw new ScanFailure(`The scan's scope is no longer valid: ${errorMessage(err)}`);
    }
  }

  /** Enqueues an account's open units, or its evaluation step once every unit ended. */
  async function enqueueAccountWork(tenantId: string, scanId: string, account: string): Promise<void> {
    const units = await withTenant(o.db, tenantId, (trx) =>
      trx.selectFrom('scan_units').select(['unit_no', 'state']).where('scan_id', '=', scanId).where('account_id', '=', account).orderBy('unit_no').execute(),
    );
    const open = units.filter((u) => u.unit_no > 0 && !(ACCOUNT_FINAL as readonly string[]).includes(u.state));
    for (const u of open) await queue.enqueue({ kind: 'unit', scanId, tenantId, account, unit: u.unit_no });
    const step = units.find((u) => u.unit_no === 0);
    if (open.length === 0 && step && !(ACCOUNT_FINAL as readonly string[]).includes(step.state)) await queue.enqueue({ kind: 'evaluate', scanId, tenantId, account });
  }

  // ------------------------------------------------------------------ units ---

  /**
   * Ends a collection unit and, when it was its account's last open unit, enqueues the
   * account's evaluation step. A unit that failed keeps no findings of its own: the
   * evaluation step reports its checks as ERROR.
   */
  async function endUnit(
    job: ScanJob,
    account: string,
    unitNo: number,
    state: AccountState,
    reason: string | null,
    figures?: UnitFigures,
    inventory?: Buffer,
    fence?: number,
  ): Promise<void> {
    const due = await withTenant(o.db, job.tenantId, async (trx) => {
      // The account row serializes its units ending, so exactly one sees it was the last.
      await trx.selectFrom('scan_accounts').select('account_id').where('scan_id', '=', job.scanId).where('account_id', '=', account).forNoKeyUpdate().executeTakeFirst();
      let update = trx
        .updateTable('scan_units')
        .set({
          ...(figures ?? {}),
          // An ended unit is done, whatever it could collect; a failed one counts as an error.
          progress_done: figures ? figures.progress_total : sql<number>`progress_total`,
          // A failed unit keeps none of its findings (deleted below): its counts go with them.
          ...(state === 'failed' ? { error_count: Math.max(1, figures?.error_count ?? 0), finding_count: 0, counts: '{}' } : {}),
          state,
          failure_reason: reason,
          ...(inventory ? { inventory } : {}),
          finished_at: sql<Date>`now()`,
          updated_at: sql<Date>`now()`,
        })
        .where('scan_id', '=', job.scanId)
        .where('account_id', '=', account)
        .where('unit_no', '=', unitNo)
        .where('state', 'not in', [...ACCOUNT_FINAL]);
      if (fence !== undefined) update = update.where('attempt', '=', fence);
      const ended = await update.executeTakeFirst();
      if (Number(ended.numUpdatedRows) === 0) return false;
      if (state === 'failed') await deleteScanFindings(trx, job.scanId, { accountId: account, unit: unitNo });
      await trx
        .updateTable('scan_accounts')
        .set({ ...(await accountFigures(trx, job.scanId, account)), updated_at: sql<Date>`now()` })
        .where('scan_id', '=', job.scanId)
        .where('account_id', '=', account)
        .execute();
      const open = await trx
        .selectFrom('scan_units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('scan_id', '=', job.scanId)
        .where('account_id', '=', account)
        .where('unit_no', '>', 0)
        .where('state', 'not in', [...ACCOUNT_FINAL])
        .executeTakeFirstOrThrow();
      return Number(open.n) === 0;
    });
    if (due) await queue.enqueue({ kind: 'evaluate', scanId: job.scanId, tenantId: job.tenantId, account });
  }

  /**
   * What one job of a unit (a collection unit, or the evaluation step) writes while it
   * runs: findings in batches tagged with the unit, its figures and a heartbeat at most
   * once per tick, the scan's sums by one job per tick, and cancellation. Every write is
   * fenced by the unit's attempt: once a later attempt took the unit over (this worker
   * lost its queue lock but lived on), this one writes nothing more and stops.
   */
  function unitWriter(job: ScanJob, scan: ScanRow, account: string, unitNo: number, attempt: number, controller: AbortController) {
    const pending: Finding[] = [];
    const counts: ScanCounts = { status: {}, severity: {} };
    const w = {
      fenced: false,
      cancelled: false,
      stats: undefined as ScanStats | undefined,
      unitsTotal: 0,
      errorCount: 0,
      findingCount: 0,
      resourceCount: undefined as number | undefined,
    };
    let written = '';
    let progressAt = 0;
    let chain: Promise<void> = Promise.resolve();
    // Every write of this job goes through one chain: batches stay in order and never overlap.
    const serial = (fn: () => Promise<void>) => {
      const next = chain.then(fn);
      chain = next.catch(() => undefined);
      return next;
    };
    const stillMine = async (trx: Tx): Promise<boolean> => {
      const r = await trx
        .selectFrom('scan_units')
        .select('attempt')
        .where('scan_id', '=', scan.id)
        .where('account_id', '=', account)
        .where('unit_no', '=', unitNo)
        .forShare()
        .executeTakeFirst();
      if (r?.attempt === attempt) return true;
      if (!w.fenced) {
        w.fenced = true;
        o.logger?.warn({ scanId: scan.id, account, unit: unitNo, attempt }, 'a later attempt took this unit over; this one stops');
        controller.abort();
      }
      return false;
    };
    const figures = (): UnitFigures => ({
      progress_done: w.stats?.unitsDone ?? 0,
      progress_total: w.stats?.unitsTotal ?? w.unitsTotal,
      counts: JSON.stringify(counts),
      resource_count: w.resourceCount ?? w.stats?.resources ?? 0,
      finding_count: w.findingCount,
      api_calls: w.stats?.apiCalls ?? 0,
      error_count: w.errorCount,
    });
    const add = (f: Finding) => {
      pending.push(f);
      w.findingCount++;
      counts.status[f.status] = (counts.status[f.status] ?? 0) + 1;
      if (f.status === 'FAIL') counts.severity[f.severity] = (counts.severity[f.severity] ?? 0) + 1;
    };
    // Findings are stored in their own transaction; progress (and its event) at most once
    // per tick in a short one, so that units never wait on each other's batches.
    const flush = (force = false) =>
      serial(async () => {
        const batch = pending.splice(0, pending.length);
        if (w.fenced) return;
        if (batch.length) {
          try {
            await withTenant(o.db, job.tenantId, async (trx) => {
              if (await stillMine(trx)) await insertFindings(trx, { scanId: scan.id, findings: batch, unit: unitNo });
            });
          } catch (err) {
            // Not stored (the database was unreachable): written with the next batch. Should the
            // commit have landed unseen, that write fails on the findings' unique key and the
            // unit's retry replaces its findings: never lost, never duplicated.
            pending.unshift(...batch);
            throw err;
          }
        }
        if (w.fenced || (!force && Date.now() - progressAt < tickMs)) return;
        progressAt = Date.now();
        const snapshot = figures();
        const changed = JSON.stringify(snapshot) !== written;
        written = JSON.stringify(snapshot);
        const cancelAt = await withTenant(o.db, job.tenantId, async (trx) => {
          if (!(await stillMine(trx))) return null;
          // The unit's row is its liveness (the sweep takes over units silent for too long): touched at every tick.
          await trx
            .updateTable('scan_units')
            .set({ ...(changed ? snapshot : {}), updated_at: sql<Date>`now()` })
            .where('scan_id', '=', scan.id)
            .where('account_id', '=', account)
            .where('unit_no', '=', unitNo)
            .execute();
          // The account's row is its lock's liveness: touched at every tick of any of its units.
          await trx
            .updateTable('scan_accounts')
            .set({ ...(changed ? await accountFigures(trx, scan.id, account) : {}), updated_at: sql<Date>`now()` })
            .where('scan_id', '=', scan.id)
            .where('account_id', '=', account)
            .execute();
          // With many units in flight, the scan row is written by one of them per tick, not by each.
          const beat = await trx
            .updateTable('scans')
            .set({ heartbeat_at: sql<Date>`now()` })
            .where('id', '=', scan.id)
            .where(force ? sql<boolean>`true` : sql<boolean>`(heartbeat_at is null or heartbeat_at < now() - make_interval(secs => ${tickMs / 2000}))`)
            .returning(['state', 'cancel_requested_at', 'finished_at'])
            .executeTakeFirst();
          if (beat) {
            const rows = await trx
              .selectFrom('scan_accounts')
              .select(['progress_done', 'progress_total', 'counts', 'resource_count', 'finding_count', 'api_calls', 'error_count'])
              .where('scan_id', '=', scan.id)
              .execute();
            const sum = sumAccounts(rows);
            const r = await trx
              .updateTable('scans')
              .set({ ...figureColumns(sum), updated_at: sql<Date>`now()` })
              .where('id', '=', scan.id)
              .where(sql<boolean>`(progress_done, progress_total, finding_count, api_calls, error_count, resource_count) is distinct from (${sum.done}, ${sum.total}, ${sum.findings}, ${sum.apiCalls}, ${sum.errors}, ${sum.resources})`)
              .returningAll()
              .executeTakeFirst();
            if (r) {
              await appendScanEvent(trx, r, 'progress', {
                progress: { unitsDone: r.progress_done, unitsTotal: r.progress_total },
                counts: sum.counts,
                apiCalls: Number(r.api_calls),
                errorCount: r.error_count,
                resourceCount: r.resource_count,
                findingCount: r.finding_count,
                account: { id: account, unit: unitNo, unitsDone: snapshot.progress_done, unitsTotal: snapshot.progress_total, findingCount: w.findingCount },
                updatedAt: r.updated_at.toISOString(),
              });
            }
          }
          // The job that wrote the heartbeat read the scan's state with it; the others read it.
          const current = beat ?? (await trx.selectFrom('scans').select(['state', 'cancel_requested_at', 'finished_at']).where('id', '=', scan.id).executeTakeFirstOrThrow());
          return current.state === 'running' ? current.cancel_requested_at : (current.cancel_requested_at ?? current.finished_at);
        });
        if (cancelAt && !w.cancelled) {
          w.cancelled = true;
          controller.abort();
        }
      });
    const timer = setInterval(() => {
      flush().catch((err: unknown) => o.logger?.warn({ err, scanId: scan.id, account, unit: unitNo }, 'scan progress write failed'));
    }, tickMs);
    return {
      w,
      add,
      figures,
      flush,
      /** Stops the ticks and waits for the writes in flight. */
      async close() {
        clearInterval(timer);
        await chain;
      },
      /** True when the batch is full and should be stored. */
      full: () => pending.length >= batchSize,
    };
  }

  /** Claims a unit of a running scan for this attempt; a retried unit's earlier findings are deleted. */
  async function claimUnit(job: ScanJob, account: string, unitNo: number) {
    return withTenant(o.db, job.tenantId, async (trx) => {
      const scan = await trx.selectFrom('scans').selectAll().where('id', '=', job.scanId).executeTakeFirst();
      if (!scan || scan.state !== 'running') return undefined;
      const row = await trx
        .updateTable('scan_units')
        .set({ state: 'running', attempt: sql<number>`attempt + 1`, worker_id: workerId, started_at: sql<Date>`coalesce(started_at, now())`, updated_at: sql<Date>`now()` })
        .where('scan_id', '=', job.scanId)
        .where('account_id', '=', account)
        .where('unit_no', '=', unitNo)
        .where('state', 'in', ['pending', 'running'])
        .returning(['region', 'service', 'attempt'])
        .executeTakeFirst();
      if (!row) return { scan, unit: undefined, stored: undefined };
      // What an earlier attempt stored is replaced by this attempt's findings.
      if (row.attempt > 1) await deleteScanFindings(trx, scan.id, { accountId: account, unit: unitNo });
      await trx.updateTable('scan_accounts').set({ updated_at: sql<Date>`now()` }).where('scan_id', '=', scan.id).where('account_id', '=', account).execute();
      return { scan, unit: row, stored: await readProviderAccess(trx, scan.provider_id) };
    });
  }

  /**
   * A collection unit: every planned collector of one service in one region (or of a
   * global service) of one account. Collects, evaluates the checks that need no other
   * resource as resources arrive, stores their findings, and keeps for the evaluation
   * step the resources (and failed listings) of the types cross-resource checks read.
   */
  async function runUnit(job: ScanJob, stopping: AbortSignal): Promise<void> {
    const account = job.account;
    const unitNo = job.unit;
    if (account === undefined || unitNo === undefined) throw new Error(`unit job of scan ${job.scanId} without an account or unit`);
    const claimed = await claimUnit(job, account, unitNo);
    if (!claimed) return;
    const { scan, unit } = claimed;
    if (!unit) {
      await enqueueAccountWork(job.tenantId, scan.id, account);
      return;
    }
    if (scan.cancel_requested_at) {
      await endUnit(job, account, unitNo, 'cancelled', 'Cancelled on request.');
      return;
    }
    const controller = new AbortController();
    const onStop = () => controller.abort();
    stopping.addEventListener('abort', onStop, { once: true });
    const writer = unitWriter(job, scan, account, unitNo, unit.attempt, controller);
    const { w } = writer;
    let credentialFailure: string | undefined;
    let state: AccountState = 'failed';
    let reason: string | null = null;
    let unexpected: unknown;
    let inventory: Buffer | undefined;
    try {
      const resolved = await resolveTenantScope(job.tenantId, scan.scope as ScanScopeInput);
      const { immediate, storedTypes } = splitChecks(resolved.checks);
      const fragment = new FragmentBuilder(storedTypes);
      if (!claimed.stored) throw new ScanFailure('The provider was deleted.');
      let units;
      try {
        const session = await sessionFor(claimed.stored, job.tenantId, account);
        units = awsScanUnits(resolved.plan.collectors, [{ session, regions: unit.region === 'global' ? [] : [unit.region] }]).filter(
          (u) => u.region === unit.region && u.service === unit.service,
        );
      } catch (err) {
        if (controller.signal.aborted) throw err;
        throw preparationFailure(err, scan.id);
      }
      w.unitsTotal = units.length;
      let done = false;
      for await (const e of runScan({
        checks: immediate,
        units,
        compliance,
        rateFor: awsRateFor,
        signal: controller.signal,
        skipReason: regionSkipReason,
        concurrency: o.unitConcurrency,
        emitResources: fragment.needed,
        progressIntervalMs: Math.min(tickMs, 250),
        ...(o.sharedLimiter ? { sharedLimiter: o.sharedLimiter } : {}),
      })) {
        switch (e.type) {
          case 'finding':
            writer.add(e.finding);
            if (writer.full()) await writer.flush();
            break;
          case 'resource':
            fragment.resource(e.resource);
            break;
          case 'progress':
            w.stats = e.stats;
            break;
          case 'error':
            w.errorCount++;
            fragment.failure({ provider: e.provider, account: e.account, region: e.region, service: e.service, resourceType: e.resourceType, code: e.code, message: e.message });
            if (isCredentialFailure(e.code) && !credentialFailure) {
              credentialFailure = `The AWS credentials stopped working during the scan (${e.code}: ${e.message}). Fix the provider's credentials and scan again.`;
              controller.abort();
            }
            break;
          case 'done':
            w.stats = e.stats;
            done = true;
            break;
          default:
            break;
        }
      }
      if (!done) throw new ScanFailure('The scan ended without a result.');
      if (fragment.needed) inventory = await encodeFragment(fragment.build(units));
      state = w.errorCount > 0 ? 'completed_with_errors' : 'completed';
    } catch (err) {
      if (w.fenced) {
        // Nothing to record: the attempt that took over ends the unit.
      } else if (w.cancelled) {
        state = 'cancelled';
        reason = 'Cancelled on request.';
      } else if (credentialFailure) {
        reason = credentialFailure;
      } else if (stopping.aborted) {
        unexpected = new Error('the worker stopped while the unit was collected');
      } else if (err instanceof ScanFailure) {
        reason = err.message;
      } else {
        unexpected = err;
      }
    } finally {
      stopping.removeEventListener('abort', onStop);
    }
    await writer.close();
    if (w.fenced) return;
    if (unexpected !== undefined) {
      if (stopping.aborted && !durable) {
        // The in-process queue dies with this process: end the scan now rather than leave it running.
        await stopScan(job, scan.id);
        return;
      }
      // Retried by the queue (this attempt's findings are replaced); the last attempt fails the unit.
      throw unexpected;
    }
    if (state !== 'failed') {
      try {
        await writer.flush(true);
      } catch (err) {
        o.logger?.error({ err, scanId: scan.id, account, unit: unitNo }, 'storing the last findings failed');
        throw err;
      }
      await writer.close();
      if (w.fenced) return;
    }
    await endUnit(job, account, unitNo, state, reason, writer.figures(), inventory, unit.attempt);
  }

  /** The in-process queue stopped with the process: the scan fails now, with a reason, instead of staying `running`. */
  async function stopScan(job: ScanJob, scanId: string): Promise<void> {
    const why = 'The server stopped while the scan ran: start the scan again.';
    const row = await withTenant(o.db, job.tenantId, (trx) => finish(trx, scanId, 'failed', why));
    if (row) await promoteNext(job.tenantId, row.provider_id);
  }

  // ------------------------------------------------------------- evaluate ---

  /**
   * An account's evaluation step, once every unit of the account ended: the checks that
   * read other resources (a trail's bucket, an instance's security groups) over the
   * fragments the units kept, and ERROR findings for the checks of units that failed.
   * Then the account ends.
   */
  async function evaluateAccount(job: ScanJob, stopping: AbortSignal): Promise<void> {
    const account = job.account;
    if (account === undefined) throw new Error(`evaluate job of scan ${job.scanId} without an account`);
    const ready = await withTenant(o.db, job.tenantId, async (trx) => {
      const open = await trx
        .selectFrom('scan_units')
        .select('unit_no')
        .where('scan_id', '=', job.scanId)
        .where('account_id', '=', account)
        .where('unit_no', '>', 0)
        .where('state', 'not in', [...ACCOUNT_FINAL])
        .executeTakeFirst();
      const acc = await trx.selectFrom('scan_accounts').select('state').where('scan_id', '=', job.scanId).where('account_id', '=', account).executeTakeFirst();
      return !open && acc?.state === 'running';
    });
    if (!ready) return; // a unit is still open (its end enqueues this again), or the account ended
    const claimed = await claimUnit(job, account, 0);
    if (!claimed) return;
    const { scan, unit } = claimed;
    if (!unit) {
      await enqueueOpenWork(job.tenantId, scan.id);
      return;
    }
    const units = await withTenant(o.db, job.tenantId, (trx) =>
      trx
        .selectFrom('scan_units')
        .select(['unit_no', 'region', 'service', 'state', 'failure_reason', 'inventory'])
        .where('scan_id', '=', scan.id)
        .where('account_id', '=', account)
        .where('unit_no', '>', 0)
        .orderBy('unit_no')
        .execute(),
    );
    if (scan.cancel_requested_at || units.some((u) => u.state === 'cancelled')) {
      await endAccount(job, account, 'cancelled', 'Cancelled on request.', unit.attempt);
      return;
    }
    const failed = units.filter((u) => u.state === 'failed');
    if (units.length > 0 && failed.length === units.length) {
      const first = failed[0];
      const why = units.length === 1 ? (first?.failure_reason ?? 'The account could not be scanned.') : `All ${units.length} units failed; the first (${first?.service} in ${first?.region}): ${first?.failure_reason ?? 'failed'}`;
      await endAccount(job, account, 'failed', why, unit.attempt);
      return;
    }
    const controller = new AbortController();
    const onStop = () => controller.abort();
    stopping.addEventListener('abort', onStop, { once: true });
    const writer = unitWriter(job, scan, account, 0, unit.attempt, controller);
    const { w } = writer;
    w.resourceCount = 0; // resources are counted where they were collected
    w.unitsTotal = 1;
    let unexpected: unknown;
    let reason: string | null = null;
    try {
      const resolved = await resolveTenantScope(job.tenantId, scan.scope as ScanScopeInput);
      const ended: EndedUnit[] = [];
      for (const u of units) {
        ended.push({
          region: u.region,
          service: u.service,
          state: u.state,
          failureReason: u.failure_reason,
          fragment: u.state !== 'failed' && u.inventory ? await decodeFragment(u.inventory) : undefined,
        });
      }
      const runs = evaluationRuns({ provider: 'aws', account, checks: resolved.checks, collectors: resolved.plan.collectors, units: ended });
      for (const run of runs) {
        for await (const e of runScan({ checks: run.checks, units: run.units, compliance, signal: controller.signal, progressIntervalMs: Math.min(tickMs, 250) })) {
          if (e.type === 'finding') {
            writer.add(e.finding);
            if (writer.full()) await writer.flush();
          }
        }
      }
      if (failed.length > 0) {
        reason = `${failed.length} of ${units.length} units could not be collected: ${failed.map((u) => `${u.service} in ${u.region}: ${u.failure_reason ?? 'failed'}`).join('; ')}`.slice(0, 2000);
      }
    } catch (err) {
      if (!w.fenced && !w.cancelled) unexpected = stopping.aborted ? new Error('the worker stopped while the account was evaluated') : err;
    } finally {
      stopping.removeEventListener('abort', onStop);
    }
    await writer.close();
    if (w.fenced) return;
    if (w.cancelled) {
      await endAccount(job, account, 'cancelled', 'Cancelled on request.', unit.attempt);
      return;
    }
    if (unexpected !== undefined) {
      if (stopping.aborted && !durable) {
        await stopScan(job, scan.id);
        return;
      }
      throw unexpected;
    }
    await writer.flush(true);
    await writer.close();
    if (w.fenced) return;
    const errors = units.reduce((n, u) => n + (u.state === 'completed_with_errors' || u.state === 'failed' ? 1 : 0), 0);
    await endAccount(job, account, errors > 0 ? 'completed_with_errors' : 'completed', reason, unit.attempt, writer.figures());
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
    // Accounts' states are disjoint rows: a few backends write them at once (the heartbeat
    // in a transaction of its own, so that they never queue on the scan row).
    let written = 0;
    const queueOfAccounts = [...accounts];
    const committer = async () => {
      for (let a = queueOfAccounts.shift(); a; a = queueOfAccounts.shift()) {
        const account = a.account_id;
        written += await withTenant(o.db, job.tenantId, (trx) => commitFindingStates(trx, job.scanId, { accountId: account }));
        await withTenant(o.db, job.tenantId, (trx) => trx.updateTable('scans').set({ heartbeat_at: sql<Date>`now()` }).where('id', '=', job.scanId).execute());
      }
    };
    await Promise.all(Array.from({ length: Math.min(FINALIZE_WRITERS, accounts.length) }, committer));
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
        .set({ ...figureColumns(sum), error_count: sum.errors + failed.length })
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

  /** True when the database answers a trivial query within a few seconds. */
  async function databaseReachable(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        sql`select 1`.execute(o.db).then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), 5000);
        }),
      ]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs a job. A job that failed while the database is unreachable waits for it (handed
   * back later without spending an attempt), so an outage of any length ends with the
   * scan completing instead of units failing; any other failure is retried as usual.
   */
  async function handle(job: ScanJob, stopping: AbortSignal): Promise<void> {
    try {
      await dispatch(job, stopping);
    } catch (err) {
      if (err instanceof DeferJob || stopping.aborted) throw err;
      if (!(await databaseReachable())) {
        o.logger?.warn({ err, scanId: job.scanId, kind: job.kind, account: job.account, unit: job.unit }, 'the database is unreachable; the job waits for it');
        throw new DeferJob(DATABASE_WAIT_MS, `the database is unreachable (${errorMessage(err)})`);
      }
      throw err;
    }
  }

  async function dispatch(job: ScanJob, stopping: AbortSignal): Promise<void> {
    switch (job.kind) {
      case 'scan':
        return planScan(job);
      case 'account':
        return prepareAccount(job);
      case 'unit':
        return runUnit(job, stopping);
      case 'evaluate':
        return evaluateAccount(job, stopping);
      case 'finalize':
        return finalizeScan(job);
      default:
        throw new Error(`unknown job kind ${String((job as { kind: unknown }).kind)}`);
    }
  }

  /** A job that failed on every attempt ends its work as failed, with a reason. */
  async function exhausted(err: unknown, job: ScanJob): Promise<void> {
    o.logger?.error({ err, scanId: job.scanId, kind: job.kind, account: job.account, unit: job.unit }, 'scan job failed on its last attempt');
    const reason = `The worker failed ${job.attempt} time(s) on this work (${errorMessage(err)}); the server log has the details.`;
    if (job.kind === 'unit' && job.account !== undefined && job.unit !== undefined) {
      // The unit ends as ERROR; its account and the scan go on.
      await endUnit(job, job.account, job.unit, 'failed', reason);
      return;
    }
    if ((job.kind === 'account' || job.kind === 'evaluate') && job.account !== undefined) {
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
    const { orphans, resumed, pending, lost } = await withSystem(o.db, async (trx) => {
      let orphans: ScanRow[] = [];
      let resumed: { id: string; tenant_id: string }[] = [];
      let lost: { tenant_id: string; scan_id: string; account_id: string; unit_no: number }[] = [];
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
          // This process's own scans are alive, however long their jobs wait in its queue.
          .where(sql<boolean>`coalesce(worker_id, '') <> ${workerId}`)
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
          const ids = stale.map((s) => s.id);
          // Work that lost its worker `attempts` times ends as failed (after the transaction).
          lost = await trx
            .selectFrom('scan_units')
            .select(['tenant_id', 'scan_id', 'account_id', 'unit_no'])
            .where('scan_id', 'in', ids)
            .where('state', '=', 'running')
            .where('attempt', '>=', attempts)
            .where('updated_at', '<', cutoff)
            .execute();
          const preparing = await trx
            .selectFrom('scan_accounts')
            .select(['tenant_id', 'scan_id', 'account_id'])
            .where('scan_id', 'in', ids)
            .where('state', '=', 'running')
            .where('attempt', '>=', attempts)
            .where('updated_at', '<', cutoff)
            .where(({ not, exists, selectFrom }) =>
              not(exists(selectFrom('scan_units as u').select('u.unit_no').whereRef('u.scan_id', '=', 'scan_accounts.scan_id').whereRef('u.account_id', '=', 'scan_accounts.account_id'))),
            )
            .execute();
          lost.push(...preparing.map((p) => ({ ...p, unit_no: -1 })));
          await trx.updateTable('scans').set({ heartbeat_at: sql<Date>`now()` }).where('id', 'in', ids).execute();
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
      return { orphans, resumed, pending: waiting, lost };
    });
    for (const r of orphans) {
      o.logger?.warn({ scanId: r.id, tenantId: r.tenant_id }, 'marked an orphaned scan as failed');
      await promoteNext(r.tenant_id, r.provider_id);
    }
    for (const l of lost) {
      const job: ScanJob = { kind: 'unit', scanId: l.scan_id, tenantId: l.tenant_id, account: l.account_id, attempt: attempts };
      const why = `The worker running this work stopped ${attempts} times.`;
      if (l.unit_no > 0) await endUnit(job, l.account_id, l.unit_no, 'failed', why);
      else await endAccount(job, l.account_id, 'failed', why);
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
    concurrency: o.concurrency ?? 16,
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
