import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSystem } from '@vigil/db';
import { perAccountHandlers, startFakeAws } from '@vigil/aws/testing/fake-aws';
import type { FakeAws } from '@vigil/aws/testing/fake-aws';
import { ec2Estate } from '../../../bench/fake-ec2.ts';
import { createScanWorker } from '../src/worker/scan-worker.ts';
import { createInProcessQueue } from '../src/worker/queue.ts';
import type { ScanJob, ScanQueueOptions } from '../src/worker/queue.ts';
import { TEST_ENGINES, createTestApp, seedUser } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';

const ACCOUNT = '123456789012';
const OTHER = '210987654321';
const ORG_MANAGEMENT = '300000000001';
const ORG_MEMBERS = ['300000000002', '300000000003', '300000000004'];
const CHECKS = ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22', 'ec2_networkacl_allow_ingress_tcp_port_22'];
const FINAL = ['completed', 'completed_with_errors', 'failed', 'cancelled'];
const SCOPE = { regions: ['us-east-1', 'eu-west-1'], checks: CHECKS };

async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The worker's fan-out (plan, account, units, evaluation step, finalize) under the failures a
 * durable queue sees: a job delivered again after its worker stopped, a job failing on
 * every attempt, an orphaned scan, and two scans of one cloud account.
 */
describe.each(TEST_ENGINES)('scan fan-out on %s', (engine) => {
  let t: TestApp;
  let fake: FakeAws;
  let slow: FakeAws;
  let owner: TestUser;
  let fastProvider: string;
  let slowProvider: string;
  let org: FakeAws;

  beforeAll(async () => {
    // The test app's own worker is stopped: each test builds the worker it needs.
    [t, fake, slow] = await Promise.all([
      createTestApp(engine),
      startFakeAws({ account: ACCOUNT, regions: ['us-east-1', 'eu-west-1'], handlers: ec2Estate({ vpcsPerRegion: 2, securityGroupsPerVpc: 7, naclsPerVpc: 2, subnetsPerVpc: 2 }, ACCOUNT) }),
      startFakeAws({ account: OTHER, regions: ['us-east-1', 'eu-west-1'], latencyMs: 150, handlers: ec2Estate({ vpcsPerRegion: 2, securityGroupsPerVpc: 7, naclsPerVpc: 2, subnetsPerVpc: 2, pageSize: 2 }, OTHER) }),
    ]);
    await t.deps.scanQueue?.stop();
    org = await startFakeAws({
      account: ORG_MANAGEMENT,
      regions: ['us-east-1'],
      organization: { accounts: [ORG_MANAGEMENT, ...ORG_MEMBERS].map((id) => ({ id })), pageSize: 2 },
      assumeRoleDenied: [ORG_MEMBERS[1] as string],
      handlers: perAccountHandlers([ORG_MANAGEMENT, ...ORG_MEMBERS], (account) => ec2Estate({ vpcsPerRegion: 1, securityGroupsPerVpc: 3, naclsPerVpc: 1, subnetsPerVpc: 1 }, account)),
    });
    owner = await seedUser(t);
    fastProvider = await provider(fake.url, ACCOUNT);
    slowProvider = await provider(slow.url, OTHER);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
    await slow.close();
    await org.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: owner.authorization }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  const provider = async (endpointUrl: string, accountId: string): Promise<string> => {
    const r = await call('POST', '/providers', {
      kind: 'aws',
      accountId,
      auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'fake-secret-access-key-000000' },
      endpointUrl,
    });
    expect(r.statusCode).toBe(201);
    return r.json().id as string;
  };
  const startScan = async (providerId: string, scope: object = SCOPE): Promise<string> => {
    const r = await call('POST', '/scans', { providerId, scope });
    expect(r.statusCode).toBe(202);
    return r.json().id as string;
  };
  const untilFinal = (id: string) =>
    waitFor(async () => {
      const s = (await call('GET', `/scans/${id}`)).json() as { state: string } & Record<string, unknown>;
      return FINAL.includes(s.state) ? s : undefined;
    });
  const findingUids = (scanId: string) =>
    withSystem(t.db, async (trx) => (await trx.selectFrom('findings').select('finding_uid').where('scan_id', '=', scanId).execute()).map((r) => r.finding_uid));
  const accountRow = (scanId: string) => withSystem(t.db, (trx) => trx.selectFrom('scan_accounts').selectAll().where('scan_id', '=', scanId).executeTakeFirstOrThrow());
  const unitRows = (scanId: string) =>
    withSystem(t.db, (trx) => trx.selectFrom('scan_units').select(['unit_no', 'region', 'service', 'state', 'attempt', 'failure_reason']).where('scan_id', '=', scanId).orderBy('unit_no').execute());

  /** A worker whose in-process queue is treated as durable, with a handler wrapper to inject failures. */
  const worker = (wrap: (job: ScanJob, signal: AbortSignal, run: (signal: AbortSignal) => Promise<void>) => Promise<void>, extra: Partial<ScanQueueOptions> = {}) =>
    createScanWorker({
      db: t.db,
      secrets: t.deps.secrets,
      tickMs: 100,
      queueFactory: (o) => createInProcessQueue({ ...o, backoffMs: 20, ...extra, handler: (job, signal) => wrap(job, signal, (s) => o.handler(job, s)) }),
    });

  it('a retried unit job replaces what its first attempt stored: no lost and no duplicated findings', async () => {
    const reference = worker((_job, signal, run) => run(signal));
    t.deps.scanQueue = reference;
    await reference.start();
    const clean = await startScan(slowProvider);
    const expected = await untilFinal(clean);
    await reference.stop();
    expect(expected.state).toBe('completed');

    // The first attempt of a unit job loses its worker mid-scan (after some findings were stored).
    let first = true;
    let hit: number | undefined;
    const flaky = worker(async (job, signal, run) => {
      if (job.kind !== 'unit' || !first) return run(signal);
      first = false;
      hit = job.unit;
      const lost = new AbortController();
      const timer = setTimeout(() => lost.abort(), 700);
      try {
        await run(lost.signal);
      } finally {
        clearTimeout(timer);
      }
    });
    t.deps.scanQueue = flaky;
    await flaky.start();
    try {
      const id = await startScan(slowProvider);
      const done = await untilFinal(id);
      expect(done.state).toBe('completed');
      expect(first).toBe(false);
      const uids = await findingUids(id);
      expect(new Set(uids).size).toBe(uids.length);
      expect(uids.sort()).toEqual((await findingUids(clean)).sort());
      expect(done.findingCount).toBe(uids.length);
      // The lost unit ran twice; the account and its other units once.
      const units = await unitRows(id);
      expect(units.map((u) => [u.unit_no, u.attempt])).toEqual(units.map((u) => [u.unit_no, u.unit_no === hit ? 2 : 1]));
      expect((await accountRow(id)).attempt).toBe(1);
    } finally {
      await flaky.stop();
    }
  });

  it('an attempt whose job was handed to another worker while it lived on stops writing: no duplicates', async () => {
    const reference = await findingUids(await (async () => {
      const w = worker((_job, signal, run) => run(signal));
      t.deps.scanQueue = w;
      await w.start();
      const id = await startScan(slowProvider);
      expect((await untilFinal(id)).state).toBe('completed');
      await w.stop();
      return id;
    })());
    // A unit job is delivered twice at once, the second 600 ms later (a lost queue lock).
    let twice = true;
    let hit: number | undefined;
    const w = worker(async (job, signal, run) => {
      if (job.kind !== 'unit' || !twice) return run(signal);
      twice = false;
      hit = job.unit;
      const first = run(signal);
      await new Promise((r) => setTimeout(r, 600));
      await Promise.all([first, run(signal)]);
    });
    t.deps.scanQueue = w;
    await w.start();
    try {
      const id = await startScan(slowProvider);
      const done = await untilFinal(id);
      expect(done.state).toBe('completed');
      const uids = await findingUids(id);
      expect(uids.length).toBe(new Set(uids).size);
      expect(uids.sort()).toEqual([...reference].sort());
      expect(done.findingCount).toBe(uids.length);
      expect((await unitRows(id)).find((u) => u.unit_no === hit)?.attempt).toBe(2);
    } finally {
      await w.stop();
    }
  });

  it('a unit job failing on every attempt ends that unit as ERROR; the account and the scan complete with errors', async () => {
    const reference = worker((_job, signal, run) => run(signal));
    t.deps.scanQueue = reference;
    await reference.start();
    const clean = await startScan(fastProvider);
    expect((await untilFinal(clean)).state).toBe('completed');
    await reference.stop();
    const cleanFindings = await withSystem(t.db, (trx) => trx.selectFrom('findings').select(['finding_uid', 'region', 'status']).where('scan_id', '=', clean).execute());

    const broken = worker(async (job, signal, run) => {
      if (job.kind === 'unit' && job.unit === 2) throw new Error('connection reset by peer');
      return run(signal);
    });
    t.deps.scanQueue = broken;
    await broken.start();
    try {
      const id = await startScan(fastProvider);
      const done = await untilFinal(id);
      expect(done.state).toBe('completed_with_errors');
      const units = await unitRows(id);
      const bad = units.find((u) => u.unit_no === 2);
      expect(bad).toMatchObject({ state: 'failed' });
      expect(bad?.failure_reason).toMatch(/failed 3 time\(s\).*connection reset by peer/);
      expect(units.filter((u) => u.unit_no !== 2).every((u) => u.state === 'completed')).toBe(true);
      expect((await accountRow(id)).state).toBe('completed_with_errors');
      // The other region's findings are all there; the failed region has one ERROR per check instead.
      const rows = await withSystem(t.db, (trx) => trx.selectFrom('findings').select(['finding_uid', 'region', 'status', 'check_id', 'error_code']).where('scan_id', '=', id).execute());
      const good = rows.filter((r) => r.region !== bad?.region);
      expect(good.map((r) => r.finding_uid).sort()).toEqual(cleanFindings.filter((r) => r.region !== bad?.region).map((r) => r.finding_uid).sort());
      const errors = rows.filter((r) => r.region === bad?.region);
      expect(errors.map((r) => [r.check_id, r.status, r.error_code]).sort()).toEqual(CHECKS.map((c) => [c, 'ERROR', 'UnitFailed']).sort());
      expect(done.errorCount).toBeGreaterThan(0);
      // The figures count what is stored: the failed unit's partial findings are gone with their counts.
      expect(done.findingCount).toBe(rows.length);
      // Through the API: the failed unit with its reason, and every unit a page at a time.
      const failedApi = (await call('GET', `/scans/${id}/units?state=failed`)).json();
      expect(failedApi).toMatchObject({ items: [{ accountId: ACCOUNT, unit: 2, kind: 'collect', region: bad?.region, service: 'ec2', state: 'failed', findingCount: 0 }], nextCursor: null });
      expect(failedApi.items[0].failureReason).toMatch(/connection reset by peer/);
      const paged: { accountId: string; unit: number; kind: string; state: string }[] = [];
      let cursor: string | null = null;
      do {
        const page = (await call('GET', `/scans/${id}/units?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json() as { items: typeof paged; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(1);
        paged.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged.map((u) => [u.unit, u.kind, u.state])).toEqual(units.map((u) => [u.unit_no, u.unit_no === 0 ? 'evaluate' : 'collect', u.state]));
      expect((await call('GET', `/scans/${id}/units?cursor=nope`)).statusCode).toBe(400);
      expect((await call('GET', `/scans/${id}/units?accountId=${OTHER}`)).json().items).toEqual([]);
    } finally {
      await broken.stop();
    }
  });

  it('an account job failing on every attempt ends its account as failed and the scan with the reason', async () => {
    const broken = worker(async (job, signal, run) => {
      if (job.kind === 'account') throw new Error('database connection reset');
      return run(signal);
    });
    t.deps.scanQueue = broken;
    await broken.start();
    try {
      const id = await startScan(fastProvider);
      const done = await untilFinal(id);
      expect(done.state).toBe('failed');
      expect(done.failureReason).toMatch(/failed 3 time\(s\).*database connection reset/);
      expect((await accountRow(id)).state).toBe('failed');
    } finally {
      await broken.stop();
    }
  });

  it('with a durable queue, a scan whose worker stopped is resumed, not failed', async () => {
    const providerId = fastProvider;
    const orphan = await withSystem(t.db, async (trx) => {
      const scan = await trx
        .insertInto('scans')
        .values({ tenant_id: owner.tenantId, provider_id: providerId, state: 'running', scope: JSON.stringify(SCOPE), worker_id: 'dead', heartbeat_at: new Date(Date.now() - 10 * 60_000), started_at: new Date(Date.now() - 11 * 60_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('scan_accounts')
        .values({ tenant_id: owner.tenantId, scan_id: scan.id, account_id: ACCOUNT, state: 'running', attempt: 1, updated_at: new Date(Date.now() - 10 * 60_000) })
        .execute();
      return scan.id;
    });
    const resumer = worker((_job, signal, run) => run(signal));
    t.deps.scanQueue = resumer;
    await resumer.start();
    try {
      const done = await untilFinal(orphan);
      expect(done.state).toBe('completed');
      expect((await accountRow(orphan)).attempt).toBe(2);
      expect((await findingUids(orphan)).length).toBe(done.findingCount);
    } finally {
      await resumer.stop();
    }
  });

  it('a scan whose jobs wait in a busy worker is not taken for an orphan, however long it waits', async () => {
    // One job at a time and a sweep every 300 ms: the fast scan's units wait seconds behind the slow one's.
    const w = createScanWorker({ db: t.db, secrets: t.deps.secrets, tickMs: 100, staleAfterMs: 300, concurrency: 1 });
    t.deps.scanQueue = w;
    await w.start();
    try {
      const [slowScan, fastScan] = [await startScan(slowProvider), await startScan(fastProvider)];
      const [s, f] = await Promise.all([untilFinal(slowScan), untilFinal(fastScan)]);
      expect([s.state, s.failureReason, f.state, f.failureReason]).toEqual(['completed', null, 'completed', null]);
    } finally {
      await w.stop();
    }
  });

  it("caps the accounts one tenant scans at once: the other account's job waits its turn", async () => {
    const w = createScanWorker({ db: t.db, secrets: t.deps.secrets, tickMs: 100, tenantConcurrency: 1, concurrency: 3 });
    t.deps.scanQueue = w;
    await w.start();
    try {
      const [a, b] = await Promise.all([startScan(slowProvider), startScan(fastProvider)]);
      const [da, db] = await Promise.all([untilFinal(a), untilFinal(b)]);
      expect([da.state, db.state]).toEqual(['completed', 'completed']);
      const rows = await withSystem(t.db, (trx) =>
        trx.selectFrom('scan_accounts').select(['scan_id', 'started_at', 'finished_at']).where('scan_id', 'in', [a, b]).orderBy('started_at').execute(),
      );
      expect(rows).toHaveLength(2);
      const [x, y] = rows;
      expect(x?.finished_at && y?.started_at && x.finished_at <= y.started_at).toBe(true);
    } finally {
      await w.stop();
    }
  });

  it('scans an organization as one scan, its accounts in parallel; an account whose role cannot be assumed fails alone', async () => {
    const w = createScanWorker({ db: t.db, secrets: t.deps.secrets, tickMs: 100 });
    t.deps.scanQueue = w;
    await w.start();
    try {
      const r = await call('POST', '/providers', {
        kind: 'organization',
        accountId: ORG_MANAGEMENT,
        auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0002', secretAccessKey: 'fake-secret-access-key-000000' },
        endpointUrl: org.url,
      });
      expect(r.statusCode).toBe(201);
      const id = await startScan(r.json().id as string, { regions: ['us-east-1'], checks: CHECKS });
      const done = await untilFinal(id);
      expect([done.state, done.failureReason]).toEqual(['completed_with_errors', expect.anything()]);
      expect(done.failureReason).toMatch(new RegExp(`^1 of 4 accounts could not be scanned: ${ORG_MEMBERS[1]}: Cannot assume role OrganizationAccountAccessRole in account ${ORG_MEMBERS[1]}: .*not authorized`));
      const accounts = await withSystem(t.db, (trx) =>
        trx.selectFrom('scan_accounts').select(['account_id', 'state', 'finding_count']).where('scan_id', '=', id).orderBy('account_id').execute(),
      );
      expect(accounts.map((a) => [a.account_id, a.state])).toEqual([
        [ORG_MANAGEMENT, 'completed'],
        [ORG_MEMBERS[0], 'completed'],
        [ORG_MEMBERS[1], 'failed'],
        [ORG_MEMBERS[2], 'completed'],
      ]);
      const perAccount = await withSystem(t.db, async (trx) =>
        Object.fromEntries(
          (await trx.selectFrom('findings').select(['account_id']).select((eb) => eb.fn.countAll<number>().as('n')).where('scan_id', '=', id).groupBy('account_id').execute()).map((x) => [x.account_id, Number(x.n)]),
        ),
      );
      // 3 groups and 1 NACL per account: one finding each per check.
      expect(perAccount).toEqual({ [ORG_MANAGEMENT]: 4, [ORG_MEMBERS[0] as string]: 4, [ORG_MEMBERS[2] as string]: 4 });
      expect(done.findingCount).toBe(12);
      const perAccountApi = (await call('GET', `/scans/${id}/accounts`)).json().items as { accountId: string; state: string; findingCount: number; failureReason: string | null; progress: { unitsDone: number; unitsTotal: number } }[];
      expect(perAccountApi.map((a) => [a.accountId, a.state, a.findingCount])).toEqual([
        [ORG_MANAGEMENT, 'completed', 4],
        [ORG_MEMBERS[0], 'completed', 4],
        [ORG_MEMBERS[1], 'failed', 0],
        [ORG_MEMBERS[2], 'completed', 4],
      ]);
      expect(perAccountApi[2]?.failureReason).toMatch(/Cannot assume role/);
      expect(perAccountApi[0]?.progress.unitsDone).toBe(perAccountApi[0]?.progress.unitsTotal);
      // Overview and compliance per account, and across the organization's accounts.
      const overview = (await call('GET', '/overview')).json();
      for (const a of [ORG_MANAGEMENT, ORG_MEMBERS[0], ORG_MEMBERS[2]]) expect(overview.byAccount[a as string]).toMatchObject({ total: 4 });
      const one = (await call('GET', `/overview?accountId=${ORG_MEMBERS[0]}`)).json();
      expect([one.total, Object.keys(one.byAccount)]).toEqual([4, [ORG_MEMBERS[0]]]);
      expect((await call('GET', '/overview?accountId=12')).statusCode).toBe(400);
      const counted = (body: { requirements: { counts: Record<string, number> }[] }) =>
        body.requirements.reduce((n, r) => n + Object.values(r.counts).reduce((a, b) => a + b, 0), 0);
      const all = (await call('GET', `/scans/${id}/compliance/cis_4.0_aws`)).json();
      const member = (await call('GET', `/scans/${id}/compliance/cis_4.0_aws?accountId=${ORG_MEMBERS[0]}`)).json();
      expect(counted(all)).toBeGreaterThan(0);
      expect(counted(member) * 3).toBe(counted(all));
      // The member role was assumed from the management account's credentials.
      expect(org.assumed.filter((a) => !a.denied).map((a) => a.roleArn.split(':')[4]).sort()).toEqual([ORG_MEMBERS[0], ORG_MEMBERS[2]]);
    } finally {
      await w.stop();
    }
  });
});
