import { describe, expect, it } from 'vitest';
import { DeferJob } from './queue.ts';
import type { ScanJob, ScanJobHandler, ScanQueue, ScanQueueOptions } from './queue.ts';

/** Builds a fresh queue of one adapter (a fresh namespace: no jobs of another test). */
export type QueueFactory = (o: ScanQueueOptions & { handler: ScanJobHandler; concurrency: number }) => Promise<ScanQueue> | ScanQueue;

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await tick();
  }
}

/**
 * The behaviour every {@link ScanQueue} adapter must have (in-process and BullMQ): run
 * each adapter's tests through this suite.
 */
export function scanQueueConformance(adapter: string, make: QueueFactory): void {
  describe(`ScanQueue conformance: ${adapter}`, () => {
    it('runs jobs enqueued before start only after start, with their payload', async () => {
      const seen: ScanJob[] = [];
      const q = await make({ concurrency: 2, handler: async (job) => void seen.push(job) });
      await q.enqueue({ kind: 'scan', scanId: 's1', tenantId: 't1' });
      await tick(100);
      expect(seen).toEqual([]);
      await q.start();
      await q.enqueue({ kind: 'account', scanId: 's2', tenantId: 't2', account: '123456789012' });
      await until(() => seen.length >= 2);
      expect(seen.map((j) => `${j.kind}/${j.scanId}/${j.tenantId}/${j.account ?? '-'}/${j.attempt}`).sort()).toEqual([
        'account/s2/t2/123456789012/1',
        'scan/s1/t1/-/1',
      ]);
      await q.stop();
    });

    it('never runs more jobs at once than its concurrency', async () => {
      let running = 0;
      let peak = 0;
      let done = 0;
      const q = await make({
        concurrency: 2,
        handler: async () => {
          peak = Math.max(peak, ++running);
          await tick(40);
          running--;
          done++;
        },
      });
      await q.start();
      for (let i = 0; i < 6; i++) await q.enqueue({ kind: 'scan', scanId: `s${i}`, tenantId: 't' });
      await until(() => done === 6);
      expect(peak).toBe(2);
      await q.stop();
    });

    it('does not add a job whose key is already waiting or running', async () => {
      const seen: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const q = await make({
        concurrency: 1,
        handler: async (job) => {
          seen.push(`${job.kind}:${job.account ?? ''}`);
          await gate;
        },
      });
      await q.start();
      await q.enqueue({ kind: 'account', scanId: 's', tenantId: 't', account: 'a' });
      await until(() => seen.length === 1);
      await q.enqueue({ kind: 'account', scanId: 's', tenantId: 't', account: 'a' }); // running
      await q.enqueue({ kind: 'account', scanId: 's', tenantId: 't', account: 'b' });
      await q.enqueue({ kind: 'account', scanId: 's', tenantId: 't', account: 'b' }); // waiting
      release();
      await until(() => seen.length >= 2);
      await tick(200);
      expect(seen).toEqual(['account:a', 'account:b']);
      await q.stop();
    });

    it('retries a failing job with a growing attempt number, then reports it once as exhausted', async () => {
      const attempts: number[] = [];
      const exhausted: ScanJob[] = [];
      const ok: string[] = [];
      const q = await make({
        concurrency: 1,
        attempts: 3,
        backoffMs: 10,
        handler: async (job) => {
          if (job.scanId === 'bad') {
            attempts.push(job.attempt);
            throw new Error('boom');
          }
          ok.push(job.scanId);
        },
        onExhausted: async (_err, job) => void exhausted.push(job),
      });
      await q.start();
      await q.enqueue({ kind: 'finalize', scanId: 'bad', tenantId: 't' });
      await q.enqueue({ kind: 'finalize', scanId: 'good', tenantId: 't' });
      await until(() => exhausted.length === 1 && ok.length === 1);
      await tick(100);
      expect(attempts).toEqual([1, 2, 3]);
      expect(exhausted.map((j) => [j.kind, j.scanId, j.attempt])).toEqual([['finalize', 'bad', 3]]);
      expect(ok).toEqual(['good']);
      await q.stop();
    });

    it('succeeds on a retry without reporting the job as exhausted', async () => {
      let calls = 0;
      let exhausted = 0;
      const q = await make({
        concurrency: 1,
        attempts: 3,
        backoffMs: 10,
        handler: async () => {
          if (++calls === 1) throw new Error('transient');
        },
        onExhausted: async () => void exhausted++,
      });
      await q.start();
      await q.enqueue({ kind: 'scan', scanId: 's', tenantId: 't' });
      await until(() => calls === 2);
      await tick(100);
      expect(calls).toBe(2);
      expect(exhausted).toBe(0);
      await q.stop();
    });

    it('delivers a deferred job again later without spending an attempt or reporting an error', async () => {
      const attempts: number[] = [];
      let errors = 0;
      let exhausted = 0;
      let done = false;
      const q = await make({
        concurrency: 1,
        attempts: 2,
        backoffMs: 10,
        handler: async (job) => {
          attempts.push(job.attempt);
          if (attempts.length <= 3) throw new DeferJob(30, 'the account is busy');
          done = true;
        },
        onError: () => void errors++,
        onExhausted: async () => void exhausted++,
      });
      await q.start();
      await q.enqueue({ kind: 'account', scanId: 's', tenantId: 't', account: 'a' });
      await until(() => done);
      expect(attempts).toHaveLength(4);
      expect([errors, exhausted]).toEqual([0, 0]);
      await q.stop();
    });

    it('discard removes the waiting jobs of one scan only', async () => {
      const seen: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const q = await make({
        concurrency: 1,
        handler: async (job) => {
          seen.push(`${job.scanId}:${job.account ?? ''}`);
          if (job.scanId === 'first') await gate;
        },
      });
      await q.start();
      await q.enqueue({ kind: 'scan', scanId: 'first', tenantId: 't' });
      await until(() => seen.length === 1);
      await q.enqueue({ kind: 'account', scanId: 'cancelled', tenantId: 't', account: 'a' });
      await q.enqueue({ kind: 'account', scanId: 'cancelled', tenantId: 't', account: 'b' });
      await q.enqueue({ kind: 'account', scanId: 'kept', tenantId: 't', account: 'a' });
      await q.discard('cancelled');
      release();
      await until(() => seen.includes('kept:a'));
      await tick(200);
      expect(seen).toEqual(['first:', 'kept:a']);
      await q.stop();
    });

    it('stop aborts running jobs through their signal and waits for them', async () => {
      let settled = false;
      let started = false;
      const q = await make({
        concurrency: 1,
        handler: async (_job, signal) => {
          started = true;
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
          await tick(20);
          settled = true;
        },
      });
      await q.start();
      await q.enqueue({ kind: 'scan', scanId: 'long', tenantId: 't' });
      await until(() => started);
      await q.stop();
      expect(settled).toBe(true);
    });
  });
}
