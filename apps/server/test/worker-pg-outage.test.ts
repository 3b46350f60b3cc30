import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, withSystem } from '@vigil/db';
import type { Db } from '@vigil/db';
import { createTestDatabase, startTcpProxy } from '@vigil/db/testing';
import type { TcpProxy, TestDatabase } from '@vigil/db/testing';
import { perAccountHandlers, startFakeAws } from '@vigil/aws/testing/fake-aws';
import type { FakeAws } from '@vigil/aws/testing/fake-aws';
import { sql } from 'kysely';
import { errorMessage } from '@vigil/engine';
import type { Redis } from 'ioredis';
import { ec2Estate } from '../../../bench/fake-ec2.ts';
import { seedUser } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';
import { createBullmqQueue } from '../src/worker/bullmq-queue.ts';
import { createScanWorker } from '../src/worker/scan-worker.ts';
import type { ScanQueue } from '../src/worker/queue.ts';
import { startProducerApp } from './fixtures/producer-app.ts';
import { TEST_REDIS_URL, connectTestRedis, deleteKeys, freshPrefix } from './fixtures/redis.ts';

/**
 * "Redis or PostgreSQL briefly unavailable — workers reconnect and continue", for
 * PostgreSQL: a worker (BullMQ on Redis, as `vigil worker`) reaches its database through
 * a TCP proxy that is cut for 8 s (longer than a job's three attempts with their back-off) in the middle of an organization's scan. Every
 * connection of its pool breaks and new ones are refused meanwhile; the API (producer
 * only) and the assertions use a direct connection. The worker runs in this process:
 * an unhandled 'error' of a pg connection would be an uncaught exception, which fails
 * the run.
 *
 * The expected outcome is `completed` with exactly the estate's findings: every AWS call
 * succeeds, so nothing about the cloud accounts is unknown; the database's absence is
 * the worker's own transient problem, to be retried, not an error of the scan
 * (`completed_with_errors` would tell the user that something could not be read).
 */

const MANAGEMENT = '600000000001';
const ACCOUNTS = [MANAGEMENT, '600000000002', '600000000003', '600000000004'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const CHECKS = ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22', 'ec2_networkacl_allow_ingress_tcp_port_22'];
const SCOPE = { regions: REGIONS, checks: CHECKS };
const FINAL = ['completed', 'completed_with_errors', 'failed', 'cancelled'];
const VPCS = 2;
const NACLS = 2;
/**
 * Security groups per VPC of the i-th account: every account's estate differs. One group
 * per page at 150 ms a request: collecting a region takes 5 s or more, so the units
 * running when the outage starts go on collecting (and finding) through it and after it.
 */
const groupsPerVpc = (i: number) => 16 + 2 * i;
/** One finding per security group (port 22 check) and per network ACL, in every VPC of every region. */
const expectedFindings = (i: number) => REGIONS.length * VPCS * (groupsPerVpc(i) + NACLS);
const EXPECTED_TOTAL = ACCOUNTS.reduce((n, _a, i) => n + expectedFindings(i), 0);
const OUTAGE_MS = 8000;

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, pollMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await tick(pollMs);
  }
}

interface ScanDto {
  id: string;
  state: string;
  findingCount: number;
  failureReason: string | null;
}

