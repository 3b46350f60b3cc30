/**
 * One scan worker process of the fleet benchmark (started by fleet.bench.ts with `fork`):
 * the scan worker on the shared BullMQ queue and the shared Redis rate gate, against the
 * benchmark's database, with the benchmark's secrets key.
 *
 * Environment (set by fleet.bench.ts): BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_REDIS_PREFIX,
 * BENCH_SECRETS_KEY (hex), BENCH_CONCURRENCY, BENCH_TENANT_CONCURRENCY, BENCH_UNIT_CONCURRENCY, BENCH_BATCH (findings per batch).
 * Sends `{ ready: true }` once consuming; stops on a `stop` message, SIGTERM or SIGINT.
 */
import { createDatabase } from '@vigil/db';
import { createLocalKeyProvider } from '@vigil/security';
import { createBullmqQueue, createRedisRateGate, createScanWorker } from '../apps/server/src/worker/index.ts';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`fleet-worker: ${name} is not set (the worker is started by fleet.bench.ts)`);
  return v;
};

const redisUrl = env('BENCH_REDIS_URL');
const prefix = env('BENCH_REDIS_PREFIX');
const db = await createDatabase({ url: env('BENCH_DATABASE_URL'), poolSize: Number(process.env.BENCH_POOL_SIZE ?? 10) });
const secrets = createLocalKeyProvider({ current: Buffer.from(env('BENCH_SECRETS_KEY'), 'hex') });
const errors = { redis: 0 };
const gate = createRedisRateGate({ connection: redisUrl, prefix, onError: () => void errors.redis++ });
const say = (line: string) => process.stderr.write(`[worker ${process.pid}] ${line}\n`);
const logger = {
  info: () => undefined,
  warn: (obj: unknown, msg?: string) => say(`warn: ${msg ?? ''} ${describe(obj)}`),
  error: (obj: unknown, msg?: string) => say(`error: ${msg ?? ''} ${describe(obj)}`),
};
function describe(obj: unknown): string {
  if (!obj || typeof obj !== 'object') return String(obj ?? '');
  const o = obj as Record<string, unknown>;
  const err = o.err instanceof Error ? o.err.message : o.err !== undefined ? String(o.err) : '';
  return [o.kind, o.account, o.attempt !== undefined ? `attempt ${String(o.attempt)}` : '', err].filter(Boolean).join(' ');
}

const queue = createScanWorker({
  db,
  secrets,
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 16),
  tenantConcurrency: Number(process.env.BENCH_TENANT_CONCURRENCY ?? 64),
  ...(process.env.BENCH_UNIT_CONCURRENCY ? { unitConcurrency: Number(process.env.BENCH_UNIT_CONCURRENCY) } : {}),
  ...(process.env.BENCH_BATCH ? { batchSize: Number(process.env.BENCH_BATCH) } : {}),
  logger,
  sharedLimiter: gate,
  queueFactory: (q) => createBullmqQueue({ ...q, connection: redisUrl, prefix, onConnectionError: () => void errors.redis++ }),
});

let stopping: Promise<unknown> | undefined;
const stop = () =>
  (stopping ??= (async () => {
    try {
      await queue.stop();
    } finally {
      // The CPU time this process used (user + system, µs), for the benchmark's figures.
      const cpu = process.cpuUsage();
      if (process.connected) {
        await new Promise<void>((resolve) => {
          process.send?.({ cpuMicros: cpu.user + cpu.system }, () => resolve());
        });
      }
      await gate.close();
      await db.destroy();
      if (errors.redis) say(`${errors.redis} Redis errors`);
    }
  })()
    .catch((err: unknown) => say(`stopping failed: ${String(err)}`))
    .finally(() => process.exit(0)));

process.on('message', (m) => {
  if (m === 'stop') void stop();
});
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.on('disconnect', () => void stop());

await queue.start();
process.send?.({ ready: true });
