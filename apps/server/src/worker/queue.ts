/**
 * The scan queue: how the API and the workers hand work to each other. Two adapters
 * implement it with the same behaviour (checked by `queue.conformance.ts`): the
 * in-process one (embedded default) and BullMQ on Redis (`REDIS_URL`).
 *
 * A scan is several jobs: one `scan` job plans it (claims it, resolves the accounts),
 * one `account` job per cloud account prepares it (takes the account's lock, lists its
 * collection units), one `unit` job per (account, region, service) collects and
 * evaluates what needs no other resource, one `evaluate` job per account runs the
 * checks that need the account's whole inventory, and one `finalize` job aggregates.
 * Delivery is at-least-once and the payload is only ids: a handler re-reads the
 * database (its state is the truth) and ignores a job that no longer applies.
 */
export type ScanJobKind = 'scan' | 'account' | 'unit' | 'evaluate' | 'finalize';

/** A job as handled by a worker. */
export interface ScanJob {
  kind: ScanJobKind;
  scanId: string;
  tenantId: string;
  /** The cloud account of an `account`, `unit` or `evaluate` job. */
  account?: string;
  /** The unit number of a `unit` job within its account (1, 2, …; see `scan_units`). */
  unit?: number;
  /** 1 on the first delivery, 2 on the first retry, and so on (set by the queue). */
  attempt: number;
}

/** A job as enqueued. */
export type ScanJobInput = Omit<ScanJob, 'attempt'>;

/** The job's identity: a job whose key is already waiting or running is not added again. */
export function scanJobKey(job: ScanJobInput): string {
  if (job.account === undefined) return `${job.kind}:${job.scanId}`;
  return job.unit === undefined ? `${job.kind}:${job.scanId}:${job.account}` : `${job.kind}:${job.scanId}:${job.account}:${job.unit}`;
}

export interface ScanQueue {
  /** Hands a job to a worker. Call only after the transaction that made it due committed. */
  enqueue(job: ScanJobInput): Promise<void>;
  /** Starts consuming: runs `onStart` (orphan recovery), then jobs. */
  start(): Promise<void>;
  /** Stops consuming: running jobs are aborted through their signal; resolves when they have settled. */
  stop(): Promise<void>;
  /** Removes a scan's waiting jobs (cancel); running ones stop when their handler sees the cancel. */
  discard(scanId: string): Promise<void>;
}

/**
 * Thrown by a handler that cannot run its job yet (the tenant's concurrency cap, an
 * account busy with another scan): the job is delivered again after `delayMs` without
 * counting an attempt.
 */
export class DeferJob extends Error {
  readonly delayMs: number;
  constructor(delayMs: number, reason: string) {
    super(reason);
    this.name = 'DeferJob';
    this.delayMs = delayMs;
  }
}

/** Processes one job; a rejection is retried (up to `attempts`), then reported to `onExhausted`. */
export type ScanJobHandler = (job: ScanJob, signal: AbortSignal) => Promise<void>;

/** What every adapter takes. */
export interface ScanQueueOptions {
  handler: ScanJobHandler;
  /** Jobs run at once by this process. Default 3. */
  concurrency?: number;
  /** Deliveries of a job before it is given up. Default 3. */
  attempts?: number;
  /** Delay before the first retry, doubled for each further one. Default 1000 ms. */
  backoffMs?: number;
  /** Runs before the first job on `start()` (orphan recovery). */
  onStart?: () => Promise<void>;
  /** Where a failed attempt is reported. */
  onError?: (err: unknown, job: ScanJob) => void;
  /** Runs once when a job's last attempt failed (the handler ends the job's work as failed). */
  onExhausted?: (err: unknown, job: ScanJob) => Promise<void>;
}

/** @deprecated name kept for the options of the in-process adapter. */
export type InProcessQueueOptions = ScanQueueOptions;

/**
 * The in-process adapter: a FIFO in memory with a concurrency cap, retries with
 * exponential back-off, de-duplication by job key. Jobs enqueued before `start()` wait;
 * `stop()` aborts running jobs through their signal, drops waiting ones and waits for
 * the running ones to settle (the database sweep recovers their scans on the next start).
 */
export function createInProcessQueue(o: ScanQueueOptions): ScanQueue {
  const concurrency = Math.max(1, o.concurrency ?? 3);
  const attempts = Math.max(1, o.attempts ?? 3);
  const backoffMs = o.backoffMs ?? 1000;
  const waiting: ScanJob[] = [];
  const keys = new Set<string>();
  const timers = new Map<NodeJS.Timeout, ScanJob>();
  const running = new Map<Promise<void>, AbortController>();
  let started = false;
  let stopped = false;

  /** Handles a failed attempt; true when the job was scheduled again (its key stays taken). */
  const settle = async (job: ScanJob, err: unknown, signal: AbortSignal): Promise<boolean> => {
    if (signal.aborted && stopped) return false;
    const deferred = err instanceof DeferJob;
    if (!deferred) o.onError?.(err, job);
    if (deferred || job.attempt < attempts) {
      const delay = deferred ? err.delayMs : backoffMs * 2 ** (job.attempt - 1);
      const next = deferred ? job : { ...job, attempt: job.attempt + 1 };
      const t = setTimeout(() => {
        timers.delete(t);
        if (stopped) return;
        waiting.push(next);
        pump();
      }, delay);
      timers.set(t, job);
      return true;
    }
    await o.onExhausted?.(err, job);
    return false;
  };

  const pump = () => {
    while (started && !stopped && running.size < concurrency && waiting.length > 0) {
      const job = waiting.shift() as ScanJob;
      const controller = new AbortController();
      const p: Promise<void> = o
        .handler(job, controller.signal)
        .then(
          () => false,
          (err: unknown) => settle(job, err, controller.signal),
        )
        .catch((err: unknown) => {
          o.onError?.(err, job);
          return false;
        })
        .then((retrying) => {
          // The key stays taken while the job runs or waits for its retry: enqueueing it meanwhile is a no-op.
          if (!retrying) keys.delete(scanJobKey(job));
          running.delete(p);
          pump();
        });
      running.set(p, controller);
    }
  };

  return {
    async enqueue(input) {
      if (stopped) return;
      const key = scanJobKey(input);
      if (keys.has(key)) return;
      keys.add(key);
      waiting.push({ ...input, attempt: 1 });
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
      for (const t of timers.keys()) clearTimeout(t);
      timers.clear();
      for (const c of running.values()) c.abort(new Error('the worker is stopping'));
      await Promise.allSettled([...running.keys()]);
    },
    async discard(scanId) {
      for (let i = waiting.length - 1; i >= 0; i--) {
        const job = waiting[i] as ScanJob;
        if (job.scanId === scanId) {
          waiting.splice(i, 1);
          keys.delete(scanJobKey(job));
        }
      }
      for (const [t, job] of timers) {
        if (job.scanId !== scanId) continue;
        clearTimeout(t);
        timers.delete(t);
        keys.delete(scanJobKey(job));
      }
    },
  };
}
