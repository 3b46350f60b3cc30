import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, databaseEngine } from './database.ts';
import { migrate } from './migrate.ts';
import type { Db } from './database.ts';
import { createTestDatabase, TEST_ENGINES } from './testing/index.ts';
import type { TestDatabase } from './testing/index.ts';

describe.each(TEST_ENGINES)('database handle on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrate: false });
  }, 60_000);
  afterAll(async () => t?.close());

  it('knows its engine and reads int8, timestamptz, jsonb and bytea the same way', async () => {
    expect(databaseEngine(t.db)).toBe(engine);
    const row = await sql<{ n: number; at: Date; j: unknown; b: Uint8Array }>`
      select 42::int8 as n, '2026-11-05T10:00:00.123Z'::timestamptz as at,
             ${JSON.stringify([1, { a: 'x' }])}::jsonb as j, '\\x0102'::bytea as b`.execute(t.db);
    expect(row.rows[0]?.n).toBe(42);
    expect(row.rows[0]?.at).toEqual(new Date('2026-11-05T10:00:00.123Z'));
    expect(row.rows[0]?.j).toEqual([1, { a: 'x' }]);
    expect([...(row.rows[0]?.b ?? [])]).toEqual([1, 2]);
  });

  it('reports affected rows and rolls back failed transactions', async () => {
    await sql`create table counter (n int)`.execute(t.db);
    const ins = await sql`insert into counter values (1), (2), (3)`.execute(t.db);
    expect(Number(ins.numAffectedRows)).toBe(3);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`insert into counter values (4)`.execute(trx);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const n = await sql<{ n: number }>`select count(*)::int as n from counter`.execute(t.db);
    expect(n.rows).toEqual([{ n: 3 }]);
  });

  it('never interleaves two transactions', async () => {
    await sql`create table seq (tx int, step int, at serial)`.execute(t.db);
    const tx = (id: number) =>
      t.db.transaction().execute(async (trx) => {
        for (let step = 0; step < 5; step++) {
          await sql`insert into seq (tx, step) values (${id}, ${step})`.execute(trx);
          await new Promise((r) => setTimeout(r, 1));
        }
      });
    await Promise.all([tx(1), tx(2), tx(3)]);
    const rows = await sql<{ tx: number }>`select tx from seq order by at`.execute(t.db);
    expect(rows.rows).toHaveLength(15);
    if (engine === 'pglite') {
      // One connection: each transaction's five rows are contiguous.
      const runs = rows.rows.map((r) => r.tx).join('');
      expect(runs).toMatch(/^(1{5}|2{5}|3{5}){3}$/);
    }
  });
});

describe('PGlite single connection', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createDatabase({ acquireTimeoutMs: 300 });
  }, 60_000);
  afterAll(async () => db?.destroy());

  it('explains the wait when a transaction queries the outer handle', async () => {
    await expect(
      db.transaction().execute(async () => {
        await sql`select 1`.execute(db);
      }),
    ).rejects.toMatchObject({ code: 'DB_CONNECTION_BUSY', message: /instead of the transaction/ });
    // The connection is usable again afterwards.
    expect((await sql<{ x: number }>`select 1 as x`.execute(db)).rows).toEqual([{ x: 1 }]);
  });

  it('keeps its data in a data directory across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-db-'));
    try {
      const first = await createDatabase({ dataDir: dir });
      const applied = (await migrate(first)).applied;
      await first.insertInto('tenants').values({ name: 'Kept' }).execute();
      await first.destroy();
      const again = await createDatabase({ dataDir: dir });
      try {
        expect(await migrate(again)).toEqual({ applied: [], skipped: applied });
        expect(await again.selectFrom('tenants').select('name').execute()).toEqual([{ name: 'Kept' }]);
      } finally {
        await again.destroy();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('rejects a URL that is not PostgreSQL', async () => {
    await expect(createDatabase({ url: 'mysql://localhost/x' })).rejects.toMatchObject({ code: 'DB_CONFIG' });
  });
});
