import { DbError, withSystem, withTenant } from '@vigil/db';
import type { Db } from '@vigil/db';
import { VigilError } from '@vigil/engine';
import type { FastifyBaseLogger } from 'fastify';
import { ApiError } from '../errors.ts';
import { createScansService } from '../modules/scans/scans.service.ts';
import type { ScansServiceDeps } from '../modules/scans/scans.service.ts';
import type { CreateScanInput, ScanDto, ScanScopeInput } from '../modules/scans/scans.schemas.ts';
import { claimDueSchedules, claimSchedule, recordRun } from '../modules/schedules/schedules.repo.ts';
import type { ClaimedSchedule } from '../modules/schedules/schedules.repo.ts';
import type { ScheduleOutcome } from '../modules/schedules/schedules.schemas.ts';

/**
 * Creates a scan the way `POST /scans?queue=…` does (one-active-scan lock, hand-over to
 * the queue after commit): the scans service's `create`.
 */
export type CreateScheduledScan = (tenantId: string, userId: string | null, input: CreateScanInput, queue: boolean) => Promise<Pick<ScanDto, 'id' | 'state'>>;

export interface SchedulerDeps {
  db: Db;
  /** The clock: a schedule is due when its next run is at or before `now()`. */
  now: () => Date;
  /** Starts a schedule's scan; see {@link createScanFromService}. */
  createScan: CreateScheduledScan;
  logger?: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** Schedules claimed per transaction; a pass claims batches until none is due. Default 100. */
  batchSize?: number;
  /**
   * Claim only the schedules whose next run is at least this long past (default 0: every
   * due one). BullMQ mode's safety net sets it, so that the job schedulers fire the
   * occurrences and the poller only those nobody fired (Redis down, mirror lost).
   */
  overdueMs?: number;
}

/** What one due schedule did in a pass. */
export interface ScheduleFiring {
  scheduleId: string;
  tenantId: string;
  outcome: ScheduleOutcome;
  scanId: string | null;
  error: string | null;
}

/** The scans service's `create` over the app's dependencies (read at each call, so a queue set later is used). */
export function createScanFromService(deps: ScansServiceDeps): CreateScheduledScan {
  const scans = createScansService(deps);
  return (tenantId, userId, input, queue) => scans.create(tenantId, userId, input, queue);
}

async function fire(deps: Pick<SchedulerDeps, 'db' | 'createScan' | 'logger'>, c: ClaimedSchedule): Promise<ScheduleFiring> {
  const r = c.row;
  const base = { scheduleId: r.id, tenantId: r.tenant_id };
  if (c.error) return { ...base, outcome: 'error', scanId: null, error: c.error };
  let outcome: ScheduleOutcome;
  let scanId: string | null = null;
  let error: string | null = null;
  if (c.lastScanState === 'queued' && r.last_scan_id) {
    // The previous run still waits behind the account's active scan and will scan the
    // same scope when it starts: one waiting scan per schedule, not one per missed tick.
    outcome = 'skipped';
    scanId = r.last_scan_id;
    error = `Scan ${r.last_scan_id} of the previous run still waits for the account's active scan; it covers this run.`;
  } else {
    try {
      const input = { providerId: r.provider_id, name: r.name, scope: r.scope as ScanScopeInput };
      let scan: Pick<ScanDto, 'id' | 'state'>;
      try {
        // createScan with queue=true stores `queued` even when the account is idle (only the
        // worker's sweep would promote it then), so ask for a pending scan first…
        scan = await deps.createScan(r.tenant_id, r.created_by, input, false);
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'CONFLICT')) throw err;
        // …and queue it behind the account's active scan when there is one: an overlapping run is never lost.
        scan = await deps.createScan(r.tenant_id, r.created_by, input, true);
      }
      outcome = scan.state === 'queued' ? 'queued' : 'started';
      scanId = scan.id;
    } catch (err) {
      outcome = 'error';
      // Vigil's errors (provider gone, scope no longer valid) are written for users; others are not shown.
      if (err instanceof VigilError || err instanceof DbError) error = err.message;
      else {
        error = 'Starting the scan failed unexpectedly; the schedule runs again at its next occurrence.';
        deps.logger?.error({ err, scheduleId: r.id, tenantId: r.tenant_id }, 'scheduled scan could not be created');
      }
    }
  }
  const recorded = await withTenant(deps.db, r.tenant_id, async (trx) => {
    if (scanId && outcome !== 'skipped') await trx.updateTable('scans').set({ trigger: 'schedule' }).where('id', '=', scanId).execute();
    return recordRun(trx, r.id, { outcome, scanId, error });
  });
  if (!recorded) deps.logger?.info({ scheduleId: r.id, scanId }, 'schedule deleted while its run started');
  if (outcome === 'error') deps.logger?.warn({ scheduleId: r.id, tenantId: r.tenant_id, error }, 'scheduled scan not started');
  return { ...base, outcome, scanId, error };
}

