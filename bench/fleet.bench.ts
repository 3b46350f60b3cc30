/**
 * Fleet benchmark ("Scans at scale"): one scan of a simulated AWS organization — by default
 * 100 accounts × 10,000 resources — with 1, 2 and 4 worker processes sharing a BullMQ queue
 * and a Redis rate gate, against an in-process fake AWS endpoint that waits 30–100 ms per call
 * (drawn per call from a seeded PRNG) and throttles each account above a per-second quota per
 * service. Prints figures; asserts nothing. Goal of the issue: well under 5 minutes with 4 workers.
 *
 * Per account (bench/fake-fleet.ts): EC2 network resources (security groups, network ACLs,
 * subnets, VPCs) in 2 regions, answered by paginated listings, plus S3 buckets (2 % of the
 * resources) each read with several per-bucket calls — the calls the per-account quota bounds.
 * The organization is the fake's: ListAccounts from the management account, AssumeRole into
 * each member (OrganizationAccountAccessRole).
 *
 * The benchmark process runs the fake endpoint and the API (app.inject): it creates a tenant,
 * an `organization` provider whose endpoint is the fake, and for each worker count W starts W
 * child processes (bench/fleet-worker.ts), enqueues one scan of the organization through
 * POST /scans, waits for its final state and stops the workers.
 *
 * Needs PostgreSQL (creates a database `vigil_bench_<random>` and drops it at the end) and
 * Redis (keys under a prefix of its own, deleted at the end); without them it says what to
 * start and exits 0.
 *
 *   npm run -w @vigil/bench bench:fleet   (or: node bench/fleet.bench.ts)
 *   --accounts N     accounts, management included (BENCH_ACCOUNTS, default 100)
 *   --resources N    resources per account (BENCH_RESOURCES, default 10000)
 *   --buckets N      S3 buckets per account, counted in the resources (BENCH_BUCKETS, default 2 %)
 *   --workers 1,2,4  worker process counts, one scan each (BENCH_WORKERS)
 *   --concurrency N  jobs per worker process: units of one service in one region (BENCH_CONCURRENCY, default 16)
 *   --tenant-concurrency N  accounts of the tenant scanned at once, all workers (default 64)
 *   --quota N        requests per second per account and service at the fake (BENCH_QUOTA, default 50)
 *   --latency A-B    latency per call in ms (BENCH_LATENCY, default 30-100)
 *   --timeout S      give up a scan after S seconds, cancelling it (BENCH_TIMEOUT, default 1800)
 *   DATABASE_URL     PostgreSQL server to create the database on (default postgres://postgres@127.0.0.1:5432/test)
 *   REDIS_URL        Redis (default redis://127.0.0.1:6379)
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { sql } from 'kysely';
import { createDatabase, ensureFindingPartitions, migrate, withSystem } from '@vigil/db';
import type { Db } from '@vigil/db';
import { seedTenant } from '@vigil/db/testing';
import { createAccessTokenService, createLocalKeyProvider } from '@vigil/security';
import { API_PREFIX, buildApp } from '@vigil/server';
import type { App, AppDeps } from '@vigil/server';
import { createBullmqQueue, createScanWorker } from '../apps/server/src/worker/index.ts';
import type { FleetFake } from './fake-fleet.ts';
import { startFleetFake } from './fake-fleet.ts';

// ------------------------------------------------------------------ options ---

function flag(name: string, envName: string, fallback: string): string {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === `--${name}`) return args[i + 1] ?? fallback;
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return process.env[envName] ?? fallback;
}
const positive = (s: string, what: string): number => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive integer, got "${s}"`);
  return n;
};

const ACCOUNTS = positive(flag('accounts', 'BENCH_ACCOUNTS', '100'), '--accounts');
const RESOURCES = positive(flag('resources', 'BENCH_RESOURCES', '10000'), '--resources');
const BUCKETS_FLAG = flag('buckets', 'BENCH_BUCKETS', '');
const WORKERS = flag('workers', 'BENCH_WORKERS', '1,2,4').split(',').map((w) => positive(w.trim(), '--workers'));
const CONCURRENCY = positive(flag('concurrency', 'BENCH_CONCURRENCY', '16'), '--concurrency');
const TENANT_CONCURRENCY = positive(flag('tenant-concurrency', 'BENCH_TENANT_CONCURRENCY', '64'), '--tenant-concurrency');
const QUOTA = positive(flag('quota', 'BENCH_QUOTA', '50'), '--quota');
const [LAT_MIN, LAT_MAX] = flag('latency', 'BENCH_LATENCY', '30-100').split('-').map(Number) as [number, number];
const TIMEOUT_S = positive(flag('timeout', 'BENCH_TIMEOUT', '1800'), '--timeout');
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REGIONS = ['us-east-1', 'eu-west-1'];
/**
 * The scope: a fixed set of checks, one or two per resource type, so that the finding count
 * stays near one per resource (about 1.1 million at the default size).
 */
