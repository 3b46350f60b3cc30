import type { Selectable } from 'kysely';
import type { SchedulesTable, Tx } from '@vigil/db';
import { notFound } from '../../errors.ts';
import type { ScanScopeInput } from '../scans/scans.schemas.ts';
import { NEXT_RUNS, nextOccurrence, nextOccurrences } from './schedules.cron.ts';
import type { ScheduleDto, ScheduleOutcome } from './schedules.schemas.ts';

/** A stored schedule. */
export type ScheduleRow = Selectable<SchedulesTable>;

/** The API view of a schedule; `nextRuns` are the occurrences after `now`. */
export function scheduleToDto(r: ScheduleRow, now: Date): ScheduleDto {
  let nextRuns: string[] = [];
  if (r.enabled) {
    try {
      nextRuns = nextOccurrences(r.cron, r.time_zone, now, NEXT_RUNS).map((d) => d.toISOString());
    } catch {
      // Validated on save; a row changed outside the API shows no upcoming runs rather than failing the listing.
      nextRuns = [];
    }
  }
  return {
    id: r.id,
    providerId: r.provider_id,
    name: r.name,
    cron: r.cron,
    timeZone: r.time_zone,
    scope: r.scope as ScanScopeInput,
    enabled: r.enabled,
    nextRunAt: r.next_run_at?.toISOString() ?? null,
    nextRuns,
    lastRun: r.last_run_at
      ? { at: r.last_run_at.toISOString(), outcome: r.last_outcome, scanId: r.last_scan_id, error: r.last_error }
      : null,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** A schedule of the transaction's tenant; 404 otherwise (another tenant's ids too). */
export async function findSchedule(trx: Tx, id: string): Promise<ScheduleRow> {
  const row = await trx.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Schedule', id);
  return row;
}

/** A schedule claimed by {@link claimDueSchedules} or {@link claimSchedule}, with the state of its previous run's scan. */
export interface ClaimedSchedule {
  row: ScheduleRow;
  /** The state of `row.last_scan_id` before this run (undefined when there is none). */
  lastScanState: string | undefined;
  /** Why the schedule could not be advanced (then it was disabled and is not fired). */
  error?: string;
}

/**
 * Moves locked due rows past `at`: `last_run_at = at`, `next_run_at` = the next
 * occurrence strictly after `at` (however many occurrences were missed), or disables a
 * row whose expression no longer parses, with the error recorded.
 */
async function advanceClaimed(trx: Tx, due: ScheduleRow[], at: Date): Promise<ClaimedSchedule[]> {
  if (due.length === 0) return [];
  const lastIds = due.flatMap((r) => (r.last_scan_id ? [r.last_scan_id] : []));
  const states = new Map<string, string>();
  if (lastIds.length) {
    for (const s of await trx.selectFrom('scans').select(['id', 'state']).where('id', 'in', lastIds).execute()) states.set(s.id, s.state);
  }
  const claimed: ClaimedSchedule[] = [];
  for (const r of due) {
    let next: Date | null = null;
    let error: string | undefined;
    try {
      next = nextOccurrence(r.cron, r.time_zone, at);
      if (!next) error = `The cron expression "${r.cron}" has no occurrence after ${at.toISOString()}; the schedule was disabled.`;
    } catch (err) {
      error = `The cron expression "${r.cron}" in ${r.time_zone} is no longer valid (${err instanceof Error ? err.message : String(err)}); the schedule was disabled: fix it and enable it again.`;
    }
    const row = await trx
      .updateTable('schedules')
      .set(
        error
          ? { enabled: false, next_run_at: null, last_run_at: at, last_outcome: 'error', last_error: error.slice(0, 2000) }
          : { next_run_at: next, last_run_at: at, last_outcome: null, last_error: null },
      )
      .where('id', '=', r.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    claimed.push({ row, lastScanState: r.last_scan_id ? states.get(r.last_scan_id) : undefined, ...(error ? { error } : {}) });
  }
  return claimed;
}

/**
 * Claims the enabled schedules due at `at` (at most `limit`, oldest due first), across
 * tenants: call it in a system transaction. Rows another transaction holds are skipped
 * (FOR UPDATE SKIP LOCKED); every claimed row gets `last_run_at = at` and `next_run_at`
 * = its next occurrence strictly after `at`, so it is not due again once this
 * transaction commits, however many occurrences were missed. A schedule whose
 * expression no longer parses is disabled with the error recorded.
 *
 * With `overdueMs`, only the schedules whose next run is at least that long before `at`
 * are claimed (the safety net of BullMQ mode leaves the fresh ones to the job schedulers).
 */
export async function claimDueSchedules(trx: Tx, at: Date, limit: number, o: { overdueMs?: number } = {}): Promise<ClaimedSchedule[]> {
  const dueBy = o.overdueMs ? new Date(at.getTime() - o.overdueMs) : at;
  const due = await trx
    .selectFrom('schedules')
    .selectAll()
    .where('enabled', '=', true)
    .where('next_run_at', '<=', dueBy)
    .orderBy('next_run_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return advanceClaimed(trx, due, at);
}

/**
 * Claims one schedule when it is enabled and due at `at` (`next_run_at <= at`), across
 * tenants (a system transaction), exactly like {@link claimDueSchedules}: the row is
 * locked with FOR UPDATE SKIP LOCKED and moved past `at`. Undefined when the schedule is
 * gone, disabled, not due, or held by another transaction (which is firing it): so a
 * duplicate delivery of a BullMQ job, or a DB poller claiming at the same time, never
 * fires one occurrence twice.
 */
export async function claimSchedule(trx: Tx, id: string, at: Date): Promise<ClaimedSchedule | undefined> {
  const due = await trx
    .selectFrom('schedules')
    .selectAll()
    .where('id', '=', id)
    .where('enabled', '=', true)
    .where('next_run_at', '<=', at)
    .forUpdate()
    .skipLocked()
    .execute();
  return (await advanceClaimed(trx, due, at))[0];
}

/** The enabled schedules of every tenant with what a job scheduler mirrors (call it in a system transaction). */
export async function listEnabledSchedules(trx: Tx): Promise<Pick<ScheduleRow, 'id' | 'tenant_id' | 'cron' | 'time_zone'>[]> {
  return trx.selectFrom('schedules').select(['id', 'tenant_id', 'cron', 'time_zone']).where('enabled', '=', true).orderBy('id').execute();
}

/** Records what a claimed run did. Returns false when the schedule is gone (deleted meanwhile). */
export async function recordRun(
  trx: Tx,
  id: string,
  run: { outcome: ScheduleOutcome; scanId: string | null; error: string | null },
): Promise<boolean> {
  const r = await trx
    .updateTable('schedules')
    .set({ last_outcome: run.outcome, last_scan_id: run.scanId, last_error: run.error?.slice(0, 2000) ?? null })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
