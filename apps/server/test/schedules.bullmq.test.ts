import { mkdtempSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withSystem } from '@vigil/db';
import { TEST_POSTGRES_URL } from '@vigil/db/testing';
import type { ScheduleMirror } from '../src/modules/schedules/schedules.mirror.ts';
import { SCHEDULE_JOB_NAME, SCHEDULE_QUEUE_NAME, createScheduleMirror, startBullmqScheduler, startScheduleWorker } from '../src/scheduler/bullmq-schedules.ts';
import type { BullmqScheduleMirror, ScheduleJobPayload, ScheduleWorker } from '../src/scheduler/bullmq-schedules.ts';
import { createScanFromService, runDueSchedules } from '../src/scheduler/scheduler.ts';
import type { ScheduleFiring } from '../src/scheduler/scheduler.ts';
import { startServer } from '../src/serve.ts';
import { createTestApp, seedUser } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';
import { TEST_REDIS_URL, connectTestRedis, deleteKeys, freshPrefix } from './fixtures/redis.ts';

/** Nothing listens here: a scan that reached a worker would fail fast (none does: scans stay pending). */
const DEAD_ENDPOINT = 'http://127.0.0.1:9';
/** Nothing listens here either: a Redis that is down. */
const DEAD_REDIS_URL = 'redis://127.0.0.1:9';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await tick(50);
  }
}

/** A daily cron twelve hours away from now: its runs never come during a test (only the ones a test makes due). */
const FAR_DAILY = `0 ${(new Date().getUTCHours() + 12) % 24} * * *`;

let accounts = 0;
const nextAccount = () => String(300000000000 + ++accounts);

let redis: Redis;
let t: TestApp;
let owner: TestUser;
/** What a test started, stopped and cleaned after it (its own Redis prefix included). */
let cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  redis = await connectTestRedis();
  // The scan worker's sweep must not pick up the pending scans the tests leave behind.
  t = await createTestApp('postgres', new Date(), { worker: { staleAfterMs: 3_600_000 } });
  owner = await seedUser(t);
});
afterEach(async () => {
  delete (t.deps as { scheduleMirror?: ScheduleMirror }).scheduleMirror;
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});
afterAll(async () => {
  await t?.close();
  redis?.disconnect();
});

/** The app's clock on the real time (BullMQ's delays are on the real time). */
const syncClock = () => t.advance(Date.now() - t.deps.now().getTime());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: owner.authorization }, ...(payload ? { payload } : {}) });

async function provider(): Promise<string> {
  const r = await call('POST', '/providers', {
    kind: 'aws',
    accountId: nextAccount(),
    auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'fake-secret-access-key-000000' },
    endpointUrl: DEAD_ENDPOINT,
  });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
}

async function createSchedule(body: Record<string, unknown>): Promise<{ id: string; nextRunAt: string | null; nextRuns: string[] }> {
  syncClock();
  const r = await call('POST', '/schedules', { providerId: await provider(), name: 'bullmq', ...body });
  expect(r.statusCode).toBe(201);
  return r.json();
}

/** A fresh Redis prefix for the test, its keys deleted after it, and a queue to look into it. */
function redisSpace(): { prefix: string; queue: Queue<ScheduleJobPayload> } {
  const prefix = freshPrefix('schedules');
  const queue = new Queue<ScheduleJobPayload>(SCHEDULE_QUEUE_NAME, { connection: redis, prefix });
  cleanup.push(async () => {
    await queue.close();
    await deleteKeys(redis, prefix);
  });
  return { prefix, queue };
}

/** A mirror on `prefix`, set as the app's (the schedules routes call it after each commit). */
function attachMirror(prefix: string, o: { connection?: string; timeoutMs?: number; warnings?: string[] } = {}): BullmqScheduleMirror {
  const mirror = createScheduleMirror({
    connection: o.connection ?? TEST_REDIS_URL,
    prefix,
    db: t.db,
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
    logger: { info: () => undefined, error: () => undefined, warn: (_obj: unknown, msg?: string) => void o.warnings?.push(msg ?? '') },
  });
  (t.deps as { scheduleMirror?: ScheduleMirror }).scheduleMirror = mirror;
  cleanup.push(() => mirror.close());
  return mirror;
}

/** A schedule worker ("another process": its own Redis connections), on the app's clock unless told. */
function worker(prefix: string, seen: (ScheduleFiring | null)[], now: () => Date = t.deps.now): ScheduleWorker {
  const w = startScheduleWorker({
    connection: TEST_REDIS_URL,
    prefix,
    db: t.db,
    now,
    // No queue: scans stay pending.
    createScan: createScanFromService({ db: t.db }),
    onJob: (f) => void seen.push(f),
  });
  cleanup.push(() => w.close());
  return w;
}

