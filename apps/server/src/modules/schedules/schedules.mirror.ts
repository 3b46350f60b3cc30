import type { ScheduleRow } from './schedules.repo.ts';

/** What a mirror needs of a schedule row. */
export type MirroredSchedule = Pick<ScheduleRow, 'id' | 'tenant_id' | 'cron' | 'time_zone' | 'enabled'>;

/**
 * Where schedules are mirrored outside the database, called by the schedules service
 * after each commit: in BullMQ mode, one BullMQ job scheduler per enabled schedule
 * (`src/scheduler/bullmq-schedules.ts`). The database stays the truth: a mirror that
 * missed a change (Redis unavailable) is repaired by its reconcile, and a job of a stale
 * mirror fires nothing (the firing claims the row with its `next_run_at` guard).
 *
 * Implementations never reject: they log what failed and give up after a short timeout,
 * so that a Redis outage never fails an API call.
 */
export interface ScheduleMirror {
  /** The schedule was created or its timing or enabled flag changed: mirror it (enabled) or drop it (disabled). */
  saved(row: MirroredSchedule): Promise<void>;
  /** The schedule was deleted. */
  deleted(id: string): Promise<void>;
}

/**
 * The dependencies that carry a mirror to the schedules service: the app's `AppDeps`
 * with `scheduleMirror` set (read at each call, like `scanQueue`), as `vigil serve` does
 * in BullMQ mode. Absent: nothing is mirrored (embedded mode: the DB poller fires).
 */
export interface ScheduleMirrorDeps {
  scheduleMirror?: ScheduleMirror;
}
