import { withSystem } from '@vigil/db';
import type { Db } from '@vigil/db';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Job, JobSchedulerJson, JobSchedulerTemplateOptions, RepeatOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import { nextOccurrence } from '../modules/schedules/schedules.cron.ts';
import type { MirroredSchedule, ScheduleMirror } from '../modules/schedules/schedules.mirror.ts';
import { listEnabledSchedules } from '../modules/schedules/schedules.repo.ts';
import { runScheduleIfDue, startScheduler } from './scheduler.ts';
import type { Scheduler, SchedulerDeps, ScheduleFiring } from './scheduler.ts';

/** The BullMQ queue of the schedules' job schedulers (a stable public name: never rename). */
export const SCHEDULE_QUEUE_NAME = 'vigil-schedules';

/** The name of every job a schedule's job scheduler produces. */
export const SCHEDULE_JOB_NAME = 'schedule';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** A schedule job's payload (the job scheduler's template data): checked again when a worker takes it. */
const ScheduleJobPayload = Type.Object({
  scheduleId: Type.String({ pattern: UUID }),
  tenantId: Type.String({ pattern: UUID }),
});
export type ScheduleJobPayload = Static<typeof ScheduleJobPayload>;

/**
 * The jobs' options: finished jobs are removed (a failed one is kept a while to be
 * looked at), and a job whose firing failed before its claim (PostgreSQL unreachable)
 * is retried; a retry after the claim finds the occurrence fired and does nothing.
 */
const JOB_OPTIONS: JobSchedulerTemplateOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { count: 100 },
};

type Logger = NonNullable<SchedulerDeps['logger']>;

/**
 * BullMQ's next run of a schedule's job scheduler, computed by croner exactly as the
 * database's `next_run_at` and the API's next runs are (same parser, same time zone
 * rules), rather than by BullMQ's own cron parser: the job of an occurrence arrives when
 * the database says that occurrence is due.
 */
export function cronerRepeatStrategy(millis: number, opts: RepeatOptions): number | undefined {
  if (!opts.pattern) return undefined;
  try {
    return nextOccurrence(opts.pattern, opts.tz ?? 'UTC', new Date(millis))?.getTime();
  } catch {
    // Validated on save; a row changed outside the API gets no next job (the DB poller disables it).
    return undefined;
  }
}

/** The BullMQ job scheduler id of a schedule: its id (a UUID: no `:`). */
export const jobSchedulerId = (scheduleId: string): string => scheduleId;

interface RedisOptionsBase {
  /** Redis URL: `redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS. */
  connection: string;
  /** Redis key prefix (`VIGIL_REDIS_PREFIX`), the same as the scan queue's. Default `vigil`. */
  prefix?: string;
  /** Where Redis connection errors go (the connections reconnect by themselves). */
  onConnectionError?: (err: unknown) => void;
}

function connector(o: RedisOptionsBase) {
  const clients: Redis[] = [];
  const onError = o.onConnectionError ?? (() => undefined);
  return {
    connect(extra: RedisOptions = {}): Redis {
      const client = new Redis(o.connection, { maxRetriesPerRequest: null, ...extra });
      // An 'error' event without a listener would be logged by ioredis on every reconnection attempt.
      client.on('error', onError);
      clients.push(client);
      return client;
    },
    disconnect(): void {
      for (const c of clients) c.disconnect();
    },
  };
}