const CHECKS = [
  'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22',
  'ec2_networkacl_allow_ingress_tcp_port_22',
  'vpc_subnet_no_public_ip_by_default',
  'vpc_flow_logs_enabled',
  's3_bucket_default_encryption',
  's3_bucket_level_public_access_block',
  's3_bucket_secure_transport_policy',
  's3_bucket_object_versioning',
];
const FINAL = ['completed', 'completed_with_errors', 'failed', 'cancelled'];

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (s: string) => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

// ------------------------------------------------------------ prerequisites ---

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function dbUrl(name: string): string {
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function redisClient(): Promise<Redis> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5000, retryStrategy: () => null });
  let cause: unknown;
  client.on('error', (err: unknown) => void (cause ??= err));
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    client.disconnect();
    throw cause ?? err;
  }
  return client;
}

async function deleteKeys(client: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) n += await client.del(...keys);
  } while (cursor !== '0');
  return n;
}

// ------------------------------------------------------------------ workers ---

const WORKER_FILE = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url));
/** The worker processes running now (stopped first on Ctrl-C, before the database is dropped). */
const live = new Set<ChildProcess>();

async function startWorkers(n: number, env: NodeJS.ProcessEnv): Promise<ChildProcess[]> {
  const children = Array.from({ length: n }, () =>
    fork(WORKER_FILE, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  for (const c of children) {
    live.add(c);
    c.once('exit', () => live.delete(c));
  }
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`worker ${c.pid} not ready after 60 s`)), 60_000);
          c.once('message', () => {
            clearTimeout(timer);
            resolve();
          });
          c.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`worker ${c.pid} exited with code ${code} before it was ready`));
          });
        }),
    ),
  );
  return children;
}

/** Stops the workers; returns the CPU seconds they report having used. */
async function stopWorkers(children: ChildProcess[]): Promise<number> {
  let cpuMicros = 0;
  for (const c of children) {
    c.on('message', (m) => {
      if (m && typeof m === 'object' && 'cpuMicros' in m) cpuMicros += Number((m as { cpuMicros: number }).cpuMicros);
    });
  }
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const timer = setTimeout(() => {
            // Not stopped within 30 s: this benchmark's own child, ended by its pid.
            if (c.pid) process.kill(c.pid, 'SIGKILL');
          }, 30_000);
          c.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          if (c.connected) c.send('stop');
          else c.kill('SIGTERM');
        }),
    ),
  );
  return cpuMicros / 1e6;
}

// --------------------------------------------------------------------- runs ---

interface RunFigures {
  workers: number;
  seconds: number;
  state: string;
  accounts: number;
  accountStates: Record<string, number>;
  resources: number;
  findings: number;
  errorFindings: number;
  errorCount: number;
  engineApiCalls: number;
  fakeCalls: number;
  throttled: number;
  meanLatencyMs: number;
  /** CPU seconds of the worker processes, and of this process (fake endpoint, API, polling). */
  workerCpuS: number;
  benchCpuS: number;
  failureReason: string | null;
  load: string;
}

