import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { runScript } from './driver-commands.ts';
import { DbError } from './errors.ts';

/** The directory of the package's `NNNN_name.sql` migrations. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Key of the advisory lock that serialises migrators (any constant; "vigil_mi" in ASCII). */
const MIGRATION_LOCK_KEY = 0x766967696c5f6d69n;

/** A migration file. */
export interface Migration {
  /** The number of `NNNN_name.sql`. */
  version: number;
  name: string;
  sql: string;
}

/** What {@link migrate} did. */
export interface MigrateResult {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** Migrations found already applied. */
  skipped: string[];
}

/** Reads the migrations of a directory, in order; file names must be `NNNN_name.sql`. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m?.[1] || !m[2]) {
      throw new DbError('DB_MIGRATION_FAILED', `migration file ${file} is not named NNNN_name.sql`);
    }
    const version = Number(m[1]);
    if (migrations.some((x) => x.version === version)) {
      throw new DbError('DB_MIGRATION_FAILED', `two migrations have the number ${m[1]} (${file})`);
    }
    migrations.push({ version, name: file.replace(/\.sql$/, ''), sql: await readFile(`${dir}/${file}`, 'utf8') });
  }
  return migrations;
}

/**
 * Applies the migrations not yet applied, each in its own transaction together with
 * its row in `schema_migrations`. Every transaction first takes an advisory lock and
 * then checks whether its migration is still pending, so two processes that start at
 * once apply each migration exactly once. Idempotent: a second call applies nothing.
 *
 * Runs as the connecting role (it creates tables, the `vigil_app` role and policies):
 * a superuser, or the owner of the schema with CREATEROLE.
 */
export async function migrate(db: Db, options: { migrations?: Migration[] } = {}): Promise<MigrateResult> {
  const migrations = options.migrations ?? (await loadMigrations());
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`.execute(trx);
    await sql`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
  });
  const result: MigrateResult = { applied: [], skipped: [] };
  for (const migration of migrations) {
    const applied = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`.execute(trx);
      const done = await sql<{ version: number }>`
        select version from schema_migrations where version = ${migration.version}`.execute(trx);
      if (done.rows.length > 0) return false;
      try {
        await runScript(trx, migration.sql);
      } catch (err) {
        throw new DbError(
          'DB_MIGRATION_FAILED',
          `migration ${migration.name} failed and was rolled back: ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
      await sql`insert into schema_migrations (version, name) values (${migration.version}, ${migration.name})`.execute(
        trx,
      );
      return true;
    });
    (applied ? result.applied : result.skipped).push(migration.name);
  }
  return result;
}
