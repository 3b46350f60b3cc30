import type { Io } from '../io.ts';

export interface ServeCommandOptions {
  port: number;
  host: string;
  dataDir?: string;
  /** Months of findings kept (whole monthly partitions); default VIGIL_FINDINGS_RETENTION_MONTHS, else all. */
  retentionMonths?: number;
}

/** `vigil serve`: the API with an embedded database (or DATABASE_URL) until SIGINT/SIGTERM. */
export async function serve(o: ServeCommandOptions, io: Io): Promise<number> {
  // Loaded on demand: scanning does not need the server's dependencies.
  const { defaultDataDir, startServer } = await import('@vigil/server');
  const dataDir = o.dataDir ?? process.env.VIGIL_DATA_DIR ?? defaultDataDir();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const redisUrl = process.env.REDIS_URL || undefined;
  const server = await startServer({ port: o.port, host: o.host, dataDir, databaseUrl, redisUrl, redisPrefix: process.env.VIGIL_REDIS_PREFIX || undefined, findingsRetentionMonths: o.retentionMonths, logLevel: process.env.VIGIL_LOG_LEVEL ?? 'warn' });
  const base = `http://${o.host === '127.0.0.1' || o.host === '::1' ? 'localhost' : o.host}:${o.port}`;
  io.err(
    `Vigil API listening on ${base} — database: ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded, in ${dataDir}`}\n` +
      (redisUrl ? 'Scans: queued in Redis (REDIS_URL) for `vigil worker` processes\n' : '') +
      `API documentation: ${base}/api/docs\n` +
      `Create the first account:\n` +
      `  curl -s -X POST ${base}/api/v1/auth/signup -H 'content-type: application/json' \\\n` +
      `    -d '{"email":"you@example.com","password":"a long passphrase","tenantName":"Acme"}'\n` +
      'Stop with Ctrl-C.\n',
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().finally(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

/** `vigil db migrate`: applies the migrations to DATABASE_URL or the embedded database. */
export async function dbMigrate(o: { dataDir?: string }, io: Io): Promise<number> {
  const { defaultDataDir, openDatabase } = await import('@vigil/server');
  const dataDir = o.dataDir ?? process.env.VIGIL_DATA_DIR ?? defaultDataDir();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const db = await openDatabase({ dataDir, databaseUrl });
  await db.destroy();
  io.err(`Database migrated (${databaseUrl ? 'DATABASE_URL' : `embedded, in ${dataDir}`}).\n`);
  return 0;
}
