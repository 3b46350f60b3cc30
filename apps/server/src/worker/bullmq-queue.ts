import { DelayedError, Queue, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Job, JobType } from 'bullmq';
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { Value } from 'typebox/value';
import { DeferJob, scanJobKey } from './queue.ts';
import type { ScanJob, ScanJobInput, ScanQueue, ScanQueueOptions } from './queue.ts';

/** The BullMQ queue the API and the workers share (a stable public name: never rename). */
export const SCAN_QUEUE_NAME = 'vigil-scans';

/** A job's payload as stored in Redis: checked again when a worker takes it. */
const ScanJobPayload = Type.Object({
  kind: Type.Union([Type.Literal('scan'), Type.Literal('account'), Type.Literal('unit'), Type.Literal('evaluate'), Type.Literal('finalize')]),
  scanId: Type.String({ minLength: 1 }),
  tenantId: Type.String({ minLength: 1 }),
  account: Type.Optional(Type.String({ minLength: 1 })),
  unit: Type.Optional(Type.Integer({ minimum: 0 })),
});
type ScanJobPayload = Static<typeof ScanJobPayload>;

export interface BullmqQueueOptions extends ScanQueueOptions {
  /** Redis URL: `redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS. */
  connection: string;
  /** Redis key prefix of every key of the queue. Default `vigil`. */
  prefix?: string;
  /** False: producer only (`vigil serve` with workers elsewhere): `start()` runs `onStart` but takes no job. Default true. */
  consume?: boolean;
  /** How often a worker looks for jobs whose worker died (lock expired). Default 30 000 ms. */
  stalledIntervalMs?: number;
  /** How long a job's lock lasts without renewal (renewed at half of it while the handler runs). Default 30 000 ms. */
  lockDurationMs?: number;
  /** Where Redis connection errors go (the connections reconnect by themselves). */
  onConnectionError?: (err: unknown) => void;
}

/**
 * The job id in BullMQ: the job key with `%` and `:` escaped, because BullMQ refuses
 * custom ids containing `:` (it separates Redis key parts) and ids that are integers
 * (a key always contains a `:`, so never an integer). Injective, so two keys never share an id.
 */
export function bullmqJobId(job: ScanJobInput): string {
  return scanJobKey(job).replaceAll('%', '%25').replaceAll(':', '%3A');
}

const payloadOf = (job: ScanJobInput): ScanJobPayload => ({
  kind: job.kind,
  scanId: job.scanId,
  tenantId: job.tenantId,
  ...(job.account === undefined ? {} : { account: job.account }),
  ...(job.unit === undefined ? {} : { unit: job.unit }),
});

/**
 * The BullMQ adapter of {@link ScanQueue}: many worker processes on many machines share
 * one Redis. Same behaviour as the in-process adapter (`queue.conformance.ts`):
 *
 * - the job id is derived from {@link scanJobKey}, and finished jobs are removed, so a
 *   job is not added again while it waits, runs or waits for its retry;
 * - a failed attempt is retried after `backoffMs`, doubled each time; `attempt` is the
 *   delivery number (a redelivery after a crash counts too);
 * - `onExhausted` runs inside the processor of the last attempt, so once in the whole
 *   cluster, whichever worker ran it;
 * - a worker that dies loses its job locks; another worker's stalled check puts its
 *   jobs back after `stalledIntervalMs` (a job stalled more than `attempts` times is
 *   failed by BullMQ without `onExhausted`: the scan worker's heartbeat sweep ends it);
 * - `stop()` aborts the running handlers; a handler that gives up because of it puts
 *   its job back in the queue for another worker without using an attempt.
 *
 * The connections reconnect with back-off after a Redis outage; meanwhile `enqueue`
 * rejects and workers wait.
 */
