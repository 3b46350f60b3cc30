import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { withSystem } from '@vigil/db';
import { startFakeAws } from '@vigil/aws/testing/fake-aws';
import type { FakeAws } from '@vigil/aws/testing/fake-aws';
import { ec2Estate } from '../../../bench/fake-ec2.ts';
import { createScanWorker } from '../src/worker/scan-worker.ts';
import { TEST_ENGINES, createTestApp, seedUser } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';

const ACCOUNT = '123456789012';
const CHECKS = ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22', 'ec2_networkacl_allow_ingress_tcp_port_22'];
const FINAL = ['completed', 'completed_with_errors', 'failed', 'cancelled'];

interface SseEvent {
  id: number;
  event: string;
  data: Record<string, unknown>;
}

/** Reads a server-sent event stream to its end. */
function readSse(url: string, headers: Record<string, string>): Promise<{ status: number; events: SseEvent[] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        const events = text
          .split('\n\n')
          .filter((block) => block.includes('data: '))
          .map((block) => {
            const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
            return { id: Number(field('id')), event: field('event'), data: JSON.parse(field('data')) as Record<string, unknown> };
          });
        resolve({ status: res.statusCode ?? 0, events });
      });
    });
    req.on('error', reject);
    req.setTimeout(20_000, () => req.destroy(new Error('SSE stream did not end')));
    req.end();
  });
}

