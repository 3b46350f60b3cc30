import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, databaseEngine, deleteExpiredEventScans, dropExpiredFindingPartitions, ensureFindingPartitions, migrate } from '@vigil/db';
import { UsageError } from '@vigil/engine';
import type { Db } from '@vigil/db';
import { createAccessTokenService, loadJwtSigningKeys, loadSecretsKeyring } from '@vigil/security';
import { buildApp } from './app.ts';
import { createBullmqQueue, createScanWorker } from './worker/index.ts';
import { createScanFromService, startScheduler } from './scheduler/scheduler.ts';
import type { Scheduler } from './scheduler/scheduler.ts';
import { startBullmqScheduler } from './scheduler/bullmq-schedules.ts';
import { createEventProcessor } from './modules/events/events.processor.ts';
import type { App, AppDeps } from './context.ts';

/** `$XDG_DATA_HOME/vigil`, or `~/.local/share/vigil`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'vigil');
}

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL URL; the embedded PGlite database in `dataDir` when absent. */
  databaseUrl?: string;
  logLevel?: string;
  /**
   * Redis URL (`REDIS_URL`): scans go to the BullMQ queue there for `vigil worker`
   * processes, and this process runs none; schedules are BullMQ job schedulers whose jobs
   * this process fires. Needs `databaseUrl` (workers cannot open the embedded database).
   * Absent: scans run in this process and schedules are fired by a database poller.
   */
  redisUrl?: string;
  /** Redis key prefix of the queue (`VIGIL_REDIS_PREFIX`); the workers must use the same. Default `vigil`. */
  redisPrefix?: string;
  /**
   * Findings retention in months: the daily upkeep drops the monthly findings partitions
   * wholly older than this. Default: `VIGIL_FINDINGS_RETENTION_MONTHS`, else keep everything.
   */
  findingsRetentionMonths?: number;
}

/**
 * The findings retention set by `VIGIL_FINDINGS_RETENTION_MONTHS`: a positive whole
 * number of months, or `undefined` (keep everything) when unset or empty.
 *
 * @throws UsageError naming the variable when it holds anything else.
 */
export function findingsRetentionFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.VIGIL_FINDINGS_RETENTION_MONTHS?.trim();
  if (!raw) return undefined;
  const months = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(months) || months <= 0) {
    throw new UsageError(
      `VIGIL_FINDINGS_RETENTION_MONTHS must be a positive whole number of months, got "${raw}"; unset it to keep every finding`,
    );
  }
  return months;
}