export function createBullmqQueue(o: BullmqQueueOptions): ScanQueue {
  const concurrency = Math.max(1, o.concurrency ?? 3);
  const attempts = Math.max(1, o.attempts ?? 3);
  const backoffMs = o.backoffMs ?? 1000;
  const prefix = o.prefix ?? 'vigil';
  const onConnectionError = o.onConnectionError ?? (() => undefined);
  const clients: Redis[] = [];
  const connect = () => {
    // BullMQ's blocking commands need maxRetriesPerRequest: null; ioredis reconnects with back-off by itself.
    const client = new Redis(o.connection, { maxRetriesPerRequest: null });
    // An 'error' event without a listener would be logged by ioredis on every reconnection attempt.
    client.on('error', onConnectionError);
    clients.push(client);
    return client;
  };

  const queue = new Queue<ScanJobPayload>(SCAN_QUEUE_NAME, {
    connection: connect(),
    prefix,
    defaultJobOptions: {
      attempts,
      backoff: { type: 'exponential', delay: backoffMs },
      removeOnComplete: true,
      removeOnFail: true,
    },
  });
  queue.on('error', onConnectionError);

  let worker: Worker<ScanJobPayload> | undefined;
  let started = false;
  let stopping = false;
  const running = new Set<AbortController>();

  const processJob = async (bj: Job<ScanJobPayload>, token?: string, bullSignal?: AbortSignal): Promise<void> => {
    if (!Value.Check(ScanJobPayload, bj.data)) {
      throw new UnrecoverableError(`scan job ${bj.id ?? '?'} has an invalid payload; dropped`);
    }
    const job: ScanJob = { ...bj.data, attempt: bj.attemptsStarted };
    if (stopping && token) {
      // Fetched while the worker was closing: leave it to another worker.
      await bj.moveToWait(token);
      throw new WaitingError();
    }
    const controller = new AbortController();
    const onCancel = () => controller.abort(bullSignal?.reason);
    bullSignal?.addEventListener('abort', onCancel, { once: true });
    running.add(controller);
    try {
      await o.handler(job, controller.signal);
    } catch (err) {
      if (err instanceof DeferJob && token && !stopping) {
        // Not yet (a busy account, the tenant's cap): back in the queue later, attempts untouched.
        await bj.moveToDelayed(Date.now() + err.delayMs, token);
        throw new DelayedError();
      }
      o.onError?.(err, job);
      if (stopping && controller.signal.aborted && token) {
        // Not the job's fault: another worker takes it, and it keeps its attempts.
        await bj.moveToWait(token);
        throw new WaitingError();
      }
      if (bj.attemptsMade + 1 >= attempts) {
        try {
          await o.onExhausted?.(err, job);
        } catch (e) {
          o.onError?.(e, job);
        }
        throw new UnrecoverableError(err instanceof Error ? err.message : String(err));
      }
      throw err;
    } finally {
      running.delete(controller);
      bullSignal?.removeEventListener('abort', onCancel);
    }
  };

  return {
    async enqueue(input) {
      if (stopping) return;
      // An id already in the queue (waiting, delayed, running) makes `add` a no-op.
      await queue.add(input.kind, payloadOf(input), { jobId: bullmqJobId(input) });
    },
    async start() {
      if (started || stopping) return;
      started = true;
      await o.onStart?.();
      if (o.consume === false || stopping) return;
      worker = new Worker<ScanJobPayload>(SCAN_QUEUE_NAME, processJob, {
        connection: connect(),
        prefix,
        concurrency,
        stalledInterval: o.stalledIntervalMs ?? 30_000,
        lockDuration: o.lockDurationMs ?? 30_000,
        maxStalledCount: attempts,
      });
      worker.on('error', onConnectionError);
    },
    async stop() {
      stopping = true;
      for (const c of running) c.abort(new Error('the worker is stopping'));
      try {
        await worker?.close();
        await queue.close();
      } finally {
        for (const c of clients) c.disconnect();
      }
    },
    async discard(scanId) {
      // Job ids cannot be listed by scan: page through the jobs not yet running.
      const states: JobType[] = ['waiting', 'delayed', 'prioritized'];
      const page = 500;
      const doomed: string[] = [];
      for (let start = 0; ; start += page) {
        const jobs = await queue.getJobs(states, start, start + page - 1, true);
        for (const j of jobs) if ((j.data as Partial<ScanJobPayload> | undefined)?.scanId === scanId && j.id) doomed.push(j.id);
        if (jobs.length === 0) break;
      }
      for (const id of doomed) {
        try {
          await queue.remove(id);
        } catch {
          // Taken by a worker meanwhile: its handler sees the cancel in the database.
        }
      }
    },
  };
}
