import { describe, expect, it } from 'vitest';
import type { ScanJob, ScanJobHandler, ScanQueue } from './queue.ts';

/** Builds a fresh queue of one adapter around a handler, with a concurrency cap. */
export type QueueFactory = (o: { handler: ScanJobHandler; concurrency: number }) => Promise<ScanQueue> | ScanQueue;

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/**
 * The behaviour every {@link ScanQueue} adapter must have (in-process today, BullMQ
 * later): run each adapter's tests through this suite.
 */
export function scanQueueConformance(adapter: string, make: QueueFactory): void {
  describe(`ScanQueue conformance: ${adapter}`, () => {
    it('runs jobs enqueued before start only after start, with their payload', async () => {
      const seen: ScanJob[] = [];
      const q = await make({ concurrency: 2, handler: async (job) => void seen.push(job) });
      await q.enqueue('s1', 't1');
      await tick();
      expect(seen).toEqual([]);
      await q.start();
      await q.enqueue('s2', 't2');
      for (let i = 0; i < 50 && seen.length < 2; i++) await tick();
      expect(seen.map((j) => `${j.scanId}/${j.tenantId}`).sort()).toEqual(['s1/t1', 's2/t2']);
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
          await tick(30);
          running--;
          done++;
        },
      });
      await q.start();
      for (let i = 0; i < 6; i++) await q.enqueue(`s${i}`, 't');
      for (let i = 0; i < 100 && done < 6; i++) await tick();
      expect(done).toBe(6);
      expect(peak).toBe(2);
      await q.stop();
    });

    it('keeps going after a job fails', async () => {
      const ok: string[] = [];
      const q = await make({
        concurrency: 1,
        handler: async (job) => {
          if (job.scanId === 'bad') throw new Error('boom');
          ok.push(job.scanId);
        },
      });
      await q.start();
      await q.enqueue('bad', 't');
      await q.enqueue('good', 't');
      for (let i = 0; i < 50 && ok.length < 1; i++) await tick();
      expect(ok).toEqual(['good']);
      await q.stop();
    });

    it('stop aborts running jobs through their signal and waits for them', async () => {
      let settled = false;
      const q = await make({
        concurrency: 1,
        handler: async (_job, signal) => {
          await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
          await tick(20);
          settled = true;
        },
      });
      await q.start();
      await q.enqueue('long', 't');
      await tick();
      await q.stop();
      expect(settled).toBe(true);
    });
  });
}