async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(TEST_ENGINES)('scans on %s', (engine) => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let fake: FakeAws;
  let slow: FakeAws;
  let base: string;

  beforeAll(async () => {
    [t, fake, slow] = await Promise.all([
      createTestApp(engine, undefined, { worker: { tickMs: 200, concurrency: 3, batchSize: 10 } }),
      startFakeAws({ account: ACCOUNT, regions: ['us-east-1', 'eu-west-1'], handlers: ec2Estate({ vpcsPerRegion: 2, securityGroupsPerVpc: 7, naclsPerVpc: 2, subnetsPerVpc: 2 }, ACCOUNT) }),
      startFakeAws({ account: ACCOUNT, latencyMs: 400, handlers: ec2Estate({ vpcsPerRegion: 2, securityGroupsPerVpc: 3, naclsPerVpc: 1, subnetsPerVpc: 1, pageSize: 1 }, ACCOUNT) }),
    ]);
    owner = await seedUser(t);
    other = await seedUser(t);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
    await slow.close();
  });

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: user.authorization, ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  const provider = async (user: TestUser, endpointUrl: string, accountId = ACCOUNT): Promise<string> => {
    const r = await call(user, 'POST', '/providers', {
      kind: 'aws',
      accountId,
      auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'fake-secret-access-key-000000' },
      endpointUrl,
    });
    expect(r.statusCode).toBe(201);
    return r.json().id as string;
  };
  const scanState = async (user: TestUser, id: string) => (await call(user, 'GET', `/scans/${id}`)).json() as { state: string } & Record<string, unknown>;
  const untilFinal = (user: TestUser, id: string, timeoutMs?: number) =>
    waitFor(async () => {
      const s = await scanState(user, id);
      return FINAL.includes(s.state) ? s : undefined;
    }, timeoutMs);

  it('runs a scan end to end: SSE to completion, findings stored, status with ETag', async () => {
    const providerId = await provider(owner, fake.url);
    const created = await call(owner, 'POST', '/scans', { providerId, name: 'first', scope: { regions: ['us-east-1', 'eu-west-1'], checks: CHECKS } });
    expect(created.statusCode).toBe(202);
    const scan = created.json();
    expect(scan).toMatchObject({ providerId, name: 'first', state: 'pending', scope: { checks: CHECKS } });

    const sse = await readSse(`${base}/scans/${scan.id}/events`, { authorization: owner.authorization });
    expect(sse.status).toBe(200);
    const states = sse.events.filter((e) => e.event === 'state').map((e) => e.data.state);
    expect(states[0]).toBe('pending');
    expect(states).toContain('running');
    expect(states.at(-1)).toBe('completed');
    expect(sse.events.at(-1)?.event).toBe('state');
    const ids = sse.events.map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(sse.events.some((e) => e.event === 'progress')).toBe(true);

    const done = (await call(owner, 'GET', `/scans/${scan.id}`)).json();
    // 2 regions × 2 VPCs × 7 groups and 2 regions × 2 VPCs × 2 NACLs, one finding each.
    // Progress: 2 collectors × 2 regions, and the account's evaluation step.
    expect(done).toMatchObject({ state: 'completed', findingCount: 28 + 8, errorCount: 0, progress: { unitsTotal: 5, unitsDone: 5 } });
    expect(done.counts.status.FAIL).toBeGreaterThan(0);
    expect(done.counts.status.FAIL + (done.counts.status.PASS ?? 0)).toBe(36);
    expect(done.apiCalls).toBeGreaterThan(0);
    expect(done.startedAt).toBeTruthy();
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    const rows = await withSystem(t.db, (trx) =>
      trx.selectFrom('findings').select(['status', sql<number>`count(*)::int`.as('n')]).where('scan_id', '=', scan.id).groupBy('status').execute(),
    );
    expect(Object.fromEntries(rows.map((r) => [r.status, r.n]))).toEqual(done.counts.status);
    const stored = await withSystem(t.db, (trx) => trx.selectFrom('scans').select(['worker_id', 'heartbeat_at']).where('id', '=', scan.id).executeTakeFirstOrThrow());
    expect(stored.worker_id).toBeTruthy();
    expect(stored.heartbeat_at).toBeInstanceOf(Date);

    // Resuming after an event replays only what followed it.
    const resumed = await readSse(`${base}/scans/${scan.id}/events`, { authorization: owner.authorization, 'last-event-id': String(ids[1]) });
    expect(resumed.events.map((e) => e.id)).toEqual(ids.slice(2));

    const status = await call(owner, 'GET', `/scans/${scan.id}/status`);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ state: 'completed', progress: { unitsDone: 5, unitsTotal: 5 } });
    const etag = status.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await call(owner, 'GET', `/scans/${scan.id}/status`, undefined, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const list = (await call(owner, 'GET', `/scans?providerId=${providerId}&state=completed`)).json();
    expect(list.items.map((s: { id: string }) => s.id)).toEqual([scan.id]);

    // Another tenant sees none of it.
    for (const url of [`/scans/${scan.id}`, `/scans/${scan.id}/status`, `/scans/${scan.id}/events`]) {
      expect((await call(other, 'GET', url)).statusCode).toBe(404);
    }
    expect((await call(other, 'PATCH', `/scans/${scan.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await call(other, 'DELETE', `/scans/${scan.id}`)).statusCode).toBe(404);
    expect((await call(other, 'POST', '/scans', { providerId })).statusCode).toBe(404);
    expect((await call(other, 'GET', '/scans')).json().items).toEqual([]);
    expect((await readSse(`${base}/scans/${scan.id}/events`, { authorization: other.authorization })).status).toBe(404);

    // A finished scan can be deleted, with its findings.
    expect((await call(owner, 'DELETE', `/scans/${scan.id}`)).statusCode).toBe(204);
    expect((await call(owner, 'GET', `/scans/${scan.id}`)).statusCode).toBe(404);
    const left = await withSystem(t.db, (trx) => trx.selectFrom('findings').select(sql<number>`count(*)::int`.as('n')).where('scan_id', '=', scan.id).executeTakeFirstOrThrow());
    expect(left.n).toBe(0);
  });

  it("runs the tenant's custom checks and honours its overrides like built-in checks", async () => {
    const u = await seedUser(t, { tenantName: 'Custom' });
    const custom = {
      checkId: 'custom_sg_named_by_team',
      service: 'ec2',
      title: 'Security groups follow the app-<vpc>-<n> naming convention',
      severity: 'low',
      resourceType: 'AwsEc2SecurityGroup',
      description: 'Company naming policy.',
      risk: 'Unowned groups are hard to review.',
      remediation: { recommendation: 'Rename the group.' },
      rule: { path: 'groupName', regex: '^app-' },
    };
    expect((await call(u, 'POST', '/checks/custom', custom)).statusCode).toBe(201);
    // A disabled built-in check cannot be scanned for.
    expect((await call(u, 'PATCH', `/checks/${CHECKS[0]}`, { disabled: true })).statusCode).toBe(200);
    const providerId = await provider(u, fake.url);
    const refused = await call(u, 'POST', '/scans', { providerId, scope: { checks: [CHECKS[0]] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('is disabled in this tenant');
    const created = await call(u, 'POST', '/scans', { providerId, scope: { regions: ['us-east-1'], checks: [custom.checkId, ...CHECKS.slice(1)] } });
    expect(created.statusCode, created.body).toBe(202);
    await untilFinal(u, created.json().id);
    const rows = await withSystem(t.db, (trx) =>
      trx.selectFrom('findings').select(['check_id', 'status', sql<number>`count(*)::int`.as('n')]).where('scan_id', '=', created.json().id).groupBy(['check_id', 'status']).execute(),
    );
    const byCheck = (id: string) => rows.filter((r) => r.check_id === id);
    // 2 VPCs × 7 groups in us-east-1; the default group of each VPC is named "default".
    expect(Object.fromEntries(byCheck(custom.checkId).map((r) => [r.status, r.n]))).toEqual({ PASS: 12, FAIL: 2 });
  });

  it('allows one active scan per account: 409, or queued and run after; cancel stops a slow scan within seconds', async () => {
    // Each account is registered once per tenant: this test gets a tenant of its own.
    const me = await seedUser(t);
    const providerId = await provider(me, slow.url);
    const first = await call(me, 'POST', '/scans', { providerId, scope: { regions: ['us-east-1', 'eu-west-1'], services: ['ec2'] } });
    expect(first.statusCode).toBe(202);
    const a = first.json();
    const busy = await call(me, 'POST', '/scans', { providerId });
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ code: 'CONFLICT', details: { activeScanId: a.id } });
    const queued = await call(me, 'POST', '/scans?queue=true', { providerId, scope: { regions: ['us-east-1'], checks: CHECKS } });
    expect(queued.statusCode).toBe(202);
    const b = queued.json();
    expect(b.state).toBe('queued');
    expect((await call(me, 'DELETE', `/scans/${a.id}`)).statusCode).toBe(409);
    const providerBusy = await call(me, 'DELETE', `/providers/${providerId}`);
    expect(providerBusy.statusCode).toBe(409);
    expect(providerBusy.json().details.activeScanId).toBe(a.id);

    await waitFor(async () => ((await scanState(me, a.id)).state === 'running' ? true : undefined));
    const cancelAt = Date.now();
    const cancel = await call(me, 'PATCH', `/scans/${a.id}`, { cancel: true });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json().cancelRequestedAt).toBeTruthy();
    const ended = await untilFinal(me, a.id, 10_000);
    expect(ended.state).toBe('cancelled');
    expect(Date.now() - cancelAt).toBeLessThan(3_000);
    expect(ended.failureReason).toBe('Cancelled on request.');
    expect((await call(me, 'PATCH', `/scans/${a.id}`, { cancel: true })).statusCode).toBe(409);

    // The queued scan starts once the account is free, and completes.
    const bDone = await untilFinal(me, b.id, 20_000);
    expect(bDone.state).toBe('completed');
    expect(bDone.findingCount).toBeGreaterThan(0);
  });

  it('cancels a scan that has not started yet and fails one whose credentials are refused', async () => {
    const providerId = await provider(owner, fake.url, '333344445555');
    const scan = (await call(owner, 'POST', '/scans', { providerId, scope: { checks: CHECKS } })).json();
    const ended = await untilFinal(owner, scan.id);
    expect(ended).toMatchObject({ state: 'failed' });
    expect(ended.failureReason).toContain('123456789012');
    expect(ended.failureReason).toContain('333344445555');

    const queuedProvider = await provider(owner, slow.url, '444455556666');
    await withSystem(t.db, (trx) =>
      trx.insertInto('scans').values({ tenant_id: owner.tenantId, provider_id: queuedProvider, state: 'queued', scope: '{}' }).execute(),
    );
    const q = (await call(owner, 'GET', `/scans?providerId=${queuedProvider}`)).json().items[0];
    const c = await call(owner, 'PATCH', `/scans/${q.id}`, { cancel: true, name: 'never mind' });
    expect(c.json()).toMatchObject({ state: 'cancelled', name: 'never mind' });
  });

  it('validates scans: unknown checks, services and frameworks get the engine\'s suggestion; never a 500', async () => {
    const providerId = await provider(owner, fake.url, '666677778888');
    const unknownCheck = await call(owner, 'POST', '/scans', { providerId, scope: { checks: ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_2'] } });
    expect(unknownCheck.statusCode).toBe(400);
    expect(unknownCheck.json().message).toMatch(/Unknown check .*Did you mean/i);
    const unknownService = await call(owner, 'POST', '/scans', { providerId, scope: { services: ['ec3'] } });
    expect(unknownService.statusCode).toBe(400);
    expect(unknownService.json().message).toContain('ec2');
    const unknownFramework = await call(owner, 'POST', '/scans', { providerId, scope: { compliance: ['cis_4.0_awz'] } });
    expect(unknownFramework.statusCode).toBe(400);
    expect(unknownFramework.json().message).toContain('cis_4.0_aws');
    for (const body of [
      { providerId: 'nope' },
      { providerId, extra: 1 },
      { providerId, scope: { regions: ['mars-1'] } },
      { providerId, scope: { severities: ['urgent'] } },
      { providerId, scope: { checks: [] } },
      { providerId, name: 'n'.repeat(201) },
    ]) {
      const r = await call(owner, 'POST', '/scans', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await call(owner, 'POST', '/scans', { providerId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await call(owner, 'GET', '/scans/not-a-uuid')).statusCode).toBe(400);
    expect((await call(owner, 'GET', '/scans?state=sleeping')).statusCode).toBe(400);
    expect((await call(owner, 'GET', '/scans?limit=1000')).statusCode).toBe(400);
    expect((await call(owner, 'GET', '/scans?cursor=zzz')).statusCode).toBe(400);
    expect((await call(owner, 'PATCH', '/scans/00000000-0000-4000-8000-000000000000', { cancel: false })).statusCode).toBe(400);
    const reader = await seedUser(t, { tenantId: owner.tenantId, role: 'read_only' });
    expect((await call(reader, 'POST', '/scans', { providerId })).statusCode).toBe(403);
  });

  it('fails scans orphaned by a crashed worker on start, and runs the pending ones', async () => {
    const u = await seedUser(t);
    const p2 = await provider(u, fake.url);
    const orphan = await withSystem(t.db, (trx) =>
      trx
        .insertInto('scans')
        .values({ tenant_id: u.tenantId, provider_id: p2, state: 'running', scope: '{}', worker_id: 'dead', heartbeat_at: new Date(Date.now() - 10 * 60_000), started_at: new Date(Date.now() - 11 * 60_000) })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const waiting = await withSystem(t.db, (trx) =>
      trx
        .insertInto('scans')
        .values({ tenant_id: u.tenantId, provider_id: p2, state: 'queued', scope: JSON.stringify({ regions: ['us-east-1'], checks: CHECKS }) })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const worker = createScanWorker({ db: t.db, secrets: t.deps.secrets, tickMs: 200 });
    await worker.start();
    try {
      const failed = (await call(u, 'GET', `/scans/${orphan.id}`)).json();
      expect(failed.state).toBe('failed');
      expect(failed.failureReason).toMatch(/worker running this scan stopped.*last heartbeat/);
      const events = await readSse(`${base}/scans/${orphan.id}/events`, { authorization: u.authorization });
      expect(events.events.at(-1)?.data.state).toBe('failed');
      expect((await untilFinal(u, waiting.id)).state).toBe('completed');
    } finally {
      await worker.stop();
    }
  });
});
