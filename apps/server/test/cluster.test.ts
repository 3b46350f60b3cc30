import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSystem } from '@vigil/db';
import { createTestDatabase } from '@vigil/db/testing';
import type { TestDatabase } from '@vigil/db/testing';
import { perAccountHandlers, startFakeAws } from '@vigil/aws/testing/fake-aws';
import type { FakeAws } from '@vigil/aws/testing/fake-aws';
import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import { ec2Estate } from '../../../bench/fake-ec2.ts';
import { seedUser } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';
import { startWorkerChild, stopWorkerChild } from './fixtures/cluster-workers.ts';
import type { WorkerChild, WorkerEnv } from './fixtures/cluster-workers.ts';
import { startProducerApp } from './fixtures/producer-app.ts';
import { TEST_REDIS_URL, connectTestRedis, deleteKeys, freshPrefix } from './fixtures/redis.ts';

/**
 * The "done when" of "Scans at scale": the API (producer only, as `vigil serve` with
 * REDIS_URL) and two real `vigil worker` processes on one PostgreSQL database and one
 * Redis scan an organization; a worker SIGKILLed in the middle of an account loses
 * nothing: its account job is delivered again to the other worker, which replaces what
 * the dead one stored.
 */

const MANAGEMENT = '400000000001';
const ACCOUNTS = [MANAGEMENT, '400000000002', '400000000003', '400000000004', '400000000005', '400000000006'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const CHECKS = ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22', 'ec2_networkacl_allow_ingress_tcp_port_22'];
const SCOPE = { regions: REGIONS, checks: CHECKS };
const FINAL = ['completed', 'completed_with_errors', 'failed', 'cancelled'];
const VPCS = 2;
const NACLS = 2;
/** Security groups per VPC of the i-th account: every account's estate differs. */
const groupsPerVpc = (i: number) => 6 + i;
/** One finding per security group (port 22 check) and per network ACL, in every VPC of every region. */
const expectedFindings = (i: number) => REGIONS.length * VPCS * (groupsPerVpc(i) + NACLS);
/** A dead worker's job comes back after its lock expired, found by the other worker's stalled check. */
const LOCK_MS = 5000;
const STALLED_MS = 1000;

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, pollMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

interface ScanDto {
  id: string;
  state: string;
  findingCount: number;
  failureReason: string | null;
}
interface ScanAccountDto {
  accountId: string;
  state: string;
  attempt: number;
  findingCount: number;
}

describe('a cluster: the API, two `vigil worker` processes, PostgreSQL and Redis', () => {
  const prefix = freshPrefix('cluster');
  const key = randomBytes(32);
  let redis: Redis;
  let database: TestDatabase;
  let t: TestApp;
  let org: FakeAws;
  let single: FakeAws;
  let owner: TestUser;
  let env: WorkerEnv;
  const workers: WorkerChild[] = [];

  beforeAll(async () => {
    redis = await connectTestRedis();
    database = await createTestDatabase('postgres');
    // The API's side only enqueues, as `vigil serve` with REDIS_URL.
    t = await startProducerApp(database.db, { key, prefix });
    org = await startFakeAws({
      account: MANAGEMENT,
      regions: REGIONS,
      latencyMs: 150,
      organization: { accounts: ACCOUNTS.map((id) => ({ id })), pageSize: 2 },
      // One item per page: an account's scan lasts seconds, findings of its first units are stored meanwhile.
      handlers: perAccountHandlers(ACCOUNTS, (account, i) => ec2Estate({ vpcsPerRegion: VPCS, securityGroupsPerVpc: groupsPerVpc(i), naclsPerVpc: NACLS, subnetsPerVpc: 1, pageSize: 1 }, account)),
    });
    single = await startFakeAws({
      account: '500000000001',
      regions: ['us-east-1'],
      // Slow enough that the first scan is still active when the queued requests arrive.
      latencyMs: 100,
      handlers: ec2Estate({ vpcsPerRegion: 1, securityGroupsPerVpc: 4, naclsPerVpc: 1, subnetsPerVpc: 1, pageSize: 1 }, '500000000001'),
    });
    owner = await seedUser(t);
    env = { databaseUrl: database.url as string, redisUrl: TEST_REDIS_URL, prefix, secretsKey: key.toString('base64'), lockMs: LOCK_MS, stalledMs: STALLED_MS };
    workers.push(...(await Promise.all([startWorkerChild(env, 2), startWorkerChild(env, 2)])));
  }, 120_000);

  afterAll(async () => {
    // The workers first: they hold connections to the database about to be dropped.
    await Promise.all(workers.map((w) => stopWorkerChild(w, 'SIGKILL')));
    await t?.close();
    await database?.close();
    await org?.close();
    await single?.close();
    if (redis) {
      await deleteKeys(redis, prefix);
      redis.disconnect();
    }
  }, 60_000);

  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: owner.authorization }, ...(payload ? { payload } : {}) });
  const getScan = async (id: string) => (await call('GET', `/scans/${id}`)).json() as ScanDto;
  const untilFinal = (id: string, timeoutMs = 90_000) =>
    waitFor(`scan ${id} to end`, async () => {
      const s = await getScan(id);
      return FINAL.includes(s.state) ? s : undefined;
    }, timeoutMs, 200);
  const accountsOf = async (id: string) => {
    const r = await call('GET', `/scans/${id}/accounts`);
    expect(r.statusCode).toBe(200);
    return (r.json().items as ScanAccountDto[]).sort((a, b) => a.accountId.localeCompare(b.accountId));
  };
  /** The scan's findings per account: `finding_uid status`, sorted. */
  const findingsByAccount = (scanId: string) =>
    withSystem(t.db, async (trx) => {
      const rows = await trx.selectFrom('findings').select(['account_id', 'finding_uid', 'status']).where('scan_id', '=', scanId).execute();
      const by: Record<string, string[]> = {};
      for (const r of rows) (by[r.account_id] ??= []).push(`${r.finding_uid} ${r.status}`);
      for (const list of Object.values(by)) list.sort();
      return by;
    });
  const duplicatedUids = (scanId: string) =>
    withSystem(t.db, (trx) =>
      trx.selectFrom('findings').select(['finding_uid', sql<number>`count(*)::int`.as('n')]).where('scan_id', '=', scanId).groupBy('finding_uid').having(sql`count(*)`, '>', 1).execute(),
    );
  const createProvider = async (payload: object) => {
    const r = await call('POST', '/providers', payload);
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const alive = () => workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
  const logs = () => workers.map((w) => `--- worker ${w.pid}\n${w.output()}`).join('\n');

  it('a worker SIGKILLed mid-scan: the scan completes on the other one, no finding lost or duplicated', async () => {
    const providerId = await createProvider({
      kind: 'organization',
      accountId: MANAGEMENT,
      auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'fake-secret-access-key-000000' },
      endpointUrl: org.url,
    });
    const startScan = async () => {
      const r = await call('POST', '/scans', { providerId, scope: SCOPE });
      expect(r.statusCode, r.body).toBe(202);
      return r.json().id as string;
    };

    // A reference scan of the same estate, both workers alive.
    const reference = await startScan();
    const refDone = await untilFinal(reference);
    expect(refDone.state, logs()).toBe('completed');
    const expected = await findingsByAccount(reference);
    expect(Object.fromEntries(Object.entries(expected).map(([a, l]) => [a, l.length]))).toEqual(Object.fromEntries(ACCOUNTS.map((a, i) => [a, expectedFindings(i)])));
    expect(refDone.findingCount).toBe(ACCOUNTS.reduce((n, _a, i) => n + expectedFindings(i), 0));

    const id = await startScan();
    // The victim: the first worker seen running a unit whose first findings are stored.
    const victim = await waitFor(
      'a worker to be in the middle of a unit with findings stored',
      async () => {
        const rows = await withSystem(t.db, (trx) =>
          trx
            .selectFrom('scan_units as u')
            .select(['u.account_id', 'u.worker_id'])
            .where('u.scan_id', '=', id)
            .where('u.state', '=', 'running')
            .where(({ exists, selectFrom }) =>
              exists(selectFrom('findings as f').select('f.finding_uid').whereRef('f.scan_id', '=', 'u.scan_id').whereRef('f.account_id', '=', 'u.account_id').whereRef('f.scan_unit', '=', 'u.unit_no')),
            )
            .execute(),
        );
        for (const r of rows) {
          const w = workers.find((x) => r.worker_id?.split(':')[1] === String(x.pid));
          if (w) return w;
        }
        return undefined;
      },
      60_000,
      50,
    );
    const survivor = workers.find((w) => w !== victim) as WorkerChild;
    await stopWorkerChild(victim, 'SIGKILL');
    expect(victim.child.signalCode).toBe('SIGKILL');

    // What the dead worker left behind: its units still running, with the findings it had stored.
    const orphans = await withSystem(t.db, (trx) =>
      trx
        .selectFrom('scan_units')
        .select([
          'account_id',
          'unit_no',
          'attempt',
          sql<number>`(select count(*)::int from findings f where f.scan_id = scan_units.scan_id and f.account_id = scan_units.account_id and f.scan_unit = scan_units.unit_no)`.as('stored'),
        ])
        .where('scan_id', '=', id)
        .where('state', '=', 'running')
        .where('worker_id', 'like', `%:${victim.pid}:%`)
        .execute(),
    );
    expect(orphans.length).toBeGreaterThan(0);
    expect(orphans.some((o) => o.stored > 0)).toBe(true);
    expect(orphans.every((o) => o.attempt === 1)).toBe(true);

    const done = await untilFinal(id);
    expect([done.state, done.failureReason], logs()).toEqual(['completed', null]);
    const accounts = await accountsOf(id);
    expect(accounts.map((a) => [a.accountId, a.state, a.findingCount])).toEqual(ACCOUNTS.map((a, i) => [a, 'completed', expectedFindings(i)]));
    // The dead worker's units were delivered again, and finished by the survivor.
    const finishers = await withSystem(t.db, (trx) =>
      trx
        .selectFrom('scan_units')
        .select(['account_id', 'unit_no', 'attempt', 'worker_id'])
        .where('scan_id', '=', id)
        .where(({ or, and, eb }) => or(orphans.map((o) => and([eb('account_id', '=', o.account_id), eb('unit_no', '=', o.unit_no)]))))
        .execute(),
    );
    expect(finishers).toHaveLength(orphans.length);
    for (const f of finishers) {
      expect(f.attempt).toBeGreaterThanOrEqual(2);
      expect(f.worker_id?.split(':')[1]).toBe(String(survivor.pid));
    }

    // Exactly the findings of the clean run: none lost, none duplicated.
    expect(await duplicatedUids(id)).toEqual([]);
    expect(await findingsByAccount(id)).toEqual(expected);
    expect(done.findingCount).toBe(refDone.findingCount);
    expect(alive()).toEqual([survivor]);
  }, 180_000);

  it('one active scan per provider across the cluster: concurrent requests get one 202 and 409s; queued ones run one after another', async () => {
    // Two workers again: a new one joins the survivor.
    if (alive().length < 2) workers.push(await startWorkerChild(env, 2));
    const providerId = await createProvider({
      kind: 'aws',
      accountId: '500000000001',
      auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0002', secretAccessKey: 'fake-secret-access-key-000000' },
      endpointUrl: single.url,
    });
    const scope = { regions: ['us-east-1'], checks: CHECKS };

    const burst = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/scans', { providerId, scope })));
    const accepted = burst.filter((r) => r.statusCode === 202);
    expect(burst.map((r) => r.statusCode).sort()).toEqual([202, 409, 409, 409, 409, 409]);
    const first = accepted[0]?.json().id as string;
    for (const r of burst.filter((x) => x.statusCode === 409)) expect(r.json()).toMatchObject({ code: 'CONFLICT', details: { activeScanId: first } });

    // With ?queue=true, they wait their turn behind the active scan.
    const queued = await Promise.all(Array.from({ length: 3 }, () => call('POST', '/scans?queue=true', { providerId, scope })));
    for (const r of queued) expect([r.statusCode, r.json().state], r.body).toEqual([202, 'queued']);
    const ids = [first, ...queued.map((r) => r.json().id as string)];
    const ended = [];
    for (const s of ids) ended.push(await untilFinal(s));
    expect(ended.map((s) => [s.state, s.findingCount]), logs()).toEqual(ids.map(() => ['completed', 5]));
    for (const s of ids) expect(await duplicatedUids(s)).toEqual([]);

    // Never two scans of the account at once, whichever worker ran them.
    const runs = await withSystem(t.db, (trx) =>
      trx.selectFrom('scan_accounts').select(['scan_id', 'started_at', 'finished_at']).where('scan_id', 'in', ids).orderBy('started_at').execute(),
    );
    expect(runs).toHaveLength(ids.length);
    for (let i = 1; i < runs.length; i++) {
      const prev = runs[i - 1];
      const next = runs[i];
      expect(prev?.finished_at && next?.started_at && prev.finished_at <= next.started_at, `${prev?.scan_id} overlaps ${next?.scan_id}`).toBe(true);
    }
  }, 180_000);
});
