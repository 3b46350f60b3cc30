import type { Io } from '../io.ts';

export interface WorkerCommandOptions {
  concurrency?: number;
  dataDir?: string;
}

/**
 * `vigil worker`: runs scans from the BullMQ queue (REDIS_URL) against the API's
 * PostgreSQL database (DATABASE_URL) until SIGINT/SIGTERM; start as many as needed.
 */
export async function worker(o: WorkerCommandOptions, io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // Loaded on demand: scanning does not need the server's dependencies.
  const { checkWorkerOptions, startWorker } = await import('@vigil/server');
  const options = {
    databaseUrl: env.DATABASE_URL || '',
    redisUrl: env.REDIS_URL || '',
    redisPrefix: env.VIGIL_REDIS_PREFIX || undefined,
    dataDir: o.dataDir ?? (env.VIGIL_DATA_DIR || undefined),
    concurrency: o.concurrency,
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
