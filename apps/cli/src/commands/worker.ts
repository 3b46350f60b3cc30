import { UsageError } from '@vigil/engine';
import type { Io } from '../io.ts';

export interface WorkerCommandOptions {
  concurrency?: number;
  dataDir?: string;
}

/** A duration in milliseconds from the environment (a whole number >= 500), or undefined when unset or empty. */
function millisFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(ms) || ms < 500) {
    throw new UsageError(`${name} must be a whole number of milliseconds, at least 500, got "${raw}"; unset it for the default (30000)`);
  }
  return ms;
}

/**
 * `vigil worker`: runs scans from the BullMQ queue (REDIS_URL) against the API's
 * PostgreSQL database (DATABASE_URL) until SIGINT/SIGTERM; start as many as needed.
 *
 * A job of a worker that died goes back to the queue once its lock expired
 * (`VIGIL_WORKER_LOCK_MS`, default 30000; renewed at half of it while the job runs),
 * found by another worker's check for stalled jobs (every `VIGIL_WORKER_STALLED_MS`,
 * default: the lock duration when it is set, else 30000). Shorter values recover sooner
 * but risk taking the job from a live worker whose event loop stalled longer than the lock.
 */
export async function worker(o: WorkerCommandOptions, io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Loaded on demand: scanning does not need the server's dependencies.
  const { checkWorkerOptions, startWorker } = await import('@vigil/server');
  const lockDurationMs = millisFromEnv(env, 'VIGIL_WORKER_LOCK_MS');
  const options = {
    databaseUrl: env.DATABASE_URL || '',
    redisUrl: env.REDIS_URL || '',
    redisPrefix: env.VIGIL_REDIS_PREFIX || undefined,
    dataDir: o.dataDir ?? (env.VIGIL_DATA_DIR || undefined),
    concurrency: o.concurrency,
    lockDurationMs,
    stalledIntervalMs: millisFromEnv(env, 'VIGIL_WORKER_STALLED_MS') ?? lockDurationMs,
    logLevel: env.VIGIL_LOG_LEVEL ?? 'warn',
    env,
  };
  // Configuration errors (exit 2) before any connection is opened.
  await checkWorkerOptions(options);
  // Listening before the ready line: a signal right after it must still stop the worker gracefully.
  let requestStop!: () => void;
  const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));
  const onSignal = () => requestStop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const running = await startWorker(options);
    io.err(`Vigil worker ready: ${running.description}. Stop with Ctrl-C.\n`);
    await stopRequested;
    await running.close();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return 0;
}
