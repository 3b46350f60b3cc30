import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, databaseEngine, ensureFindingPartitions, migrate } from '@vigil/db';
import type { Db } from '@vigil/db';
import { createAccessTokenService, loadJwtSigningKeys, loadSecretsKeyring } from '@vigil/security';
import { buildApp } from './app.ts';
import { createScanWorker } from './worker/index.ts';
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
  const db = await openDatabase(o);
  const secrets = await loadSecretsKeyring({ dataDir: o.dataDir });
  const jwt = await loadJwtSigningKeys({ dataDir: o.dataDir });
  const deps: AppDeps = {
    db,
    secrets: secrets.provider,
    tokens: createAccessTokenService({ keys: jwt.keys }),
    now: () => new Date(),
    logLevel: o.logLevel ?? 'info',
  };
  const app = await buildApp(deps);
  deps.scanQueue = createScanWorker({ db, secrets: secrets.provider, logger: app.log.child({ component: 'scan-worker' }) });
  // Partitions for the months ahead, kept current while the server runs for weeks.
  const upkeep = setInterval(() => {
    ensureFindingPartitions(db, { monthsAhead: 3 }).catch((err: unknown) => app.log.error({ err }, 'creating findings partitions failed'));
  }, 24 * 3600_000);
  upkeep.unref();
  let url: string;
  try {
    url = await app.listen({ port: o.port, host: o.host });
    // Scans left running by a crashed process are failed, pending ones picked up.
    await deps.scanQueue.start();
  } catch (err) {
    clearInterval(upkeep);
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
      await deps.scanQueue?.stop();
      await app.close();
      await db.destroy();
    },
  };
}
