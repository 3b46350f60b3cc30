import { createServer, connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAws } from '@vigil/aws/testing/fake-aws';
import { ec2Estate } from '../../../bench/fake-ec2.ts';
import { createTestApp, seedUser } from '../src/testing/index.ts';
import { bullmqJobId, createBullmqQueue } from '../src/worker/bullmq-queue.ts';
import { createScanWorker } from '../src/worker/scan-worker.ts';
import { scanQueueConformance } from '../src/worker/queue.conformance.ts';
import type { ScanJob, ScanQueue } from '../src/worker/queue.ts';
import type { Redis } from 'ioredis';
import { TEST_REDIS_URL, connectTestRedis, deleteKeys, freshPrefix } from './fixtures/redis.ts';

let redis: Redis;
const made: { queue: ScanQueue; prefix: string }[] = [];

beforeAll(async () => {
  redis = await connectTestRedis();
});
afterEach(async () => {
  for (const { queue, prefix } of made.splice(0)) {
    await queue.stop();
    await deleteKeys(redis, prefix);
  }
});
afterAll(() => redis?.disconnect());

scanQueueConformance('BullMQ', (o) => {
  const prefix = freshPrefix('queue');
  const queue = createBullmqQueue({ ...o, connection: TEST_REDIS_URL, prefix, stalledIntervalMs: 1000, lockDurationMs: 2000 });
  made.push({ queue, prefix });
  return queue;
});

describe('bullmqJobId', () => {
  it('is a valid BullMQ custom id (no ":", not an integer) and distinct per job key', () => {
    const ids = [
      bullmqJobId({ kind: 'scan', scanId: 's', tenantId: 't' }),
      bullmqJobId({ kind: 'account', scanId: 's', tenantId: 't', account: '123456789012' }),
      bullmqJobId({ kind: 'account', scanId: 's', tenantId: 't', account: 'a:b' }),
      bullmqJobId({ kind: 'account', scanId: 's%3Aa', tenantId: 't', account: 'b' }),
    ];
    for (const id of ids) expect(id).not.toContain(':');
    expect(new Set(ids).size).toBe(ids.length);
    // The tenant is payload, not identity (as in scanJobKey).
    expect(bullmqJobId({ kind: 'scan', scanId: 's', tenantId: 'other' })).toBe(ids[0]);
  });
});

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, cond: () => boolean, timeoutMs = 15_000, poll?: () => Promise<void>): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await poll?.();
    if (cond()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await tick(20);
  }
}