describe('a worker whose PostgreSQL is briefly unreachable', () => {
  const prefix = freshPrefix('pg-outage');
  let redis: Redis;
  let database: TestDatabase;
  let proxy: TcpProxy;
  let workerDb: Db;
  let worker: ScanQueue;
  let t: TestApp;
  let org: FakeAws;
  let owner: TestUser;
  /** What the worker logged (warnings and errors), and the connections its pool lost. */
  const logged: { at: number; level: string; msg: string; kind?: string; account?: string; unit?: number; attempt?: number; err?: string }[] = [];
  /** When the outage started (ms since the epoch), for the log's times. */
  let cutAt = 0;
  const lost: Error[] = [];

  beforeAll(async () => {
    redis = await connectTestRedis();
    database = await createTestDatabase('postgres');
    const direct = new URL(database.url as string);
    proxy = await startTcpProxy({ targetHost: direct.hostname, targetPort: Number(direct.port || 5432) });
    const proxied = new URL(direct);
    proxied.host = `${proxy.host}:${proxy.port}`;
    workerDb = await createDatabase({ url: proxied.toString(), onConnectionError: (err) => lost.push(err) });

    // The API's side only enqueues, as `vigil serve` with REDIS_URL.
    t = await startProducerApp(database.db, { key: randomBytes(32), prefix });
    const log =
      (level: string) =>
      (obj: unknown, msg?: string): void => {
        const o = (typeof obj === 'object' && obj !== null ? obj : {}) as { err?: unknown; kind?: string; account?: string; unit?: number; attempt?: number };
        logged.push({
          at: Date.now(),
          level,
          msg: msg ?? (typeof obj === 'string' ? obj : ''),
          ...(o.err === undefined ? {} : { err: o.err instanceof Error ? o.err.message : String(o.err) }),
          ...(o.kind === undefined ? {} : { kind: o.kind }),
          ...(o.account === undefined ? {} : { account: o.account }),
          ...(o.unit === undefined ? {} : { unit: o.unit }),
          ...(o.attempt === undefined ? {} : { attempt: o.attempt }),
        });
      };
    // The worker's side: its database through the proxy, the production defaults otherwise
    // (attempts, back-off), as `vigil worker` builds it.
    worker = createScanWorker({
      db: workerDb,
      secrets: t.deps.secrets,
      concurrency: 3,
      tickMs: 200,
      logger: { info: () => undefined, warn: log('warn'), error: log('error') },
      queueFactory: (q) => createBullmqQueue({ ...q, connection: TEST_REDIS_URL, prefix }),
    });
    await worker.start();
    org = await startFakeAws({
      account: MANAGEMENT,
      regions: REGIONS,
      latencyMs: 150,
      organization: { accounts: ACCOUNTS.map((id) => ({ id })), pageSize: 2 },
      // One item per page: an account's scan lasts seconds, findings of its first units are stored meanwhile.
      handlers: perAccountHandlers(ACCOUNTS, (account, i) =>
        ec2Estate({ vpcsPerRegion: VPCS, securityGroupsPerVpc: groupsPerVpc(i), naclsPerVpc: NACLS, subnetsPerVpc: 1, pageSize: 1 }, account),
      ),
    });
    owner = await seedUser(t);
  }, 60_000);

  afterAll(async () => {
    proxy?.restore();
    await worker?.stop();
    await workerDb?.destroy();
    await proxy?.close();
    await t?.close();
    await database?.close();
    await org?.close();
    if (redis) {
      await deleteKeys(redis, prefix);
      redis.disconnect();
    }
  }, 60_000);

  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: owner.authorization }, ...(payload ? { payload } : {}) });
  const untilFinal = (id: string) =>
    waitFor(
      `scan ${id} to end`,
      async () => {
        const s = (await call('GET', `/scans/${id}`)).json() as ScanDto;
        return FINAL.includes(s.state) ? s : undefined;
      },
      150_000,
      200,
    );
  /** Per account: its state, attempts, reported finding count and the findings actually stored. */
  const accountsOf = (scanId: string) =>
    withSystem(t.db, (trx) =>
      trx
        .selectFrom('scan_accounts')
        .select(['account_id', 'state', 'attempt', 'finding_count', 'failure_reason'])
        .select(sql<number>`(select count(*)::int from findings f where f.scan_id = scan_accounts.scan_id and f.account_id = scan_accounts.account_id)`.as('stored'))
        .where('scan_id', '=', scanId)
        .orderBy('account_id')
        .execute(),
    );
  const duplicatedUids = (scanId: string) =>
    withSystem(t.db, (trx) =>
      trx.selectFrom('findings').select(['finding_uid', sql<number>`count(*)::int`.as('n')]).where('scan_id', '=', scanId).groupBy('finding_uid').having(sql`count(*)`, '>', 1).execute(),
    );
  const report = () =>
    `pool connections lost: ${lost.length}, proxy: ${proxy.severed} cut, ${proxy.refused} refused; worker log:\n` +
    logged
      .map((l) => `  ${cutAt ? `${l.at - cutAt} ms` : ''} ${l.level} ${l.msg}${l.kind ? ` ${l.kind}` : ''}${l.account ? ` ${l.account}` : ''}${l.unit === undefined ? '' : ` unit ${l.unit}`}${l.attempt ? ` attempt ${l.attempt}` : ''}${l.err ? `: ${l.err}` : ''}`)
      .join('\n');

  it("an 8 s outage (longer than a job's retries) in the middle of an organization scan: the scan completes with exactly its findings, the worker lives on", async () => {
    const created = await call('POST', '/providers', {
      kind: 'organization',
      accountId: MANAGEMENT,
      auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'fake-secret-access-key-000000' },
      endpointUrl: org.url,
    });
    expect(created.statusCode, created.body).toBe(201);
    const providerId = created.json().id as string;
    const startScan = async () => {
      const r = await call('POST', '/scans', { providerId, scope: SCOPE });
      expect(r.statusCode, r.body).toBe(202);
      return r.json().id as string;
    };

    const id = await startScan();
    // Mid-scan: findings are being stored, and accounts are still to be scanned.
    let seen: unknown;
    let scanNow: unknown;
    await waitFor(
      'the scan to be in the middle of its accounts, with findings stored',
      async () => {
        const rows = await accountsOf(id);
        seen = rows;
        scanNow = (await call('GET', `/scans/${id}`)).json();
        const stored = rows.reduce((n, r) => n + r.stored, 0);
        const open = rows.filter((r) => !FINAL.includes(r.state));
        return stored > 0 && open.length > 1 ? rows : undefined;
      },
      60_000,
      50,
    ).catch((err: unknown) => {
      throw new Error(`${errorMessage(err)}; accounts: ${JSON.stringify(seen)}; scan: ${JSON.stringify(scanNow)}; ${report()}`);
    });

    cutAt = Date.now();
    proxy.cut();
    await tick(OUTAGE_MS);
    proxy.restore();
    // The outage was real for the worker: its pooled connections broke and new ones were refused.
    expect(proxy.severed, report()).toBeGreaterThan(0);
    expect(proxy.refused, report()).toBeGreaterThan(0);
    expect(lost.length, report()).toBeGreaterThan(0);

    const done = await untilFinal(id);
    const accounts = await accountsOf(id);
    const summary = `${report()}\naccounts: ${JSON.stringify(accounts)}`;
    expect([done.state, done.failureReason], summary).toEqual(['completed', null]);
    // Every account completed, with the findings of its estate, stored exactly once. A
    // finding count above the stored count means findings the worker found and counted
    // but never stored (a batch whose write failed during the outage and was dropped).
    expect(accounts.map((a) => [a.account_id, a.state, a.finding_count, a.stored]), summary).toEqual(
      ACCOUNTS.map((a, i) => [a, 'completed', expectedFindings(i), expectedFindings(i)]),
    );
    expect(await duplicatedUids(id), summary).toEqual([]);
    expect(done.findingCount, summary).toBe(EXPECTED_TOTAL);
    // Jobs that failed while the database was away waited for it instead of spending their
    // attempts: none was given up on (which would leave its unit to the orphan sweep, a
    // minute later, or end it as ERROR).
    expect(logged.filter((l) => l.msg === 'scan job failed on its last attempt'), summary).toEqual([]);

    // The worker lives on, on a pool that connected again: the next scan runs as usual.
    const next = await startScan();
    const nextDone = await untilFinal(next);
    expect([nextDone.state, nextDone.findingCount], report()).toEqual(['completed', EXPECTED_TOTAL]);
    expect(await duplicatedUids(next)).toEqual([]);
  }, 300_000);
});
