import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSystem } from '@vigil/db';
import { createScansService } from '../src/modules/scans/scans.service.ts';
import { createSchedulesService } from '../src/modules/schedules/schedules.service.ts';
import { createScanFromService, runDueSchedules, runScheduleIfDue } from '../src/scheduler/scheduler.ts';
import type { CreateScheduledScan, ScheduleFiring, SchedulerDeps } from '../src/scheduler/scheduler.ts';
import { TEST_ENGINES, createTestApp, seedUser } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';

const CHECK = 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22';
/** Nothing listens here: scans that reach a worker fail fast. */
const DEAD_ENDPOINT = 'http://127.0.0.1:9';

let accounts = 0;
const nextAccount = () => String(200000000000 + ++accounts);

describe.each(TEST_ENGINES)('schedules on %s', (engine) => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;
  let member: TestUser;
  let reader: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    // The worker's sweep must not pick up the pending scans the scheduler tests leave behind.
    t = await createTestApp(engine, undefined, { worker: { staleAfterMs: 3_600_000 } });
    owner = await seedUser(t);
    admin = await seedUser(t, { role: 'admin', tenantId: owner.tenantId });
    member = await seedUser(t, { role: 'member', tenantId: owner.tenantId });
    reader = await seedUser(t, { role: 'read_only', tenantId: owner.tenantId });
    other = await seedUser(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: user.authorization }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  const provider = async (user: TestUser = owner): Promise<string> => {
    const r = await call(user, 'POST', '/providers', {
      kind: 'aws',
      accountId: nextAccount(),
      auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'fake-secret-access-key-000000' },
      endpointUrl: DEAD_ENDPOINT,
    });
    expect(r.statusCode).toBe(201);
    return r.json().id as string;
  };

  /** A scheduler pass and a schedules service on a clock of the test's own. */
  const clockAt = (iso: string) => {
    const clock = { now: new Date(iso) };
    const now = () => clock.now;
    const schedules = createSchedulesService({ db: t.db, now });
    // No queue: scans stay pending, so the one-active-scan lock is what the test sees.
    const created: string[] = [];
    const real = createScanFromService({ db: t.db });
    const createScan: CreateScheduledScan = async (...args) => {
      const scan = await real(...args);
      created.push(scan.id);
      return scan;
    };
    const run = (extra: Partial<Pick<SchedulerDeps, 'createScan' | 'overdueMs'>> = {}) => runDueSchedules({ db: t.db, now, createScan, ...extra });
    const at = (iso2: string) => void (clock.now = new Date(iso2));
    return { clock, now, at, schedules, created, createScan, run };
  };

  const scanRow = (id: string) => withSystem(t.db, (trx) => trx.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  const scansOf = (providerId: string) =>
    withSystem(t.db, (trx) => trx.selectFrom('scans').select(['id', 'state', 'trigger']).where('provider_id', '=', providerId).orderBy('created_at').execute());

  describe('API', () => {
    it('creates, lists, reads, updates and deletes a schedule, with its next runs in its time zone', async () => {
      const providerId = await provider();
      const created = await call(admin, 'POST', '/schedules', {
        providerId,
        name: 'nightly',
        cron: '0  9 * *   *',
        timeZone: 'America/New_York',
        scope: { checks: [CHECK] },
      });
      expect(created.statusCode).toBe(201);
      const s = created.json();
      expect(created.headers.location).toBe(`/api/v1/schedules/${s.id}`);
      // The test clock is 2026-11-01T12:00Z, 07:00 EST: 09:00 New York time is 14:00 UTC.
      expect(s).toMatchObject({
        providerId,
        name: 'nightly',
        cron: '0 9 * * *',
        timeZone: 'America/New_York',
        scope: { checks: [CHECK] },
        enabled: true,
        nextRunAt: '2026-11-01T14:00:00.000Z',
        nextRuns: ['2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z', '2026-11-03T14:00:00.000Z', '2026-11-04T14:00:00.000Z', '2026-11-05T14:00:00.000Z'],
        lastRun: null,
        createdBy: admin.userId,
      });

      const second = (await call(owner, 'POST', '/schedules', { providerId, name: 'hourly', cron: '@hourly' })).json();
      expect(second).toMatchObject({ timeZone: 'UTC', scope: {}, nextRunAt: '2026-11-01T13:00:00.000Z' });

      // Cursor pagination to the end.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await call(reader, 'GET', `/schedules?limit=1&providerId=${providerId}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.statusCode).toBe(200);
        const body = page.json();
        expect(body.items.length).toBeLessThanOrEqual(1);
        seen.push(...body.items.map((x: { id: string }) => x.id));
        cursor = body.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual([s.id, second.id].sort());

      expect((await call(reader, 'GET', `/schedules/${s.id}`)).json()).toMatchObject({ id: s.id, nextRuns: s.nextRuns });

      const renamed = await call(admin, 'PATCH', `/schedules/${s.id}`, { name: 'renamed', timeZone: 'Europe/Paris' });
      expect(renamed.statusCode).toBe(200);
      // 09:00 in Paris (CET, UTC+1) is 08:00 UTC: the next one after 12:00Z is tomorrow's.
      expect(renamed.json()).toMatchObject({ name: 'renamed', timeZone: 'Europe/Paris', nextRunAt: '2026-11-02T08:00:00.000Z' });

      const disabled = (await call(admin, 'PATCH', `/schedules/${s.id}`, { enabled: false })).json();
      expect(disabled).toMatchObject({ enabled: false, nextRunAt: null, nextRuns: [] });
      expect((await call(reader, 'GET', `/schedules?enabled=false&providerId=${providerId}`)).json().items.map((x: { id: string }) => x.id)).toEqual([s.id]);
      const enabled = (await call(admin, 'PATCH', `/schedules/${s.id}`, { enabled: true })).json();
      expect(enabled).toMatchObject({ enabled: true, nextRunAt: '2026-11-02T08:00:00.000Z' });

      expect((await call(admin, 'DELETE', `/schedules/${s.id}`)).statusCode).toBe(204);
      expect((await call(admin, 'GET', `/schedules/${s.id}`)).statusCode).toBe(404);
      expect((await call(admin, 'DELETE', `/schedules/${s.id}`)).statusCode).toBe(404);
    });

    it('answers 400 naming the field for a bad cron expression, time zone or scope', async () => {
      const providerId = await provider();
      const post = (body: Record<string, unknown>) => call(admin, 'POST', '/schedules', { providerId, name: 'x', cron: '0 3 * * *', ...body });
      for (const cron of ['61 * * * *', 'every day', '0 0 * * * *', '2026-12-01T00:00:00', '0 0 31 2 *']) {
        const r = await post({ cron });
        expect(r.statusCode, cron).toBe(400);
        expect(r.json(), cron).toMatchObject({ code: 'VALIDATION', details: { field: 'cron' } });
        expect(r.json().message, cron).toContain(`body/cron "${cron}"`);
      }
      for (const timeZone of ['Mars/Olympus_Mons', '+01:00', 'not a zone']) {
        const r = await post({ timeZone });
        expect(r.statusCode, timeZone).toBe(400);
        expect(r.json(), timeZone).toMatchObject({ code: 'VALIDATION', details: { field: 'timeZone' } });
      }
      const scope = await post({ scope: { checks: ['no_such_check'] } });
      expect(scope.statusCode).toBe(400);
      expect(scope.json()).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'scope' } });
      expect((await post({ scope: { regions: ['mars-1'] } })).statusCode).toBe(400);
      expect((await post({ unknown: true })).statusCode).toBe(400);
      expect((await post({ providerId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);

      const ok = (await post({})).json();
      const patched = await call(admin, 'PATCH', `/schedules/${ok.id}`, { cron: '* * *' });
      expect(patched.statusCode).toBe(400);
      expect(patched.json()).toMatchObject({ code: 'VALIDATION', details: { field: 'cron' } });
      expect((await call(admin, 'PATCH', `/schedules/${ok.id}`, { scope: { services: ['nope'] } })).json()).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'scope' } });
      expect((await call(admin, 'PATCH', `/schedules/${ok.id}`, {})).statusCode).toBe(400);
      // Nothing changed.
      expect((await call(admin, 'GET', `/schedules/${ok.id}`)).json()).toMatchObject({ cron: '0 3 * * *', scope: {} });
    });

    it('lets every role read and only admins and owners write', async () => {
      const providerId = await provider();
      const body = { providerId, name: 'roles', cron: '@daily' };
      for (const user of [member, reader]) {
        const r = await call(user, 'POST', '/schedules', body);
        expect(r.statusCode).toBe(403);
        expect(r.json().code).toBe('FORBIDDEN');
      }
      const s = (await call(owner, 'POST', '/schedules', body)).json();
      for (const user of [member, reader]) {
        expect((await call(user, 'GET', `/schedules/${s.id}`)).statusCode).toBe(200);
        expect((await call(user, 'GET', '/schedules')).statusCode).toBe(200);
        expect((await call(user, 'PATCH', `/schedules/${s.id}`, { name: 'no' })).statusCode).toBe(403);
        expect((await call(user, 'DELETE', `/schedules/${s.id}`)).statusCode).toBe(403);
      }
      expect((await call(admin, 'PATCH', `/schedules/${s.id}`, { name: 'yes' })).statusCode).toBe(200);
    });

    it("keeps tenants apart: another tenant's schedules and providers are 404", async () => {
      const providerId = await provider();
      const s = (await call(owner, 'POST', '/schedules', { providerId, name: 'mine', cron: '@daily' })).json();
      expect((await call(other, 'GET', `/schedules/${s.id}`)).statusCode).toBe(404);
      expect((await call(other, 'PATCH', `/schedules/${s.id}`, { name: 'theirs' })).statusCode).toBe(404);
      expect((await call(other, 'DELETE', `/schedules/${s.id}`)).statusCode).toBe(404);
      expect((await call(other, 'GET', '/schedules')).json().items).toEqual([]);
      const foreign = await call(other, 'POST', '/schedules', { providerId, name: 'steal', cron: '@daily' });
      expect(foreign.statusCode).toBe(404);
      const otherProvider = await provider(other);
      const theirs = (await call(other, 'POST', '/schedules', { providerId: otherProvider, name: 'theirs', cron: '@daily' })).json();
      expect((await call(owner, 'PATCH', `/schedules/${s.id}`, { providerId: otherProvider })).statusCode).toBe(404);
      expect((await call(owner, 'GET', `/schedules/${theirs.id}`)).statusCode).toBe(404);
      expect((await call(owner, 'GET', `/schedules/${s.id}`)).json().name).toBe('mine');
    });

    it('goes away with its provider', async () => {
      const providerId = await provider();
      const s = (await call(owner, 'POST', '/schedules', { providerId, name: 'gone', cron: '@daily' })).json();
      expect((await call(owner, 'DELETE', `/providers/${providerId}`)).statusCode).toBe(204);
      expect((await call(owner, 'GET', `/schedules/${s.id}`)).statusCode).toBe(404);
    });
  });

  describe('scheduler', () => {
    it('fires a due schedule exactly once and records the run', async () => {
      const c = clockAt('2026-06-01T10:10:00Z');
      const providerId = await provider();
      const s = await c.schedules.create(owner.tenantId, owner.userId, { providerId, name: 'hourly scan', cron: '0 * * * *', scope: { checks: [CHECK] } });
      const off = await c.schedules.create(owner.tenantId, owner.userId, { providerId, name: 'off', cron: '* * * * *', enabled: false });
      expect(s.nextRunAt).toBe('2026-06-01T11:00:00.000Z');

      c.at('2026-06-01T10:59:59.999Z');
      expect((await c.run()).filter((f) => f.scheduleId === s.id)).toEqual([]);

      c.at('2026-06-01T11:00:00Z');
      const fired = (await c.run()).filter((f) => f.scheduleId === s.id || f.scheduleId === off.id);
      expect(fired).toHaveLength(1);
      expect(fired[0]).toMatchObject({ scheduleId: s.id, tenantId: owner.tenantId, outcome: 'started', error: null });
      const scan = await scanRow(fired[0]!.scanId!);
      expect(scan).toMatchObject({ provider_id: providerId, state: 'pending', trigger: 'schedule', name: 'hourly scan', scope: { checks: [CHECK] }, created_by: owner.userId });

      c.at('2026-06-01T11:00:30Z');
      expect((await c.run()).filter((f) => f.scheduleId === s.id)).toEqual([]);
      expect((await scansOf(providerId)).length).toBe(1);

      const after = await c.schedules.get(owner.tenantId, s.id);
      expect(after).toMatchObject({
        nextRunAt: '2026-06-01T12:00:00.000Z',
        lastRun: { at: '2026-06-01T11:00:00.000Z', outcome: 'started', scanId: scan.id, error: null },
      });
      // The API shows the same run.
      expect((await call(reader, 'GET', `/schedules/${s.id}`)).json().lastRun).toEqual(after.lastRun);
      // Deleting the scan keeps the run, without its scan.
      expect((await call(owner, 'PATCH', `/scans/${scan.id}`, { cancel: true })).statusCode).toBe(200);
      expect((await call(owner, 'DELETE', `/scans/${scan.id}`)).statusCode).toBe(204);
      expect((await c.schedules.get(owner.tenantId, s.id)).lastRun).toMatchObject({ outcome: 'started', scanId: null });
    });

    it('computes the next run in its time zone across a daylight-saving change', async () => {
      // New York springs forward on 2026-03-08: 02:00 EST becomes 03:00 EDT, so 02:30 does not exist that day.
      const c = clockAt('2026-03-06T12:00:00Z');
      const providerId = await provider();
      const s = await c.schedules.create(owner.tenantId, owner.userId, { providerId, name: 'dst', cron: '30 2 * * *', timeZone: 'America/New_York' });
      expect(s.nextRuns).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z', '2026-03-11T06:30:00.000Z']);
      const seen: string[] = [];
      for (const at of ['2026-03-07T07:30:00Z', '2026-03-08T07:00:00Z', '2026-03-09T06:30:00Z']) {
        c.at(at);
        const mine = (await c.run()).filter((f) => f.scheduleId === s.id);
        expect(mine, at).toHaveLength(1);
        const row = await c.schedules.get(owner.tenantId, s.id);
        expect(row.lastRun?.at).toBe(new Date(at).toISOString());
        seen.push(row.nextRunAt!);
      }
      // 02:30 EST is 07:30Z; on the day of the gap it runs at 03:00 EDT (07:00Z); then 02:30 EDT is 06:30Z.
      expect(seen).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z']);

      // Falling back on 2026-11-01, 01:30 happens twice: it runs once.
      const fall = clockAt('2026-10-31T12:00:00Z');
      const f = await fall.schedules.create(owner.tenantId, owner.userId, { providerId, name: 'fall', cron: '30 1 * * *', timeZone: 'America/New_York' });
      expect(f.nextRuns.slice(0, 3)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z', '2026-11-03T06:30:00.000Z']);
    });

    it('fires runs missed while nothing ran once on recovery, not once per missed occurrence', async () => {
      const c = clockAt('2026-06-02T10:10:00Z');
      const providerId = await provider();
      const s = await c.schedules.create(owner.tenantId, owner.userId, { providerId, name: 'every 15 min', cron: '*/15 * * * *' });
      // Down from 10:10 to 15:20: twenty occurrences missed.
      c.at('2026-06-02T15:20:00Z');
      const fired = (await c.run()).filter((f) => f.scheduleId === s.id);
      expect(fired).toHaveLength(1);
      expect(fired[0]?.outcome).toBe('started');
      expect(await scansOf(providerId)).toHaveLength(1);
      expect((await c.schedules.get(owner.tenantId, s.id)).nextRunAt).toBe('2026-06-02T15:30:00.000Z');
      c.at('2026-06-02T15:29:00Z');
      expect((await c.run()).filter((f) => f.scheduleId === s.id)).toEqual([]);
    });

    it('fires once when two passes run at the same time', async () => {
      const c = clockAt('2026-06-03T10:10:00Z');
      const ids: string[] = [];
      const providers: string[] = [];
      for (let i = 0; i < 5; i++) {
        const providerId = await provider();
        providers.push(providerId);
        ids.push((await c.schedules.create(owner.tenantId, owner.userId, { providerId, name: `concurrent ${i}`, cron: '0 11 * * *' })).id);
      }
      c.at('2026-06-03T11:00:00Z');
      const [a, b] = await Promise.all([c.run(), c.run()]);
      const mine = (fs: ScheduleFiring[]) => fs.filter((f) => ids.includes(f.scheduleId));
      const all = [...mine(a!), ...mine(b!)];
      expect(all.map((f) => f.scheduleId).sort()).toEqual([...ids].sort());
      expect(all.every((f) => f.outcome === 'started')).toBe(true);
      for (const p of providers) expect(await scansOf(p)).toHaveLength(1);
    });

    it('fires one schedule by id once when it is due (how a BullMQ job fires it), however many times it is asked', async () => {
      const c = clockAt('2026-06-07T10:10:00Z');
      const providerId = await provider();
      const s = await c.schedules.create(owner.tenantId, owner.userId, { providerId, name: 'by id', cron: '0 11 * * *' });
      const byId = (at: string) => runScheduleIfDue({ db: t.db, createScan: c.createScan }, s.id, new Date(at));
      // Not due yet (a job early or stale), disabled, or unknown: nothing.
      expect(await byId('2026-06-07T10:59:59Z')).toBeNull();
      expect(await runScheduleIfDue({ db: t.db, createScan: c.createScan }, '00000000-0000-4000-8000-000000000000', new Date('2026-06-07T11:00:00Z'))).toBeNull();

      // Due: three deliveries and a DB poller pass at the same time fire it once.
      c.at('2026-06-07T11:00:00Z');
      const [a, b, d, pass] = await Promise.all([byId('2026-06-07T11:00:00Z'), byId('2026-06-07T11:00:00Z'), byId('2026-06-07T11:00:00Z'), c.run()]);
      const fired = [a, b, d, ...pass!.filter((f) => f.scheduleId === s.id)].filter((f) => f !== null);
      expect(fired).toHaveLength(1);
      expect(fired[0]).toMatchObject({ scheduleId: s.id, outcome: 'started' });
      expect(await scansOf(providerId)).toHaveLength(1);
      expect(await c.schedules.get(owner.tenantId, s.id)).toMatchObject({ nextRunAt: '2026-06-08T11:00:00.000Z', lastRun: { at: '2026-06-07T11:00:00.000Z', outcome: 'started' } });
      expect(await byId('2026-06-07T11:00:01Z')).toBeNull();

      await c.schedules.update(owner.tenantId, s.id, { enabled: false });
      expect(await byId('2026-06-09T11:00:00Z')).toBeNull();
    });

    it('as a safety net (overdueMs), the poller leaves fresh runs alone and fires those left late', async () => {
      const c = clockAt('2026-06-08T10:10:00Z');
      const providerId = await provider();
      const s = await c.schedules.create(owner.tenantId, owner.userId, { providerId, name: 'net', cron: '0 12 * * *' });
      c.at('2026-06-08T12:00:59Z');
      expect((await c.run({ overdueMs: 60_000 })).filter((f) => f.scheduleId === s.id)).toEqual([]);
      c.at('2026-06-08T12:01:00Z');
      const fired = (await c.run({ overdueMs: 60_000 })).filter((f) => f.scheduleId === s.id);
      expect(fired).toMatchObject([{ outcome: 'started' }]);
      expect(await c.schedules.get(owner.tenantId, s.id)).toMatchObject({ nextRunAt: '2026-06-09T12:00:00.000Z', lastRun: { at: '2026-06-08T12:01:00.000Z' } });
    });

    it("queues an overlapping run behind the account's active scan, one waiting scan at a time", async () => {
      const c = clockAt('2026-06-04T10:01:00Z');
      const providerId = await provider();
      const s = await c.schedules.create(owner.tenantId, owner.userId, { providerId, name: 'often', cron: '*/5 * * * *' });
      const runAt = async (iso: string) => {
        c.at(iso);
        const fired = (await c.run()).filter((f) => f.scheduleId === s.id);
        expect(fired, iso).toHaveLength(1);
        return fired[0]!;
      };
      const first = await runAt('2026-06-04T10:05:00Z');
      expect(first.outcome).toBe('started');
      // The first scan is still pending (nothing runs it): the next run waits behind it.
      const second = await runAt('2026-06-04T10:10:00Z');
      expect(second.outcome).toBe('queued');
      expect((await scanRow(second.scanId!)).state).toBe('queued');
      // Still busy, and the previous run's scan still waits: it covers this run too.
      const third = await runAt('2026-06-04T10:15:00Z');
      expect(third).toMatchObject({ outcome: 'skipped', scanId: second.scanId });
      expect(third.error).toContain(second.scanId!);
      expect((await c.schedules.get(owner.tenantId, s.id)).lastRun).toMatchObject({ outcome: 'skipped', scanId: second.scanId });
      expect(await scansOf(providerId)).toHaveLength(2);

      // The first scan ends: the queued one takes the account's lock.
      await createScansService({ db: t.db }).update(owner.tenantId, first.scanId!, { cancel: true });
      expect((await scanRow(second.scanId!)).state).toBe('pending');
      const fourth = await runAt('2026-06-04T10:20:00Z');
      expect(fourth.outcome).toBe('queued');
      const states = new Map((await scansOf(providerId)).map((x) => [x.id, `${x.state}/${x.trigger}`]));
      expect(states).toEqual(
        new Map([
          [first.scanId, 'cancelled/schedule'],
          [second.scanId, 'pending/schedule'],
          [fourth.scanId, 'queued/schedule'],
        ]),
      );
    });

    it('records an invalid scope or a vanished provider as the run\'s error and goes on with the others', async () => {
      const c = clockAt('2026-06-05T10:10:00Z');
      const [p1, p2, p3] = [await provider(), await provider(), await provider()];
      const scoped = await c.schedules.create(owner.tenantId, owner.userId, { providerId: p1, name: 'scoped', cron: '0 11 * * *', scope: { checks: [CHECK] } });
      const vanishing = await c.schedules.create(owner.tenantId, owner.userId, { providerId: p2, name: 'vanishing', cron: '0 11 * * *' });
      const fine = await c.schedules.create(owner.tenantId, owner.userId, { providerId: p3, name: 'fine', cron: '0 11 * * *' });
      // The scope's only check is disabled after the schedule was saved.
      const overrides = await call(admin, 'PATCH', `/checks/${CHECK}`, { disabled: true });
      expect(overrides.statusCode).toBe(200);
      // The provider is deleted between the claim and the scan.
      const createScan: CreateScheduledScan = async (tenantId, userId, input, queue) => {
        if (input.providerId === p2) await withSystem(t.db, (trx) => trx.deleteFrom('providers').where('id', '=', p2).execute());
        return c.createScan(tenantId, userId, input, queue);
      };
      c.at('2026-06-05T11:00:00Z');
      const fired = (await c.run({ createScan })).filter((f) => [scoped.id, vanishing.id, fine.id].includes(f.scheduleId));
      const by = new Map(fired.map((f) => [f.scheduleId, f]));
      expect(fired).toHaveLength(3);
      expect(by.get(scoped.id)).toMatchObject({ outcome: 'error', scanId: null });
      expect(by.get(scoped.id)?.error).toContain('disabled');
      expect(by.get(vanishing.id)).toMatchObject({ outcome: 'error', scanId: null });
      expect(by.get(vanishing.id)?.error).toContain(p2);
      expect(by.get(fine.id)?.outcome).toBe('started');

      const stored = await c.schedules.get(owner.tenantId, scoped.id);
      expect(stored).toMatchObject({ enabled: true, nextRunAt: '2026-06-06T11:00:00.000Z', lastRun: { outcome: 'error', scanId: null } });
      expect(stored.lastRun?.error).toContain(CHECK);
      expect(await scansOf(p1)).toEqual([]);
      // Deleting the provider took the schedule with it.
      expect((await call(owner, 'GET', `/schedules/${vanishing.id}`)).statusCode).toBe(404);
      expect((await call(admin, 'PATCH', `/checks/${CHECK}`, { disabled: false })).statusCode).toBe(200);
    });

    it('runs in the app on an interval when enabled (createTestApp option)', async () => {
      const app = await createTestApp(engine, new Date('2026-06-06T10:59:00Z'), { scheduler: { intervalMs: 50 }, worker: { staleAfterMs: 3_600_000 } });
      try {
        const user = await seedUser(app);
        const r = await app.app.inject({
          method: 'POST',
          url: '/api/v1/providers',
          headers: { authorization: user.authorization },
          payload: { kind: 'aws', accountId: nextAccount(), auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'fake-secret-access-key-000000' }, endpointUrl: DEAD_ENDPOINT },
        });
        const providerId = r.json().id as string;
        const s = await app.app.inject({ method: 'POST', url: '/api/v1/schedules', headers: { authorization: user.authorization }, payload: { providerId, name: 'wired', cron: '0 11 * * *' } });
        expect(s.json().nextRunAt).toBe('2026-06-06T11:00:00.000Z');
        app.advance(60_000);
        let lastRun: { at: string; outcome: string | null; scanId: string | null } | null = null;
        for (let i = 0; i < 200 && !lastRun?.outcome; i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          lastRun = (await app.app.inject({ method: 'GET', url: `/api/v1/schedules/${s.json().id}`, headers: { authorization: user.authorization } })).json().lastRun;
        }
        expect(lastRun).toMatchObject({ at: '2026-06-06T11:00:00.000Z', outcome: 'started' });
        const scans = await withSystem(app.db, (trx) => trx.selectFrom('scans').select(['id', 'trigger']).where('provider_id', '=', providerId).execute());
        expect(scans).toEqual([{ id: lastRun?.scanId, trigger: 'schedule' }]);
      } finally {
        await app.close();
      }
    });
  });
});