/**
 * Fires one schedule if it is due at `at`: the row is claimed in a system transaction
 * (enabled, `next_run_at <= at`, FOR UPDATE SKIP LOCKED) that moves its next run
 * strictly after `at`, then the run starts as in {@link runDueSchedules}. Null when
 * there was nothing to fire: the schedule is gone or disabled, not due (a stale job of a
 * changed schedule), or already fired for this occurrence (a duplicate delivery, another
 * worker, the DB poller). This is how a BullMQ job of the schedule's job scheduler fires it.
 */
export async function runScheduleIfDue(deps: Omit<SchedulerDeps, 'now' | 'batchSize' | 'overdueMs'>, scheduleId: string, at: Date): Promise<ScheduleFiring | null> {
  const claimed = await withSystem(deps.db, (trx) => claimSchedule(trx, scheduleId, at));
  if (!claimed) return null;
  try {
    return await fire(deps, claimed);
  } catch (err) {
    // Recording failed: the claim stands (at most once), as in a pass.
    deps.logger?.error({ err, scheduleId }, 'recording a scheduled run failed');
    return { scheduleId, tenantId: claimed.row.tenant_id, outcome: 'error', scanId: null, error: 'recording the run failed' };
  }
}

/**
 * One pass of the scheduler: fires every enabled schedule due at `now()`, once.
 *
 * Due schedules are claimed in a system transaction with FOR UPDATE SKIP LOCKED that also
 * moves their next run strictly after `now()`, so concurrent passes (several processes)
 * never fire one occurrence twice, and occurrences missed while nothing ran fire once,
 * not once each. Scans are created after that commit, through `createScan`: pending,
 * or queued behind the account's active scan when it is busy. A failure of one
 * schedule (provider deleted, scope no longer valid) is recorded on it as outcome
 * `error` and the pass goes on. A crash between the claim and the scan loses that run
 * (at most once): its last run then shows no outcome.
 */
export async function runDueSchedules(deps: SchedulerDeps): Promise<ScheduleFiring[]> {
  const at = deps.now();
  const batchSize = deps.batchSize ?? 100;
  const firings: ScheduleFiring[] = [];
  for (;;) {
    const claimed = await withSystem(deps.db, (trx) => claimDueSchedules(trx, at, batchSize, { overdueMs: deps.overdueMs }));
    for (const c of claimed) {
      try {
        firings.push(await fire(deps, c));
      } catch (err) {
        // Recording failed (the database went away?): the claim stands, the next pass goes on.
        deps.logger?.error({ err, scheduleId: c.row.id }, 'recording a scheduled run failed');
        firings.push({ scheduleId: c.row.id, tenantId: c.row.tenant_id, outcome: 'error', scanId: null, error: 'recording the run failed' });
      }
    }
    if (claimed.length < batchSize) return firings;
  }
}

/** A running scheduler loop. */
export interface Scheduler {
  /** Stops the loop; resolves when a pass in progress has ended. */
  stop(): Promise<void>;
}

/**
 * Runs {@link runDueSchedules} now and then every `intervalMs` (default 15 s) after the
 * previous pass ended, on an unref'd timer: the embedded mode's scheduler, and BullMQ
 * mode's safety net (with `overdueMs`). A failed pass is logged and the loop goes on.
 */
export function startScheduler(o: SchedulerDeps & { intervalMs?: number }): Scheduler {
  const intervalMs = o.intervalMs ?? 15_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const pass = async () => {
    try {
      await runDueSchedules(o);
    } catch (err) {
      o.logger?.error({ err }, 'scheduler pass failed');
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(() => {
        running = undefined;
        schedule(intervalMs);
      });
    }, delay);
    timer.unref();
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
