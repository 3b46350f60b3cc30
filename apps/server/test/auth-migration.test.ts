import { loadMigrations, migrate } from '@vigil/db';
import { createTestDatabase } from '@vigil/db/testing';
import type { TestDatabase } from '@vigil/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../src/testing/index.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const ADA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const BOB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const CY = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const token = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Rows as the auth module wrote them before 0002: sessions linked by replaced_by, invitations among them. */
const OLD_ROWS = `
  insert into tenants (id, name) values ('${A}', 'A'), ('${B}', 'B');
  insert into users (id, email, password_hash) values ('${ADA}', 'ada@x.test', 'h'), ('${BOB}', 'Bob@x.test', null), ('${CY}', 'cy@x.test', 'h');
  insert into memberships (tenant_id, user_id, role, created_at) values
    ('${B}', '${ADA}', 'member', '2026-01-01'),
    ('${A}', '${ADA}', 'owner', '2026-02-01'),
    ('${A}', '${BOB}', 'read_only', '2026-03-01 10:00'),
    ('${B}', '${BOB}', 'admin', '2026-03-05 10:00');
  -- Ada: a family of three (1 -> 2 -> 3) and a logged-out session; Cy is in no tenant.
  insert into refresh_tokens (id, user_id, token_hash, created_at, expires_at, revoked_at, replaced_by) values
    ('${token(3)}', '${ADA}', 'h3', '2026-03-01', '2026-03-20', null, null),
    ('${token(2)}', '${ADA}', 'h2', '2026-03-01', '2026-03-18', null, '${token(3)}'),
    ('${token(1)}', '${ADA}', 'h1', '2026-03-01', '2026-03-15', null, '${token(2)}'),
    ('${token(4)}', '${ADA}', 'h4', '2026-03-02', '2026-03-16', '2026-03-03', null),
    ('${token(5)}', '${CY}', 'h5', '2026-03-02', '2026-03-16', null, null);
  -- Bob's invitations (7 days): one spent in A, one pending in B.
  insert into refresh_tokens (id, user_id, token_hash, created_at, expires_at, revoked_at) values
    ('${token(11)}', '${BOB}', 'i1', '2026-03-01 10:00:00.010', '2026-03-08 10:00:00.010', '2026-03-02'),
    ('${token(12)}', '${BOB}', 'i2', '2026-03-05 10:00:00.010', '2026-03-12 10:00:00.010', null);
`;

describe.each(TEST_ENGINES)('migration 0002_auth_tokens on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrate: false });
    const all = await loadMigrations();
    const seed = { version: 9_000, name: '9000_old_auth_rows', sql: OLD_ROWS };
    await migrate(t.db, { migrations: [...all.filter((m) => m.version < 2), seed, ...all.filter((m) => m.version >= 2)] });
  }, 60_000);
  afterAll(async () => t?.close());

  it('gives old sessions a family, a tenant, a used mark and an absolute expiry, and drops unusable ones', async () => {
    const rows = await sql<{ token_hash: string; family_id: string; tenant_id: string; used: boolean; revoked: boolean; absolute_expires_at: Date }>`
      select token_hash, family_id, tenant_id, used_at is not null as used, revoked_at is not null as revoked, absolute_expires_at
      from refresh_tokens order by token_hash`.execute(t.db);
    expect(rows.rows).toEqual([
      { token_hash: 'h1', family_id: token(1), tenant_id: B, used: true, revoked: false, absolute_expires_at: new Date('2026-03-31T00:00:00Z') },
      { token_hash: 'h2', family_id: token(1), tenant_id: B, used: true, revoked: false, absolute_expires_at: new Date('2026-03-31T00:00:00Z') },
      { token_hash: 'h3', family_id: token(1), tenant_id: B, used: false, revoked: false, absolute_expires_at: new Date('2026-03-31T00:00:00Z') },
      { token_hash: 'h4', family_id: token(4), tenant_id: B, used: false, revoked: true, absolute_expires_at: new Date('2026-04-01T00:00:00Z') },
    ]);
  });

  it('moves old invitations to their tenant (the membership created with them), keeping their token hashes', async () => {
    const rows = await sql<{ tenant_id: string; email: string; role: string; token_hash: string; accepted: boolean; revoked: boolean }>`
      select tenant_id, email, role, token_hash, accepted_at is not null as accepted, revoked_at is not null as revoked
      from invitations order by token_hash`.execute(t.db);
    expect(rows.rows).toEqual([
      { tenant_id: A, email: 'Bob@x.test', role: 'read_only', token_hash: 'i1', accepted: true, revoked: false },
      { tenant_id: B, email: 'Bob@x.test', role: 'admin', token_hash: 'i2', accepted: false, revoked: false },
    ]);
  });

  it('ends the sessions of a membership with it', async () => {
    await sql`delete from memberships where tenant_id = ${B} and user_id = ${ADA}`.execute(t.db);
    const left = await sql<{ n: number }>`select count(*)::int as n from refresh_tokens`.execute(t.db);
    expect(left.rows[0]?.n).toBe(0);
  });
});
