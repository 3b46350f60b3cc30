import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseCollectContext, runScan } from '@vigil/engine';
import type { ScanUnit, SharedLimiter } from '@vigil/engine';
import { createRedisRateGate } from '../src/worker/redis-rate-gate.ts';
import type { RedisRateGate } from '../src/worker/redis-rate-gate.ts';
import type { Redis } from 'ioredis';
import { TEST_REDIS_URL, connectTestRedis, deleteKeys, freshPrefix } from './fixtures/redis.ts';

describe('Redis rate gate', () => {
  let redis: Redis;
  const prefix = freshPrefix('rate');
  const gates: RedisRateGate[] = [];
  const gate = () => {
    const g = createRedisRateGate({ connection: TEST_REDIS_URL, prefix });
    gates.push(g);
    return g;
  };
  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    for (const g of gates) await g.close();
    if (redis) {
      await deleteKeys(redis, prefix);
      redis.disconnect();
    }
  });

  it('two gates on one key grant no more than the rate together', async () => {
    const [a, b] = [gate(), gate()];
    const rate = 20;
    const signal = new AbortController().signal;
    const grants = { a: 0, b: 0 };
    const total = 40;
    let taken = 0;
    // Each gate takes tokens as fast as it can until `total` were granted in all.
    const drain = async (g: RedisRateGate, who: 'a' | 'b') => {
      while (taken < total) {
        await g.acquire('123456789012|eu-west-1|ec2', rate, signal);
        if (taken >= total) break;
        taken++;
        grants[who]++;
      }
    };
    const start = Date.now();
    await Promise.all([drain(a, 'a'), drain(b, 'b'), drain(a, 'a'), drain(b, 'b')]);
    const elapsedMs = Date.now() - start;
    expect(grants.a + grants.b).toBe(total);
    // A bucket holds `rate` tokens (the burst) and gets `rate` more per second: grants counted over the
    // whole run never exceed that (two buckets, one per gate, would have granted twice as many).
    const allowed = rate + (rate * elapsedMs) / 1000;
    expect(total).toBeLessThanOrEqual(allowed + 1);
    expect(grants.a).toBeGreaterThan(0);
    expect(grants.b).toBeGreaterThan(0);
  });

  it('keys are independent', async () => {
    const g = gate();
    const signal = new AbortController().signal;
    const tokens = async (key: string) => Number((await redis.call('HGET', `${prefix}:rate:${key}`, 'tokens')) as string);
    // A burst of 5 per key: five grants empty k1 and leave k2 alone.
    for (let i = 0; i < 5; i++) await g.acquire('k1', 5, signal);
    await g.acquire('k2', 5, signal);
    expect(await tokens('k1')).toBeLessThan(1);
    expect(await tokens('k2')).toBeGreaterThanOrEqual(3.9);
  });

  it('rejects with the abort reason while it waits', async () => {
    const g = gate();
    const c = new AbortController();
    await g.acquire('slow', 0.5, c.signal); // the one token of the burst
    const waiting = g.acquire('slow', 0.5, c.signal);
    c.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });

  it('lets requests through when Redis cannot be reached (the local limiter still applies)', async () => {
    const errors: unknown[] = [];
    const g = createRedisRateGate({ connection: 'redis://127.0.0.1:1', prefix, onError: (e) => errors.push(e) });
    gates.push(g);
    await g.acquire('k', 1, new AbortController().signal);
    await g.acquire('k', 1, new AbortController().signal);
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('runScan with a shared limiter', () => {
  it('consults it before every API call, keyed by account, region and service, at the configured rate', async () => {
    const asked: string[] = [];
    const shared: SharedLimiter = {
      async acquire(key, rate) {
        asked.push(`${key}@${rate}`);
      },
    };
    let calls = 0;
    const unit: ScanUnit = {
      id: 'u1',
      provider: 'aws',
      account: '123456789012',
      region: 'eu-west-1',
      service: 'ec2',
      resourceType: 'Instance',
      async *run(rt) {
        const ctx = baseCollectContext(rt, { provider: 'aws', account: '123456789012', region: 'eu-west-1', resourceType: 'Instance', attributes: {}, wants: new Set() });
        for (let i = 0; i < 3; i++) await ctx.call('ec2', 'DescribeInstances', async () => void calls++);
        await ctx.call('s3', 'ListBuckets', async () => void calls++);
        yield* []; // lists no resource: only the calls matter here
      },
    };
    for await (const e of runScan({ checks: [], units: [unit], rateFor: (s) => (s === 'ec2' ? 20 : 5), sharedLimiter: shared })) {
      if (e.type === 'error') throw new Error(e.message);
    }
    expect(calls).toBe(4);
    expect(asked).toEqual([...Array(3).fill('123456789012|eu-west-1|ec2@20'), '123456789012|eu-west-1|s3@5']);
  });
});