async function scanRow(db: Db, id: string) {
  return withSystem(db, (trx) => trx.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

async function runOnce(
  w: number,
  ctx: { app: App; db: Db; fleet: FleetFake; providerId: string; authorization: string; workerEnv: NodeJS.ProcessEnv },
): Promise<RunFigures> {
  const { app, db, fleet, providerId, authorization } = ctx;
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url: `${API_PREFIX}${url}`, headers: { authorization }, ...(payload ? { payload } : {}) });

  log(`\n== ${w} worker${w > 1 ? 's' : ''} (× ${CONCURRENCY} jobs each), load average ${load()}`);
  const children = await startWorkers(w, ctx.workerEnv);
  const cpuBefore = process.cpuUsage();
  let figures: Omit<RunFigures, 'workerCpuS' | 'benchCpuS'>;
  let workerCpuS: number;
  try {
    const before = { calls: fleet.fake.calls, throttled: fleet.fake.throttled, draws: fleet.latency.draws, latency: fleet.latency.totalMs };
    const started = performance.now();
    const created = await call('POST', '/scans', { providerId, name: `fleet ${w} workers`, scope: { regions: REGIONS, checks: CHECKS } });
    if (created.statusCode !== 202) throw new Error(`POST /scans: ${created.statusCode} ${created.body}`);
    const scanId = (created.json() as { id: string }).id;
    let row = await scanRow(db, scanId);
    let lastReport = performance.now();
    let cancelled = false;
    while (!FINAL.includes(row.state)) {
      await sleep(250);
      row = await scanRow(db, scanId);
      const elapsed = (performance.now() - started) / 1000;
      if (performance.now() - lastReport >= 15_000) {
        lastReport = performance.now();
        const accounts = await withSystem(db, (trx) =>
          trx.selectFrom('scan_accounts').select(['state']).where('scan_id', '=', scanId).execute(),
        );
        const done = accounts.filter((a) => FINAL.includes(a.state)).length;
        log(
          `   … ${fmt(elapsed)} s: ${row.state}, accounts ${done}/${accounts.length} done, ${fmt(row.finding_count)} findings so far, ` +
            `${fmt(fleet.fake.calls - before.calls)} calls, ${fmt(fleet.fake.throttled - before.throttled)} throttled, load ${load()}`,
        );
      }
      if (elapsed > TIMEOUT_S && !cancelled) {
        cancelled = true;
        log(`   timed out after ${TIMEOUT_S} s: cancelling the scan`);
        await call('PATCH', `/scans/${scanId}`, { cancel: true });
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const accounts = await withSystem(db, (trx) => trx.selectFrom('scan_accounts').select(['state']).where('scan_id', '=', scanId).execute());
    const accountStates: Record<string, number> = {};
    for (const a of accounts) accountStates[a.state] = (accountStates[a.state] ?? 0) + 1;
    const counts = (row.counts ?? {}) as { status?: Record<string, number> };
    const draws = fleet.latency.draws - before.draws;
    figures = {
      workers: w,
      seconds,
      state: row.state,
      accounts: accounts.length,
      accountStates,
      resources: row.resource_count,
      findings: row.finding_count,
      errorFindings: counts.status?.ERROR ?? 0,
      errorCount: row.error_count,
      engineApiCalls: Number(row.api_calls),
      fakeCalls: fleet.fake.calls - before.calls,
      throttled: fleet.fake.throttled - before.throttled,
      meanLatencyMs: draws ? (fleet.latency.totalMs - before.latency) / draws : 0,
      failureReason: row.failure_reason,
      load: load(),
    };
  } finally {
    workerCpuS = await stopWorkers(children);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { ...figures, workerCpuS, benchCpuS: (cpu.user + cpu.system) / 1e6 };
}

function printRun(f: RunFigures): void {
  const states = Object.entries(f.accountStates).map(([s, n]) => `${s} ${n}`).join(', ');
  log(`   wall time:      ${fmt(f.seconds, 1)} s   (state ${f.state}${f.failureReason ? `: ${f.failureReason.slice(0, 300)}` : ''})`);
  log(`   accounts:       ${f.accounts} (${states})`);
  log(`   resources:      ${fmt(f.resources)}`);
  log(`   findings:       ${fmt(f.findings)} (${fmt(f.findings / f.seconds)} per second), ERROR findings ${fmt(f.errorFindings)}, unit errors ${fmt(f.errorCount)}`);
  log(
    `   API calls:      ${fmt(f.engineApiCalls)} counted by the engine (${fmt(f.engineApiCalls / f.seconds)} per second); ` +
      `${fmt(f.fakeCalls)} requests at the fake (STS and Organizations included), ${fmt(f.throttled)} throttled`,
  );
  log(`   latency drawn:  mean ${fmt(f.meanLatencyMs, 1)} ms per call; load average at the end ${f.load}`);
  log(`   CPU time:       workers ${fmt(f.workerCpuS, 1)} s (whole processes), benchmark process ${fmt(f.benchCpuS, 1)} s (fake AWS, API, polling); PostgreSQL and Redis not counted`);
}

// --------------------------------------------------------------------- main ---

async function main(): Promise<void> {
  // Prerequisites: say what to start, and exit 0 (a benchmark, not a test).
  try {
    await adminQuery('select 1');
  } catch (err) {
    log(`fleet benchmark skipped: no PostgreSQL at ${DATABASE_URL} (${err instanceof Error ? err.message : String(err)}); start one or set DATABASE_URL.`);
    return;
  }
  let redis: Redis;
  try {
    redis = await redisClient();
  } catch (err) {
    log(`fleet benchmark skipped: no Redis at ${REDIS_URL} (${err instanceof Error ? err.message : String(err)}); start one (redis-server) or set REDIS_URL.`);
    return;
  }

  const tag = randomBytes(6).toString('hex');
  const name = `vigil_bench_${tag}`;
  const prefix = `vigil-bench-${tag}`;
  let db: Db | undefined;
  let fleet: FleetFake | undefined;
  let app: App | undefined;
  let producer: AppDeps['scanQueue'];
  let created = false;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await stopWorkers([...live]).catch(() => {});
      await producer?.stop().catch(() => {});
      await app?.close().catch(() => {});
      await db?.destroy().catch(() => {});
      await fleet?.fake.close().catch(() => {});
      if (created) {
        await adminQuery(`drop database if exists ${name} with (force)`).catch((err: unknown) => {
          process.stderr.write(`could not drop database ${name}: ${String(err)}\n`);
        });
      }
      await deleteKeys(redis, prefix).catch((err: unknown) => process.stderr.write(`could not delete the Redis keys ${prefix}:*: ${String(err)}\n`));
      redis.disconnect();
    })());
  const onSignal = () => {
    process.stderr.write('\ninterrupted: dropping the bench database and Redis keys\n');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const results: RunFigures[] = [];
  try {
    await adminQuery(`create database ${name}`);
    created = true;
    const url = dbUrl(name);
    db = await createDatabase({ url, poolSize: 5 });
    await migrate(db);
    const now = new Date();
    await ensureFindingPartitions(db, { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)), monthsAhead: 2 });

    fleet = await startFleetFake({
      accounts: ACCOUNTS,
      resourcesPerAccount: RESOURCES,
      ...(BUCKETS_FLAG ? { bucketsPerAccount: positive(BUCKETS_FLAG, '--buckets') } : {}),
      regions: REGIONS,
      latencyMs: { min: LAT_MIN, max: LAT_MAX },
      quotaPerAccountPerSecond: QUOTA,
    });
    const shape = fleet.shape;
    const autovacuum = (await sql<{ autovacuum: string }>`show autovacuum`.execute(db)).rows[0]?.autovacuum ?? '?';

    // The API, enqueueing into the workers' BullMQ queue (producer only: it takes no job).
    const key = randomBytes(32);
    const secrets = createLocalKeyProvider({ current: key });
    producer = createScanWorker({
      db,
      secrets,
      queueFactory: (q) => createBullmqQueue({ ...q, connection: REDIS_URL, prefix, consume: false }),
    });
    const deps: AppDeps = {
      db,
      secrets,
      tokens: createAccessTokenService({ keys: { current: randomBytes(32) }, ttlSeconds: 24 * 3600 }),
      now: () => new Date(),
      logLevel: 'silent',
      scanQueue: producer,
    };
    app = await buildApp(deps);
    await app.ready();
    await producer.start();

    const tenant = await seedTenant(db, 'Fleet');
    const { token } = await deps.tokens.issue({ userId: tenant.userId, tenantId: tenant.tenantId, role: 'owner' });
    const authorization = `Bearer ${token}`;
    const provider = await app.inject({
      method: 'POST',
      url: `${API_PREFIX}/providers`,
      headers: { authorization },
      payload: {
        kind: 'organization',
        alias: 'fleet',
        accountId: shape.management,
        auth: { method: 'access_keys', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
        endpointUrl: fleet.fake.url,
      },
    });
    if (provider.statusCode !== 201) throw new Error(`POST /providers: ${provider.statusCode} ${provider.body}`);
    const providerId = (provider.json() as { id: string }).id;

    const workerEnv: NodeJS.ProcessEnv = {
      ...process.env,
      BENCH_DATABASE_URL: url,
      BENCH_REDIS_URL: REDIS_URL,
      BENCH_REDIS_PREFIX: prefix,
      BENCH_SECRETS_KEY: key.toString('hex'),
      BENCH_CONCURRENCY: String(CONCURRENCY),
      BENCH_TENANT_CONCURRENCY: String(TENANT_CONCURRENCY),
      AWS_EC2_METADATA_DISABLED: 'true',
    };

    const e = shape.ec2;
    log(`Fleet benchmark — Node ${process.version}, database ${name}, Redis prefix ${prefix}`);
    log(
      `   organization:   ${shape.accountIds.length} accounts (management ${shape.management} + ${shape.accountIds.length - 1} members through AssumeRole), ` +
        `${fmt(shape.resourcesPerAccount)} resources each, ${fmt(shape.resourcesPerAccount * shape.accountIds.length)} in all`,
    );
    log(
      `   per account:    ${REGIONS.length} regions × ${fmt(shape.networkPerRegion)} EC2 network resources ` +
        `(${e.vpcsPerRegion} VPCs × [${e.securityGroupsPerVpc} security groups, ${e.naclsPerVpc} network ACLs, ${e.subnetsPerVpc} subnets], pages of ${e.pageSize}) ` +
        `+ ${shape.buckets} S3 buckets (per-bucket reads)`,
    );
    log(`   fake AWS:       latency ${LAT_MIN}–${LAT_MAX} ms per call (seeded PRNG), quota ${QUOTA} req/s per account and service (throttling errors above)`);
    log(`   scope:          regions ${REGIONS.join(', ')}; checks ${CHECKS.join(', ')}`);
    log(`   workers:        ${WORKERS.join(', ')} processes × concurrency ${CONCURRENCY}, tenant concurrency ${TENANT_CONCURRENCY}, BullMQ + Redis rate gate`);
    log(`   machine:        load average ${load()} at the start; PostgreSQL autovacuum ${autovacuum}`);

    for (const [i, w] of WORKERS.entries()) {
      if (i > 0) {
        // The previous scan stored a million finding states; a scan's inserts join them. Without
        // statistics the planner hash-joins every batch against the whole table (a second scan
        // then stores about 1,000 findings/s instead of thousands): give it the statistics that
        // autovacuum would have gathered by now (and autovacuum is often off on test servers).
        const t0 = performance.now();
        await sql`analyze finding_states, findings`.execute(db);
        log(`\n   (ANALYZE finding_states, findings between scans: ${fmt((performance.now() - t0) / 1000, 1)} s, not counted)`);
      }
      const f = await runOnce(w, { app, db, fleet, providerId, authorization, workerEnv });
      results.push(f);
      printRun(f);
    }

    log('\nSummary');
    const header = ['workers', 'wall s', 'state', 'accounts', 'resources', 'findings', 'findings/s', 'API calls', 'throttled', 'ERROR', 'load'];
    const rows = results.map((f) => [
      String(f.workers),
      fmt(f.seconds, 1),
      f.state,
      String(f.accounts),
      fmt(f.resources),
      fmt(f.findings),
      fmt(f.findings / f.seconds),
      fmt(f.engineApiCalls),
      fmt(f.throttled),
      fmt(f.errorFindings),
      f.load.split(' ')[0] ?? '',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: string[]) => `   ${cells.map((c, i) => (i === 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}`;
    log(line(header));
    for (const r of rows) log(line(r));
    const four = results.find((f) => f.workers === 4);
    if (four) log(`   goal (issue "Scans at scale"): well under 300 s with 4 workers — ${fmt(four.seconds, 1)} s${four.seconds < 300 ? '' : ' (MISSED)'}`);
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

await main();