async function bounded<T>(what: string, ms: number, op: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      op,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: Redis did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ScheduleMirrorOptions extends RedisOptionsBase {
  db: Db;
  logger?: Logger;
  /**
   * How long one Redis operation may take: a schedule change then leaves the mirror to
   * the reconcile, a reconcile gives up until its next pass. Default 3000 ms.
   */
  timeoutMs?: number;
}

/** What a reconcile did, by schedule id. */
export interface ReconcileResult {
  /** Job schedulers created or replaced (missing, different pattern, time zone or data, or without a pending job). */
  upserted: string[];
  /** Job schedulers left as they were (their pending job, possibly of a missed run, stays). */
  kept: string[];
  /** Job schedulers of schedules deleted or disabled. */
  removed: string[];
}

/** The schedules mirrored as BullMQ job schedulers on {@link SCHEDULE_QUEUE_NAME}. */
export interface BullmqScheduleMirror extends ScheduleMirror {
  /**
   * Makes Redis match the database: a job scheduler for every enabled schedule, none
   * for the others. One that matches already is kept untouched, so that its pending
   * job (an occurrence missed while the workers were down) still fires once.
   */
  reconcile(): Promise<ReconcileResult>;
  close(): Promise<void>;
}

/**
 * The producer side of BullMQ mode: mirrors schedules into BullMQ job schedulers
 * (`upsertJobScheduler(id, { pattern, tz }, { name, data })`, `removeJobScheduler`),
 * called by the schedules service after each commit, and reconciles them with the
 * database. A failure to reach Redis is logged as a warning and never thrown.
 */
export function createScheduleMirror(o: ScheduleMirrorOptions): BullmqScheduleMirror {
  const prefix = o.prefix ?? 'vigil';
  const timeoutMs = o.timeoutMs ?? 3000;
  const redis = connector(o);
  // Fail fast while Redis is away (a schedule change must not hang): one retry per command.
  const queue = new Queue<ScheduleJobPayload>(SCHEDULE_QUEUE_NAME, {
    connection: redis.connect({ maxRetriesPerRequest: 1 }),
    prefix,
    settings: { repeatStrategy: cronerRepeatStrategy },
  });
  queue.on('error', o.onConnectionError ?? (() => undefined));
  let closed = false;

  const upsert = async (row: MirroredSchedule): Promise<void> => {
    await queue.upsertJobScheduler(
      jobSchedulerId(row.id),
      { pattern: row.cron, tz: row.time_zone },
      { name: SCHEDULE_JOB_NAME, data: { scheduleId: row.id, tenantId: row.tenant_id }, opts: JOB_OPTIONS },
    );
  };
  const remove = async (id: string): Promise<void> => {
    await queue.removeJobScheduler(jobSchedulerId(id));
  };
  const guarded = async (what: string, scheduleId: string, op: () => Promise<void>): Promise<void> => {
    if (closed) return;
    try {
      await bounded(what, timeoutMs, op());
    } catch (err) {
      o.logger?.warn({ err, scheduleId }, `${what} failed (the change itself is saved); the schedules reconcile repairs it`);
    }
  };
  const matches = async (s: JobSchedulerJson<ScheduleJobPayload>, r: MirroredSchedule): Promise<boolean> => {
    if (s.pattern !== r.cron || (s.tz ?? 'UTC') !== r.time_zone || s.every !== undefined) return false;
    const data = s.template?.data;
    if (data?.scheduleId !== r.id || data.tenantId !== r.tenant_id || s.next === undefined) return false;
    // A job scheduler without its next job (lost, or its iteration failed) would never fire again.
    const state = await bounded('reading a job scheduler\'s next job', timeoutMs, queue.getJobState(`repeat:${s.key}:${s.next}`));
    return state !== 'unknown' && state !== 'completed' && state !== 'failed';
  };

  return {
    async saved(row) {
      if (row.enabled) await guarded('mirroring the schedule into its BullMQ job scheduler', row.id, () => upsert(row));
      else await guarded("removing the disabled schedule's BullMQ job scheduler", row.id, () => remove(row.id));
    },
    async deleted(id) {
      await guarded("removing the deleted schedule's BullMQ job scheduler", id, () => remove(id));
    },
    async reconcile() {
      // Redis first, then the database: a schedule created in between is only in the
      // database's list (upserted once more, harmless), never taken for a stray.
      const existing = new Map((await bounded('listing the job schedulers', timeoutMs, queue.getJobSchedulers(0, -1, true))).map((s) => [s.key, s]));
      const rows = await withSystem(o.db, (trx) => listEnabledSchedules(trx));
      const result: ReconcileResult = { upserted: [], kept: [], removed: [] };
      const wanted = new Set<string>();
      for (const r of rows) {
        const id = jobSchedulerId(r.id);
        wanted.add(id);
        const s = existing.get(id);
        const row = { ...r, enabled: true };
        if (s && (await matches(s, row))) {
          result.kept.push(r.id);
          continue;
        }
        await bounded('upserting a job scheduler', timeoutMs, upsert(row));
        result.upserted.push(r.id);
      }
      for (const id of existing.keys()) {
        if (wanted.has(id)) continue;
        await bounded('removing a job scheduler', timeoutMs, remove(id));
        result.removed.push(id);
      }
      if (result.upserted.length || result.removed.length) {
        o.logger?.info({ upserted: result.upserted.length, removed: result.removed.length, kept: result.kept.length }, 'schedules reconciled with their BullMQ job schedulers');
      }
      return result;
    },
    async close() {
      closed = true;
      try {
        await queue.close();
      } finally {
        redis.disconnect();
      }
    },
  };
}

export interface ScheduleWorkerOptions extends RedisOptionsBase, Pick<SchedulerDeps, 'db' | 'now' | 'createScan' | 'logger'> {
  /** Schedule jobs handled at once by this process. Default 5. */
  concurrency?: number;
  /**
   * How far ahead of this process's clock a job's occurrence may be and still be fired
   * as due (the clocks of the host that promoted the job and of this one differ a
   * little). Default 5000 ms.
   */
  clockSkewMs?: number;
  /** Called with what each job did: the firing, or null when there was nothing to fire. */
  onJob?: (firing: ScheduleFiring | null, job: { id: string | undefined; scheduleId: string }) => void;
}

/** A running schedule worker. */
export interface ScheduleWorker {
  close(): Promise<void>;
}

/**
 * The consumer side of BullMQ mode: a BullMQ Worker on {@link SCHEDULE_QUEUE_NAME} that
 * fires a schedule when a job of its job scheduler arrives, with the same firing as the
 * DB poller ({@link runScheduleIfDue}: outcomes started, queued, skipped or error, the
 * run recorded, an overlapping run queued behind the account's active scan).
 *
 * Exactly once across processes: the job only says which schedule and which occurrence;
 * the database decides. The row is claimed with `next_run_at <= occurrence` under
 * FOR UPDATE SKIP LOCKED and moved to its next occurrence in the same transaction, so a
 * duplicate delivery, a second worker or the DB poller finds nothing to fire.
 */
export function startScheduleWorker(o: ScheduleWorkerOptions): ScheduleWorker {
  const redis = connector(o);
  const skew = o.clockSkewMs ?? 5000;
  const connection = redis.connect();
  const worker = new Worker<ScheduleJobPayload>(
    SCHEDULE_QUEUE_NAME,
    async (job: Job<ScheduleJobPayload>) => {
      if (!Value.Check(ScheduleJobPayload, job.data)) {
        throw new UnrecoverableError(`schedule job ${job.id ?? '?'} has an invalid payload; dropped`);
      }
      const now = o.now().getTime();
      // The occurrence the job stands for (a job scheduler's job carries it as prevMillis).
      const occurrence = typeof job.opts.prevMillis === 'number' ? job.opts.prevMillis : job.timestamp + (job.delay || 0);
      const at = new Date(Math.max(now, Math.min(occurrence, now + skew)));
      const firing = await runScheduleIfDue(o, job.data.scheduleId, at);
      o.onJob?.(firing, { id: job.id, scheduleId: job.data.scheduleId });
      return firing ? { outcome: firing.outcome, scanId: firing.scanId } : { outcome: 'nothing due' };
    },
    {
      connection,
      prefix: o.prefix ?? 'vigil',
      concurrency: Math.max(1, o.concurrency ?? 5),
      // The next iteration of a job scheduler is computed by the worker that takes its job.
      settings: { repeatStrategy: cronerRepeatStrategy },
    },
  );
  worker.on('error', o.onConnectionError ?? (() => undefined));
  worker.on('failed', (job, err) => o.logger?.warn({ err, jobId: job?.id, scheduleId: job?.data.scheduleId }, 'schedule job failed'));
  return {
    async close() {
      try {
        // Waiting for the running jobs needs Redis: without it, a graceful close would
        // wait forever. Forced, a job cut short is delivered again and finds its
        // occurrence claimed (fired once) or still due (fired then).
        await worker.close(connection.status !== 'ready');
      } finally {
        redis.disconnect();
      }
    },
  };
}

export interface BullmqSchedulerOptions extends SchedulerDeps, RedisOptionsBase {
  /** How often the job schedulers are reconciled with the database (also once at start). Default 5 minutes. */
  reconcileIntervalMs?: number;
  /**
   * The DB poller kept as a safety net: every `intervalMs` (default 60 s) it fires the
   * schedules whose run is more than `overdueMs` (default 60 s) late, i.e. that no job
   * fired (Redis unreachable, a job scheduler lost). `false`: no poller.
   */
  safetyNet?: { intervalMs?: number; overdueMs?: number } | false;
  /** Schedule jobs handled at once. Default 5. */
  concurrency?: number;
  /** How long a schedule change waits for Redis. Default 3000 ms. */
  mirrorTimeoutMs?: number;
}

/** BullMQ mode's scheduler: the mirror the schedules service calls, and the loops to stop. */
export interface BullmqScheduler extends Scheduler {
  mirror: BullmqScheduleMirror;
}

/**
 * Schedules in BullMQ mode (`vigil serve` with `REDIS_URL`): each enabled schedule is a
 * BullMQ job scheduler (the returned `mirror`, to be set as the app's `scheduleMirror`),
 * a worker fires their jobs, the job schedulers are reconciled with the database at
 * start and every `reconcileIntervalMs`, and the DB poller runs as a safety net for
 * runs no job fired. Every path claims the schedule row, so each occurrence fires once.
 */
export function startBullmqScheduler(o: BullmqSchedulerOptions): BullmqScheduler {
  const mirror = createScheduleMirror({ ...o, timeoutMs: o.mirrorTimeoutMs });
  const worker = startScheduleWorker(o);
  const reconcileIntervalMs = o.reconcileIntervalMs ?? 300_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const loop = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = mirror
        .reconcile()
        .then(
          () => undefined,
          (err: unknown) => o.logger?.warn({ err }, 'reconciling the schedules with their BullMQ job schedulers failed; retried later'),
        )
        .finally(() => {
          running = undefined;
          loop(reconcileIntervalMs);
        });
    }, delay);
    timer.unref();
  };
  loop(0);
  const net = o.safetyNet === false ? undefined : startScheduler({ ...o, intervalMs: o.safetyNet?.intervalMs ?? 60_000, overdueMs: o.safetyNet?.overdueMs ?? 60_000 });
  return {
    mirror,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await net?.stop();
      await worker.close();
      // Closing the connection first ends a reconcile that waits for an unreachable Redis.
      await mirror.close();
      await running;
    },
  };
}
