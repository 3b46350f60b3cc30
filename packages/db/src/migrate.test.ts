import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDatabaseTypes } from './codegen.ts';
import { createDatabase } from './database.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { createTestDatabase, TEST_ENGINES } from './testing/index.ts';
import type { TestDatabase } from './testing/index.ts';

describe.each(TEST_ENGINES)('migrations on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrate: false });
  }, 60_000);
  afterAll(async () => t?.close());

  it('apply once, then again with nothing to do', async () => {
    const all = (await loadMigrations()).map((m) => m.name);
    expect(all[0]).toBe('0001_platform');
    expect(await migrate(t.db)).toEqual({ applied: all, skipped: [] });
    expect(await migrate(t.db)).toEqual({ applied: [], skipped: all });
    const rows = await t.db.selectFrom('schema_migrations').select(['version', 'name']).orderBy('version').execute();
    expect(rows.map((r) => r.name)).toEqual(all);
  });

  it('keeps src/schema.ts in sync with the migrated schema', async () => {
    const committed = await readFile(new URL('./schema.ts', import.meta.url), 'utf8');
    const generated = await generateDatabaseTypes(t.db);
    // On a mismatch: npm run -w @vigil/db generate
    expect(generated).toBe(committed);
  });

  it('puts every tenant table under forced row-level security with a tenant foreign key', async () => {
    const tables = await sql<{ table: string; rls: boolean; force: boolean; policies: number; fk: boolean }>`
      select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as force,
        (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies,
        exists (
          select 1 from pg_constraint k
          where k.conrelid = c.oid and k.contype = 'f'
            and (select attnum from pg_attribute where attrelid = c.oid and attname = 'tenant_id') = any (k.conkey)
        ) as fk
      from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
      order by 1`.execute(t.db);
    expect(tables.rows.map((r) => r.table)).toEqual([
      'api_keys',
      'check_overrides',
      'cloud_events',
      'custom_checks',
      'event_rescans',
      'event_secrets',
      'finding_states',
      'findings',
      'invitations',
      'memberships',
      'providers',
      'refresh_tokens',
      'resources',
      'scan_accounts',
      'scan_events',
      'scan_units',
      'scans',
      'schedules',
    ]);
    for (const row of tables.rows) expect(row, row.table).toMatchObject({ rls: true, force: true, policies: 1, fk: true });
  });

  it('gives vigil_app no way around row-level security', async () => {
    const role = await sql<{ rolbypassrls: boolean; rolsuper: boolean; rolcanlogin: boolean }>`
      select rolbypassrls, rolsuper, rolcanlogin from pg_roles where rolname = 'vigil_app'`.execute(t.db);
    expect(role.rows).toEqual([{ rolbypassrls: false, rolsuper: false, rolcanlogin: false }]);
    // Tables vigil_app may use but that have no row-level security: none.
    const open = await sql<{ table: string }>`
      select c.relname as table from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
        and not c.relrowsecurity
        and (has_table_privilege('vigil_app', c.oid, 'select') or has_table_privilege('vigil_app', c.oid, 'insert'))
      order by 1`.execute(t.db);
    expect(open.rows).toEqual([]);
  });

  // PostgreSQL behaviour (query plans, concurrent sessions) that PGlite, one session, cannot show.
  if (engine === 'postgres') {
    it('lets two processes migrate the same database at once', async () => {
      const fresh = await createTestDatabase('postgres', { migrate: false });
      const second = await createDatabase({ url: fresh.url });
      try {
        const [a, b] = await Promise.all([migrate(fresh.db), migrate(second)]);
        expect([...a.applied, ...b.applied].sort()).toEqual((await loadMigrations()).map((m) => m.name));
        // Each migration exactly once: the two may take turns, never both apply one.
        expect(a.applied.filter((name) => b.applied.includes(name))).toEqual([]);
      } finally {
        await second.destroy();
        await fresh.close();
      }
    }, 60_000);

    it('rolls back a failing migration and names it', async () => {
      const migrations = [
        ...(await loadMigrations()),
        { version: 9998, name: '9998_ok_part', sql: 'create table half_done (x int);' },
        { version: 9999, name: '9999_broken', sql: 'create table never_there (x int); select no_such_function();' },
      ];
      await expect(migrate(t.db, { migrations })).rejects.toThrow(/migration 9999_broken failed and was rolled back/);
      const left = await sql<{ name: string }>`
        select relname as name from pg_class where relname in ('half_done', 'never_there') order by 1`.execute(t.db);
      expect(left.rows).toEqual([{ name: 'half_done' }]);
      await sql`drop table half_done`.execute(t.db);
      await t.db.deleteFrom('schema_migrations').where('version', '=', 9998).execute();
    });
  }
});