const scansOf = async (scheduleId: string) => {
  const s = await withSystem(t.db, (trx) => trx.selectFrom('schedules').select('provider_id').where('id', '=', scheduleId).executeTakeFirstOrThrow());
  return withSystem(t.db, (trx) => trx.selectFrom('scans').select(['id', 'state', 'trigger']).where('provider_id', '=', s.provider_id).execute());
};

describe('schedules in BullMQ mode', () => {
  it('mirrors the schedules created, changed and deleted through the API as BullMQ job schedulers', async () => {
    const { prefix, queue } = redisSpace();
    attachMirror(prefix);

    const s = await createSchedule({ cron: '0 3 * * *', timeZone: 'Europe/Paris' });
    const js = await queue.getJobScheduler(s.id);
    expect(js).toMatchObject({
      key: s.id,
      name: SCHEDULE_JOB_NAME,
      pattern: '0 3 * * *',
      tz: 'Europe/Paris',
      template: { data: { scheduleId: s.id, tenantId: owner.tenantId } },
    });
    // BullMQ's next job is the API's next run (both computed by croner, in the time zone).
    expect(s.nextRuns.slice(0, 2)).toContain(new Date(js!.next!).toISOString());
    const pending = `repeat:${s.id}:${js!.next}`;
    expect(await queue.getJobState(pending)).toBe('delayed');

    // A name change leaves the job scheduler and its pending job alone.
    expect((await call('PATCH', `/schedules/${s.id}`, { name: 'renamed' })).statusCode).toBe(200);
    expect((await queue.getJobScheduler(s.id))?.next).toBe(js!.next);
    expect(await queue.getJobState(pending)).toBe('delayed');

    // New timing: the job scheduler follows.
    const changed = (await call('PATCH', `/schedules/${s.id}`, { cron: '30 6 * * MON-FRI', timeZone: 'America/New_York' })).json();
    const js2 = await queue.getJobScheduler(s.id);
    expect(js2).toMatchObject({ pattern: '30 6 * * MON-FRI', tz: 'America/New_York' });
    expect(changed.nextRuns.slice(0, 2)).toContain(new Date(js2!.next!).toISOString());
    expect(await queue.getJobState(pending)).toBe('unknown');

    // Disabled: no job scheduler, no pending job; enabled again: back.
    expect((await call('PATCH', `/schedules/${s.id}`, { enabled: false })).json().enabled).toBe(false);
    expect(await queue.getJobScheduler(s.id)).toBeUndefined();
    expect(await queue.getJobState(`repeat:${s.id}:${js2!.next}`)).toBe('unknown');
    expect((await call('PATCH', `/schedules/${s.id}`, { enabled: true })).statusCode).toBe(200);
    expect(await queue.getJobScheduler(s.id)).toMatchObject({ pattern: '30 6 * * MON-FRI', tz: 'America/New_York' });

    // Nicknames work as in the API; a schedule created disabled has none.
    const daily = await createSchedule({ cron: '@daily' });
    const jsDaily = await queue.getJobScheduler(daily.id);
    expect(jsDaily).toMatchObject({ pattern: '@daily', tz: 'UTC' });
    expect(daily.nextRuns.slice(0, 2)).toContain(new Date(jsDaily!.next!).toISOString());
    const off = await createSchedule({ cron: '@hourly', enabled: false });
    expect(await queue.getJobScheduler(off.id)).toBeUndefined();

    // Deleted: gone with its pending job.
    expect((await call('DELETE', `/schedules/${s.id}`)).statusCode).toBe(204);
    expect(await queue.getJobScheduler(s.id)).toBeUndefined();
    expect(await queue.getJobSchedulersCount()).toBe(1);
  });

  it('fires an occurrence once: the same job delivered three times to two workers while the DB poller runs', async () => {
    const { prefix, queue } = redisSpace();
    attachMirror(prefix);
    const s = await createSchedule({ cron: '* * * * *' });
    const occurrence = (await queue.getJobScheduler(s.id))!.next!;
    const seen: (ScheduleFiring | null)[] = [];
    worker(prefix, seen);
    worker(prefix, seen);

    // Time comes to the occurrence: the app's clock moves there and BullMQ's delayed job is
    // promoted (what BullMQ does by itself once the real time gets there), and the same
    // occurrence is delivered twice more (a redelivery, another producer).
    t.advance(occurrence - t.deps.now().getTime());
    for (const jobId of ['duplicate-1', 'duplicate-2']) {
      await queue.add(SCHEDULE_JOB_NAME, { scheduleId: s.id, tenantId: owner.tenantId }, { jobId, prevMillis: occurrence });
    }
    await (await queue.getJob(`repeat:${s.id}:${occurrence}`))!.promote();
    // The DB poller (a server without Redis, or BullMQ mode's safety net at its shortest) at the same instant.
    const createScan = createScanFromService({ db: t.db });
    const polled = await Promise.all([runDueSchedules({ db: t.db, now: t.deps.now, createScan }), runDueSchedules({ db: t.db, now: t.deps.now, createScan })]);
    await until('the three jobs to be handled', () => seen.length === 3);

    const firings = [...seen.filter((f) => f !== null), ...polled.flat().filter((f) => f.scheduleId === s.id)];
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({ scheduleId: s.id, tenantId: owner.tenantId, outcome: 'started', error: null });
    expect(await scansOf(s.id)).toEqual([{ id: firings[0]!.scanId, state: 'pending', trigger: 'schedule' }]);
    const after = (await call('GET', `/schedules/${s.id}`)).json();
    expect(after.lastRun).toMatchObject({ at: new Date(occurrence).toISOString(), outcome: 'started', scanId: firings[0]!.scanId });
    // The next run, in the database and in BullMQ: the next minute.
    expect(after.nextRunAt).toBe(new Date(occurrence + 60_000).toISOString());
    expect((await queue.getJobScheduler(s.id))?.next).toBe(occurrence + 60_000);
  });

  it('a job that arrives before its occurrence, or for a schedule disabled or deleted meanwhile, fires nothing', async () => {
    const { prefix, queue } = redisSpace();
    attachMirror(prefix);
    const s = await createSchedule({ cron: FAR_DAILY });
    const gone = await createSchedule({ cron: FAR_DAILY });
    const off = await createSchedule({ cron: FAR_DAILY });
    const seen: (ScheduleFiring | null)[] = [];
    worker(prefix, seen);
    // A stray job (a stale mirror, a job added by hand) for each, now: hours before their run.
    expect((await call('DELETE', `/schedules/${gone.id}`)).statusCode).toBe(204);
    expect((await call('PATCH', `/schedules/${off.id}`, { enabled: false })).statusCode).toBe(200);
    for (const id of [s.id, gone.id, off.id]) await queue.add(SCHEDULE_JOB_NAME, { scheduleId: id, tenantId: owner.tenantId }, { jobId: `stray-${id}` });
    await until('the three jobs to be handled', () => seen.length === 3);
    expect(seen).toEqual([null, null, null]);
    expect(await scansOf(s.id)).toEqual([]);
    expect((await call('GET', `/schedules/${s.id}`)).json()).toMatchObject({ lastRun: null, nextRunAt: s.nextRunAt });
  });

  it('fires a run missed while no worker ran once, when a worker comes back (BullMQ on its own, real time)', async () => {
    const { prefix, queue } = redisSpace();
    attachMirror(prefix);
    const s = await createSchedule({ cron: '* * * * *' });
    const occurrence = (await queue.getJobScheduler(s.id))!.next!;
    // Nothing consumes the queue while the occurrence passes.
    await until('the occurrence to pass', () => Date.now() > occurrence + 1000, 75_000);
    expect(await scansOf(s.id)).toEqual([]);

    const seen: (ScheduleFiring | null)[] = [];
    const realTime = () => new Date();
    worker(prefix, seen, realTime);
    worker(prefix, seen, realTime);
    await until('the missed run to fire', () => seen.length > 0, 30_000);
    expect(seen[0]).toMatchObject({ scheduleId: s.id, outcome: 'started' });
    const scans = await scansOf(s.id);
    expect(scans).toEqual([{ id: seen[0]!.scanId, state: 'pending', trigger: 'schedule' }]);
    const after = (await call('GET', `/schedules/${s.id}`)).json();
    expect(after.lastRun).toMatchObject({ outcome: 'started', scanId: seen[0]!.scanId });
    // The next run is after the recovery, in the database and in BullMQ alike.
    expect(Date.parse(after.nextRunAt)).toBeGreaterThan(Date.parse(after.lastRun.at));
    expect((await queue.getJobScheduler(s.id))?.next).toBe(Date.parse(after.nextRunAt));
  }, 120_000);

  it('reconcile re-creates lost job schedulers, removes those of deleted or disabled schedules and keeps the others untouched', async () => {
    const { prefix, queue } = redisSpace();
    const mirror = attachMirror(prefix);
    const lost = await createSchedule({ cron: '0 5 * * *' });
    const intact = await createSchedule({ cron: '@hourly', timeZone: 'Asia/Tokyo' });
    const disabled = await createSchedule({ cron: '0 5 * * *', enabled: false });
    const intactNext = (await queue.getJobScheduler(intact.id))!.next!;

    // Redis lost one; two strays: a disabled schedule's and a deleted one's (mirrored while Redis was away).
    await queue.removeJobScheduler(lost.id);
    for (const id of [disabled.id, randomUUID()]) {
      await queue.upsertJobScheduler(id, { pattern: '0 5 * * *', tz: 'UTC' }, { name: SCHEDULE_JOB_NAME, data: { scheduleId: id, tenantId: owner.tenantId } });
    }
    const strays = (await queue.getJobSchedulers()).map((j) => j.key).filter((k) => k !== intact.id);

    const result = await mirror.reconcile();
    expect(result.upserted).toContain(lost.id);
    expect(result.kept).toContain(intact.id);
    expect(result.removed.sort()).toEqual(strays.sort());
    expect(await queue.getJobScheduler(lost.id)).toMatchObject({ pattern: '0 5 * * *', tz: 'UTC', template: { data: { scheduleId: lost.id, tenantId: owner.tenantId } } });
    expect(await queue.getJobScheduler(disabled.id)).toBeUndefined();
    // Untouched: the same pending job (had it been a missed run, it would still fire).
    expect((await queue.getJobScheduler(intact.id))?.next).toBe(intactNext);
    expect(await queue.getJobState(`repeat:${intact.id}:${intactNext}`)).toBe('delayed');

    // A job scheduler whose pending job vanished would never fire again: re-created.
    // (BullMQ refuses to remove a job scheduler's job: its keys are deleted as a partial loss would.)
    const lostJob = `repeat:${intact.id}:${intactNext}`;
    await redis.zrem(`${prefix}:${SCHEDULE_QUEUE_NAME}:delayed`, lostJob);
    await redis.del(`${prefix}:${SCHEDULE_QUEUE_NAME}:${lostJob}`);
    expect(await queue.getJobState(lostJob)).toBe('unknown');
    expect((await mirror.reconcile()).upserted).toContain(intact.id);
    expect(await queue.getJobState(`repeat:${intact.id}:${(await queue.getJobScheduler(intact.id))!.next}`)).toBe('delayed');

    // Everything lost (a flushed Redis): all back.
    await deleteKeys(redis, prefix);
    const again = await mirror.reconcile();
    expect(again.upserted).toEqual(expect.arrayContaining([lost.id, intact.id]));
    for (const id of [lost.id, intact.id]) expect(await queue.getJobScheduler(id)).toBeDefined();
    // A second pass finds nothing to do.
    const third = await mirror.reconcile();
    expect(third.upserted).toEqual([]);
    expect(third.removed).toEqual([]);
  });

  it('does not fail schedule changes while Redis is unreachable; the reconcile repairs the mirror', async () => {
    const warnings: string[] = [];
    // BullMQ mode with a Redis that is down (nothing listens there).
    const down = startBullmqScheduler({
      db: t.db,
      now: () => new Date(),
      createScan: createScanFromService({ db: t.db }),
      connection: DEAD_REDIS_URL,
      prefix: freshPrefix('schedules-down'),
      mirrorTimeoutMs: 300,
      safetyNet: false,
      logger: { info: () => undefined, error: () => undefined, warn: (_obj: unknown, msg?: string) => void warnings.push(msg ?? '') },
    });
    (t.deps as { scheduleMirror?: ScheduleMirror }).scheduleMirror = down.mirror;
    try {
      const s = await createSchedule({ cron: '0 6 * * *' });
      expect((await call('PATCH', `/schedules/${s.id}`, { cron: '15 6 * * *' })).statusCode).toBe(200);
      const doomed = await createSchedule({ cron: '0 6 * * *' });
      expect((await call('DELETE', `/schedules/${doomed.id}`)).statusCode).toBe(204);
      expect(warnings.filter((w) => w.includes('the schedules reconcile repairs it'))).toHaveLength(4);

      // Redis is back (here: a reachable one): the reconcile mirrors what the database holds.
      const { prefix, queue } = redisSpace();
      const mirror = attachMirror(prefix);
      await mirror.reconcile();
      expect(await queue.getJobScheduler(s.id)).toMatchObject({ pattern: '15 6 * * *', tz: 'UTC' });
      expect(await queue.getJobScheduler(doomed.id)).toBeUndefined();
    } finally {
      // Stopping does not wait for the Redis that never answered.
      await down.stop();
    }
  });

  it('startBullmqScheduler reconciles at start, fires through its worker, and its DB safety net fires a run no job fired', async () => {
    const { prefix, queue } = redisSpace();
    // Created while nothing was mirrored (Redis lost it); its run came ten minutes ago while nothing ran.
    const overdue = await createSchedule({ cron: FAR_DAILY });
    await withSystem(t.db, (trx) => trx.updateTable('schedules').set({ next_run_at: new Date(Date.now() - 600_000) }).where('id', '=', overdue.id).execute());

    const scheduler = startBullmqScheduler({
      db: t.db,
      now: () => new Date(),
      createScan: createScanFromService({ db: t.db }),
      connection: TEST_REDIS_URL,
      prefix,
      reconcileIntervalMs: 3_600_000,
      safetyNet: { intervalMs: 3_600_000, overdueMs: 60_000 },
    });
    cleanup.push(() => scheduler.stop());
    // The safety net's first pass fires the overdue run at once; the start-up reconcile mirrors it.
    await until('the overdue run to fire', async () => (await scansOf(overdue.id)).length > 0);
    await until('the start-up reconcile', async () => (await queue.getJobScheduler(overdue.id)) !== undefined);
    expect(await scansOf(overdue.id)).toHaveLength(1);
    const after = (await call('GET', `/schedules/${overdue.id}`)).json();
    expect(after.lastRun).toMatchObject({ outcome: 'started' });
    expect(Date.parse(after.nextRunAt)).toBeGreaterThan(Date.now());

    // Its mirror serves the API: a new schedule gets its job scheduler, and its worker fires the job.
    (t.deps as { scheduleMirror?: ScheduleMirror }).scheduleMirror = scheduler.mirror;
    const s = await createSchedule({ cron: FAR_DAILY });
    const next = (await queue.getJobScheduler(s.id))!.next!;
    // Its run comes: the database says it is due, and BullMQ delivers its job (promoted rather than awaited for hours).
    await withSystem(t.db, (trx) => trx.updateTable('schedules').set({ next_run_at: new Date(Date.now() - 1000) }).where('id', '=', s.id).execute());
    await (await queue.getJob(`repeat:${s.id}:${next}`))!.promote();
    await until('the job to fire the schedule', async () => (await scansOf(s.id)).length > 0);
    expect(await scansOf(s.id)).toHaveLength(1);
    expect((await call('GET', `/schedules/${s.id}`)).json().lastRun).toMatchObject({ outcome: 'started' });
  });

  it('vigil serve with REDIS_URL mirrors the schedules of its API into job schedulers', async () => {
    const name = `vigil_test_sched_${Date.now()}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const { prefix, queue } = redisSpace();
    try {
      const server = await startServer({
        port: 0,
        host: '127.0.0.1',
        dataDir: mkdtempSync(join(tmpdir(), 'vigil-serve-')),
        databaseUrl: TEST_POSTGRES_URL.replace(/\/[^/]*$/, `/${name}`),
        redisUrl: TEST_REDIS_URL,
        redisPrefix: prefix,
        logLevel: 'silent',
      });
      try {
        const api = async (method: string, path: string, body: object, token?: string) => {
          const r = await fetch(`${server.url}/api/v1${path}`, {
            method,
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify(body),
          });
          return { status: r.status, body: (await r.json()) as Record<string, unknown> };
        };
        const signup = await api('POST', '/auth/signup', { email: `s-${Date.now()}@example.test`, password: 'a long passphrase here', tenantName: 'Sched' });
        expect(signup.status).toBe(201);
        const token = signup.body.accessToken as string;
        const p = await api(
          'POST',
          '/providers',
          { kind: 'aws', accountId: nextAccount(), auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'fake-secret-access-key-000000' }, endpointUrl: DEAD_ENDPOINT },
          token,
        );
        expect(p.status).toBe(201);
        const s = await api('POST', '/schedules', { providerId: p.body.id, name: 'served', cron: '0 8 * * *', timeZone: 'Europe/Paris' }, token);
        expect(s.status).toBe(201);
        expect(await queue.getJobScheduler(s.body.id as string)).toMatchObject({ pattern: '0 8 * * *', tz: 'Europe/Paris' });
      } finally {
        await server.close();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
