/**
 * The scan queue: how the API hands a scan to a worker. Deliberately narrow so that a
 * BullMQ adapter can implement it later with the same behaviour.
 *
 * Delivery is at-least-once and the payload is only ids: the worker re-reads the scan
 * (its state is the truth) and ignores a job whose scan is no longer `pending`.
 */
export interface ScanQueue {
  /** Hands a committed `pending` scan to a worker. Call only after the transaction that created it committed. */
  enqueue(scanId: string, tenantId: string): Promise<void>;
  /** Starts consuming: recovers orphaned scans, then runs jobs. */
  start(): Promise<void>;
  /** Stops consuming: running scans are aborted (and end as failed, saying the server stopped); resolves when they have settled. */
  stop(): Promise<void>;
}

/** A job as handled by a worker. */
export interface ScanJob {
  scanId: string;
  tenantId: string;
}

/** Processes one job; resolves when the scan reached a final state. */
export type ScanJobHandler = (job: ScanJob, signal: AbortSignal) => Promise<void>;

export interface InProcessQueueOptions {
  handler: ScanJobHandler;
  /** Jobs run at once (scans of different providers). Default 3. */
  concurrency?: number;
  /** Runs before the first job on `start()` (orphan recovery). */
  onStart?: () => Promise<void>;
  /** Where a job's unexpected failure is reported. */
  onError?: (err: unknown, job: ScanJob) => void;
}

/**
 * The in-process adapter: a FIFO in memory with a concurrency cap. Jobs enqueued
 * before `start()` wait; `stop()` aborts running jobs through their signal and waits
 * for them to settle.
 */
export function createInProcessQueue(o: InProcessQueueOptions): ScanQueue {
  const concurrency = Math.max(1, o.concurrency ?? 3);
  const waiting: ScanJob[] = [];
  const running = new Map<Promise<void>, AbortController>();
  let started = false;
  let stopped = false;

  const pump = () => {
    while (started && !stopped && running.size < concurrency && waiting.length > 0) {
      const job = waiting.shift() as ScanJob;
      const controller = new AbortController();
      const p: Promise<void> = o
        .handler(job, controller.signal)
        .catch((err: unknown) => o.onError?.(err, job))
        .finally(() => {
          running.delete(p);
          pump();
        });
      running.set(p, controller);
    }
  };

  return {
    async enqueue(scanId, tenantId) {
      if (stopped) return;
      if (waiting.some((j) => j.scanId === scanId)) return;
      waiting.push({ scanId, tenantId });
      pump();
    },
    async start() {
      if (started) return;
      started = true;
      await o.onStart?.();
      pump();
    },
    async stop() {
      stopped = true;
      waiting.length = 0;
      for (const c of running.values()) c.abort(new Error('the worker is stopping'));
      await Promise.allSettled([...running.keys()]);
    },
  };
}