/** Opens the database (PostgreSQL or the embedded PGlite in the data directory) and migrates it. */
export async function openDatabase(o: Pick<ServeOptions, 'dataDir' | 'databaseUrl'>): Promise<Db> {
  await mkdir(o.dataDir, { recursive: true, mode: 0o700 });
  const db = await createDatabase(o.databaseUrl ? { url: o.databaseUrl } : { dataDir: join(o.dataDir, 'pgdata') });
  try {
    await migrate(db);
    await ensureFindingPartitions(db, { monthsAhead: 3 });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}

export interface RunningServer {
  app: App;
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the platform: database (migrated, partitions ahead), keys (from the environment
 * or generated once into the data directory), the API, and the daily partition upkeep.
 */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const retentionMonths = o.findingsRetentionMonths ?? findingsRetentionFromEnv();
  if (retentionMonths !== undefined && (!Number.isInteger(retentionMonths) || retentionMonths <= 0)) {
    throw new UsageError(`the findings retention must be a positive whole number of months, got ${retentionMonths}`);
  }
  if (o.redisUrl && !o.databaseUrl) {
    throw new UsageError('REDIS_URL needs DATABASE_URL (PostgreSQL): workers in other processes cannot open the embedded database');
  }
  const db = await openDatabase(o);
  const secrets = await loadSecretsKeyring({ dataDir: o.dataDir });
  const jwt = await loadJwtSigningKeys({ dataDir: o.dataDir });
  // scheduleMirror: set below in BullMQ mode; the schedules routes read it at each call.
  const deps: AppDeps = {
    db,
    secrets: secrets.provider,
    tokens: createAccessTokenService({ keys: jwt.keys }),
    now: () => new Date(),
    logLevel: o.logLevel ?? 'info',
  };
  const app = await buildApp(deps);
  const redisUrl = o.redisUrl;
  deps.scanQueue = createScanWorker({
    db,
    secrets: secrets.provider,
    logger: app.log.child({ component: 'scan-worker' }),
    ...(redisUrl ? { queueFactory: (q) => createBullmqQueue({ ...q, connection: redisUrl, prefix: o.redisPrefix, consume: false, onConnectionError: (err) => app.log.warn({ err }, 'Redis connection error') }) } : {}),
  });
  // Partitions for the months ahead, kept current while the server runs for weeks;
  // with a retention, the months wholly older than it are dropped (at start and daily).
  const expire = async () => {
    if (retentionMonths === undefined) return;
    try {
      const dropped = await dropExpiredFindingPartitions(db, { months: retentionMonths });
      // Warn, not info: deleting data must show at the CLI's default log level.
      if (dropped.length) app.log.warn({ partitions: dropped, retentionMonths }, `findings retention: dropped ${dropped.length} partition(s) older than ${retentionMonths} months`);
      const events = await deleteExpiredEventScans(db, { months: retentionMonths });
      if (events) app.log.warn({ scans: events, retentionMonths }, `findings retention: deleted ${events} event-driven scan(s) older than ${retentionMonths} months`);
    } catch (err) {
      app.log.error({ err, retentionMonths }, 'dropping expired findings partitions failed');
    }
  };
  await expire();
  const upkeep = setInterval(() => {
    ensureFindingPartitions(db, { monthsAhead: 3 }).catch((err: unknown) => app.log.error({ err }, 'creating findings partitions failed'));
    void expire();
  }, 24 * 3600_000);
  upkeep.unref();
  let url: string;
  let scheduler: Scheduler | undefined;
  // Rescans of the resources named by CloudTrail events (POST /events/aws).
  const events = createEventProcessor({ db, secrets: secrets.provider, logger: app.log.child({ component: 'event-processor' }) });
  try {
    url = await app.listen({ port: o.port, host: o.host });
    // Scans left running by a crashed process are failed, pending ones picked up.
    await deps.scanQueue.start();
    // Scheduled scans, after the queue that runs them; missed occurrences fire once now.
    const schedulerDeps = { db, now: deps.now, createScan: createScanFromService(deps), logger: app.log.child({ component: 'scheduler' }) };
    if (redisUrl) {
      // BullMQ mode: job schedulers fire the schedules (reconciled with the database at
      // start and every 5 minutes); the DB poller only catches runs more than a minute late.
      const bullmq = startBullmqScheduler({
        ...schedulerDeps,
        connection: redisUrl,
        prefix: o.redisPrefix,
        onConnectionError: (err) => app.log.warn({ err }, 'Redis connection error'),
      });
      scheduler = bullmq;
      deps.scheduleMirror = bullmq.mirror;
    } else {
      scheduler = startScheduler(schedulerDeps);
    }
    events.start();
  } catch (err) {
    clearInterval(upkeep);
    await events.stop();
    await scheduler?.stop();
    await deps.scanQueue.stop();
    await app.close();
    await db.destroy();
    throw err;
  }
  app.log.info({ engine: databaseEngine(db), dataDir: o.dataDir, secretsKey: secrets.source, jwtKey: jwt.source }, 'Vigil API started');
  return {
    app,
    url,
    close: async () => {
      clearInterval(upkeep);
      await events.stop();
      await scheduler?.stop();
      await deps.scanQueue?.stop();
      await app.close();
      await db.destroy();
    },
  };
}
