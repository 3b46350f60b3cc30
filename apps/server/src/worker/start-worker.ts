import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { createDatabase } from '@vigil/db';
import { UsageError } from '@vigil/engine';
import { SECRETS_KEY_ENV, SECRETS_KEY_FILE, loadSecretsKeyring } from '@vigil/security';
import { pino } from 'pino';
import { SCAN_QUEUE_NAME, createBullmqQueue } from './bullmq-queue.ts';
import { createRedisRateGate } from './redis-rate-gate.ts';
import { createScanWorker } from './scan-worker.ts';

export interface WorkerProcessOptions {
  /** PostgreSQL URL (`DATABASE_URL`): the database the API uses. */
  databaseUrl: string;
  /** Redis URL (`REDIS_URL`): the queue the API enqueues into. */
  redisUrl: string;
  /** Redis key prefix of the queue (`VIGIL_REDIS_PREFIX`): the API's. Default `vigil`. */
  redisPrefix?: string;
  /** Where the server's `secrets.key` is, when `VIGIL_SECRETS_KEY` is not set. */
  dataDir?: string;
  /** Jobs run at once by this process. Default 16. */
  concurrency?: number;
  /**
   * How long a job's lock lasts without renewal (`VIGIL_WORKER_LOCK_MS`): a job of a
   * worker that died goes back to the queue once its lock expired. Default 30 000 ms.
   */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died (`VIGIL_WORKER_STALLED_MS`). Default 30 000 ms. */
  stalledIntervalMs?: number;
  logLevel?: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunningWorker {
  /** One line saying what the worker consumes (no secret in it). */
  description: string;
  close(): Promise<void>;
}

/** `redis://user:secret@host:6379/2` without its credentials, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Checks a worker's configuration before anything connects.
 *
 * @throws UsageError (exit code 2) with one line saying what to set.
 */
export async function checkWorkerOptions(o: Partial<WorkerProcessOptions>): Promise<void> {
  const env = o.env ?? process.env;
  if (!o.databaseUrl) throw new UsageError('vigil worker needs DATABASE_URL: the PostgreSQL database of the API (postgres://…)');
  if (!/^postgres(ql)?:\/\//.test(o.databaseUrl)) {
    throw new UsageError('DATABASE_URL must be a postgres:// or postgresql:// URL: workers cannot share the embedded database');
  }
  if (!o.redisUrl) throw new UsageError('vigil worker needs REDIS_URL: the Redis the API enqueues scans into (redis://host:6379)');
  if (!/^rediss?:\/\/[^/]/.test(o.redisUrl)) throw new UsageError(`REDIS_URL must be a redis:// or rediss:// URL, got "${redactUrl(o.redisUrl)}"`);
  if (env[SECRETS_KEY_ENV] === undefined) {
    const keyFile = o.dataDir === undefined ? undefined : join(o.dataDir, SECRETS_KEY_FILE);
    // Generating a key here would silently differ from the server's: the credentials could not be decrypted.
    const found = keyFile !== undefined && (await access(keyFile).then(() => true, () => false));
    if (!found) {
      throw new UsageError(
        `vigil worker needs the server's secrets key: set ${SECRETS_KEY_ENV}, or --data-dir to the server's data directory` +
          (keyFile ? ` (no ${keyFile})` : ''),
      );
    }
  }
}

/**
 * A worker process: consumes the BullMQ scan queue on `redisUrl` and runs the scans
 * against the API's PostgreSQL database (already migrated by `vigil serve` or
 * `vigil db migrate`), with the server's secrets key.
 */
export async function startWorker(o: WorkerProcessOptions): Promise<RunningWorker> {
  await checkWorkerOptions(o);
  const secrets = await loadSecretsKeyring({ env: o.env ?? process.env, ...(o.dataDir === undefined ? {} : { dataDir: o.dataDir }) });
  const logger = pino({ level: o.logLevel ?? 'info', base: { component: 'scan-worker' } });
  // A lost connection is logged once; the pool reconnects, and jobs wait for the database (see createScanWorker).
  const db = await createDatabase({ url: o.databaseUrl, onConnectionError: (err) => logger.warn({ err: err.message }, 'PostgreSQL connection lost; reconnecting') });
  let redisDown = false;
  // Every worker touching an account draws from one budget per account, region and service.
  const gate = createRedisRateGate({
    connection: o.redisUrl,
    prefix: o.redisPrefix,
    onError: (err) => logger.debug({ err }, 'shared rate limit unavailable; the local limit applies'),
  });
  const queue = createScanWorker({
    db,
    secrets: secrets.provider,
    concurrency: o.concurrency,
    logger,
    sharedLimiter: gate,
    queueFactory: (q) =>
      createBullmqQueue({
        ...q,
        connection: o.redisUrl,
        prefix: o.redisPrefix,
        ...(o.lockDurationMs === undefined ? {} : { lockDurationMs: o.lockDurationMs }),
        ...(o.stalledIntervalMs === undefined ? {} : { stalledIntervalMs: o.stalledIntervalMs }),
        onConnectionError: (err) => {
          // One line per outage, not one per reconnection attempt.
          if (redisDown) return;
          redisDown = true;
          logger.warn({ err }, 'Redis connection lost; reconnecting');
          setTimeout(() => (redisDown = false), 60_000).unref();
        },
      }),
  });
  try {
    await queue.start();
  } catch (err) {
    await queue.stop().catch(() => undefined);
    await gate.close();
    await db.destroy();
    throw err;
  }
  return {
    description: `queue ${SCAN_QUEUE_NAME} on ${redactUrl(o.redisUrl)}, concurrency ${o.concurrency ?? 16}, secrets key from ${secrets.source}`,
    async close() {
      await queue.stop();
      await gate.close();
      await db.destroy();
    },
  };
}