describe('BullMQ adapter', () => {
  it('puts back a job whose handler gave up because the worker stopped, without using an attempt', async () => {
    const prefix = freshPrefix('queue');
    const exhausted: ScanJob[] = [];
    let started = 0;
    const first = createBullmqQueue({
      connection: TEST_REDIS_URL,
      prefix,
      attempts: 1,
      handler: async (_job, signal) => {
        started++;
        await new Promise((_r, reject) => {
          if (signal.aborted) reject(signal.reason as Error);
          signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
        });
      },
      onExhausted: async (_e, job) => void exhausted.push(job),
    });
    made.push({ queue: first, prefix });
    await first.start();
    await first.enqueue({ kind: 'finalize', scanId: 's', tenantId: 't' });
    await until('the job to start', () => started === 1);
    await first.stop();

    const seen: ScanJob[] = [];
    const second = createBullmqQueue({ connection: TEST_REDIS_URL, prefix, attempts: 1, handler: async (job) => void seen.push(job) });
    made.push({ queue: second, prefix });
    await second.start();
    await until('the job to run again', () => seen.length === 1);
    expect(seen.map((j) => [j.kind, j.scanId])).toEqual([['finalize', 's']]);
    // A redelivery (the closing worker may also have fetched it once more and handed it back at once).
    expect(seen[0]?.attempt).toBeGreaterThanOrEqual(2);
    expect(exhausted).toEqual([]);
  });

  it('a producer-only queue runs onStart but takes no job', async () => {
    const prefix = freshPrefix('queue');
    let recovered = 0;
    const seen: ScanJob[] = [];
    const producer = createBullmqQueue({
      connection: TEST_REDIS_URL,
      prefix,
      consume: false,
      handler: async (job) => void seen.push(job),
      onStart: async () => void recovered++,
    });
    made.push({ queue: producer, prefix });
    await producer.start();
    await producer.enqueue({ kind: 'scan', scanId: 's', tenantId: 't' });
    const consumer = createBullmqQueue({ connection: TEST_REDIS_URL, prefix, handler: async (job) => void seen.push(job) });
    made.push({ queue: consumer, prefix });
    await tick(200);
    expect(seen).toEqual([]);
    await consumer.start();
    await until('the consumer to take the job', () => seen.length === 1);
    expect(recovered).toBe(1);
  });

  it('survives a Redis outage: reconnects and goes on taking jobs', async () => {
    const target = new URL(TEST_REDIS_URL);
    const sockets = new Set<Socket>();
    const proxy = createServer((client) => {
      const upstream = connect({ host: target.hostname, port: Number(target.port || 6379) });
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const port = (proxy.address() as AddressInfo).port;
    const url = `redis://127.0.0.1:${port}`;
    const prefix = freshPrefix('queue');
    const seen: string[] = [];
    const errors: unknown[] = [];
    const q = createBullmqQueue({ connection: url, prefix, handler: async (job) => void seen.push(job.scanId), onConnectionError: (e) => errors.push(e) });
    made.push({ queue: q, prefix });
    try {
      await q.start();
      await q.enqueue({ kind: 'scan', scanId: 'before', tenantId: 't' });
      await until('the first job', () => seen.length === 1);

      // Outage: every connection cut, new ones refused for a moment.
      await new Promise<void>((r) => {
        proxy.close(() => r());
        for (const s of sockets) s.destroy();
      });
      await tick(1500);
      await new Promise<void>((r) => proxy.listen(port, '127.0.0.1', r));

      let enqueued = false;
      const end = Date.now() + 30_000;
      while (!enqueued) {
        try {
          await q.enqueue({ kind: 'scan', scanId: 'after', tenantId: 't' });
          enqueued = true;
        } catch (err) {
          if (Date.now() > end) throw err;
          await tick(200);
        }
      }
      await until('the job enqueued after the outage', () => seen.includes('after'), 30_000);
      expect(seen).toEqual(['before', 'after']);
    } finally {
      await q.stop();
      made.splice(made.findIndex((m) => m.queue === q), 1);
      await deleteKeys(redis, prefix);
      proxy.close();
      for (const s of sockets) s.destroy();
    }
  }, 60_000);
});

describe('scans through BullMQ: the API enqueues, a worker elsewhere runs them', () => {
  it('runs a scan created through the API to completion on a worker consuming the Redis queue', async () => {
    const prefix = freshPrefix('e2e');
    const account = '123456789012';
    const fake = await startFakeAws({ account, regions: ['us-east-1'], handlers: ec2Estate({ vpcsPerRegion: 1, securityGroupsPerVpc: 3, naclsPerVpc: 1, subnetsPerVpc: 1 }, account) });
    // The API's side: producer only, as `vigil serve` with REDIS_URL.
    const t = await createTestApp('postgres', undefined, {
      worker: { queueFactory: (q) => createBullmqQueue({ ...q, connection: TEST_REDIS_URL, prefix, consume: false }) },
    });
    // The worker's side: another scan worker on the same database, consuming.
    const worker = createScanWorker({ db: t.db, secrets: t.deps.secrets, tickMs: 200, queueFactory: (q) => createBullmqQueue({ ...q, connection: TEST_REDIS_URL, prefix }) });
    try {
      const owner = await seedUser(t);
      const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
        t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: owner.authorization }, ...(payload ? { payload } : {}) });
      const p = await call('POST', '/providers', {
        kind: 'aws',
        accountId: account,
        auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'fake-secret-access-key-000000' },
        endpointUrl: fake.url,
      });
      expect(p.statusCode).toBe(201);
      const created = await call('POST', '/scans', {
        providerId: p.json().id,
        name: 'via redis',
        scope: { regions: ['us-east-1'], checks: ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22'] },
      });
      expect(created.statusCode).toBe(202);
      const id = created.json().id as string;
      // Nobody consumes yet: the scan waits in Redis.
      await tick(300);
      expect((await call('GET', `/scans/${id}`)).json().state).toBe('pending');
      expect(Number(await redis.call('LLEN', `${prefix}:vigil-scans:wait`))).toBeGreaterThan(0);

      await worker.start();
      let scan: { state: string; findingCount: number } | undefined;
      await until(
        'the scan to finish',
        () => ['completed', 'completed_with_errors', 'failed', 'cancelled'].includes(scan?.state ?? ''),
        30_000,
        async () => {
          scan = (await call('GET', `/scans/${id}`)).json();
        },
      );
      expect(scan).toMatchObject({ state: 'completed', findingCount: 3 });
    } finally {
      await worker.stop();
      await t.close();
      await fake.close();
      await deleteKeys(redis, prefix);
    }
  }, 60_000);
});
