import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './database.ts';
import { sqlState } from './errors.ts';
import { commitFindingStates, insertFindings } from './findings.repo.ts';
import { createScan } from './scans.repo.ts';
import { withSystem, withTenant } from './tenancy.ts';
import { createTestDatabase, makeFinding, seedTenant, TEST_ENGINES } from './testing/index.ts';
import type { SeededTenant, TestDatabase } from './testing/index.ts';

/** Every table with a tenant_id column; migrate.test.ts checks that the list is complete. */
const TENANT_TABLES = [
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
  'resources',
  'scan_accounts',
  'scan_events',
  'scan_units',
  'scans',
  'schedules',
] as const;

/** One row in every tenant table, written as the tenant itself. */
async function fillTenant(db: Db, t: SeededTenant): Promise<void> {
  await withTenant(db, t.tenantId, async (trx) => {
    await trx
      .insertInto('api_keys')
      .values({
        tenant_id: t.tenantId,
        name: 'ci',
        role: 'member',
        prefix: `vk_${t.tenantId.slice(0, 8)}`,
        secret_hash: 'x',
        created_by: t.userId,
      })
      .execute();
    await trx.insertInto('check_overrides').values({ tenant_id: t.tenantId, check_id: 'aws_s3_x', disabled: true }).execute();
    await trx
      .insertInto('custom_checks')
      .values({
        tenant_id: t.tenantId,
        check_id: 'custom_s3_tagged',
        service: 's3',
        title: 'Buckets are tagged',
        severity: 'low',
        resource_type: 'AwsS3Bucket',
        rule: JSON.stringify({ exists: 'tags.owner' }),
      })
      .execute();
    const created = await createScan(trx, { providerId: t.providerId });
    if (!created.created) throw new Error('scan not created');
    await trx.insertInto('scan_events').values({ tenant_id: t.tenantId, scan_id: created.scan.id, type: 'progress' }).execute();
    await trx
      .insertInto('resources')
      .values({
        tenant_id: t.tenantId,
        provider_id: t.providerId,
        uid: `arn:aws:s3:::bucket-${t.accountId}`,
        type: 'AwsS3Bucket',
        service: 's3',
        region: 'us-east-1',
        account_id: t.accountId,
        last_scan_id: created.scan.id,
      })
      .execute();
    await insertFindings(trx, { scanId: created.scan.id, findings: [makeFinding(1, t.accountId)] });
    await commitFindingStates(trx, created.scan.id);
    await trx.insertInto('scan_accounts').values({ tenant_id: t.tenantId, scan_id: created.scan.id, account_id: t.accountId }).execute();
    await trx.insertInto('scan_units').values({ tenant_id: t.tenantId, scan_id: created.scan.id, account_id: t.accountId, unit_no: 0, region: 'account', service: 'evaluate' }).execute();
    await trx
      .insertInto('invitations')
      .values({ tenant_id: t.tenantId, email: `x@${t.tenantId.slice(0, 8)}.example.com`, role: 'member', token_hash: `h-${t.tenantId}`, expires_at: new Date(Date.now() + 86_400_000) })
      .execute();
    await trx.insertInto('schedules').values({ tenant_id: t.tenantId, provider_id: t.providerId, name: 'nightly', cron: '0 3 * * *', next_run_at: new Date() }).execute();
    await trx.insertInto('event_secrets').values({ tenant_id: t.tenantId, secret_ciphertext: Buffer.from('x'), secret_key_id: 'k1' }).execute();
    await trx.insertInto('cloud_events').values({ tenant_id: t.tenantId, event_id: `e-${t.tenantId}`, outcome: 'ignored' }).execute();
    await trx
      .insertInto('event_rescans')
      .values({ tenant_id: t.tenantId, provider_id: t.providerId, account_id: t.accountId, resource_type: 'AwsS3Bucket', resource_ref: 'b', region: 'us-east-1' })
      .execute();
  });
}

describe.each(TEST_ENGINES)('tenant isolation on %s', (engine) => {
  let t: TestDatabase;
  let a: SeededTenant;
  let b: SeededTenant;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    a = await seedTenant(t.db, 'Alpha');
    b = await seedTenant(t.db, 'Beta');
    await fillTenant(t.db, a);
    await fillTenant(t.db, b);
  }, 60_000);
  afterAll(async () => t?.close());

  async function counts(): Promise<Record<string, number>> {
    return withSystem(t.db, async (trx) => {
      const out: Record<string, number> = {};
      for (const table of TENANT_TABLES) {
        const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where tenant_id = ${a.tenantId}`.execute(trx);
        out[table] = r.rows[0]?.n ?? -1;
      }
      return out;
    });
  }

  it('runs tenant transactions as vigil_app, with the tenant set only inside them', async () => {
    const inside = await withTenant(t.db, b.tenantId, async (trx) =>
      (await sql<{ u: string; t: string }>`select current_user as u, current_setting('app.tenant_id') as t`.execute(trx)).rows[0],
    );
    expect(inside).toEqual({ u: 'vigil_app', t: b.tenantId });
    const after = await sql<{ u: string; t: string }>`
      select current_user as u, current_setting('app.tenant_id', true) as t`.execute(t.db);
    expect(after.rows[0]?.u).not.toBe('vigil_app');
    expect(after.rows[0]?.t ?? '').toBe('');
  });

  it("shows a tenant none of another tenant's rows", async () => {
    const before = await counts();
    for (const table of TENANT_TABLES) expect(before[table], table).toBeGreaterThan(0);
    await withTenant(t.db, b.tenantId, async (trx) => {
      for (const table of TENANT_TABLES) {
        const mine = await sql<{ tenant_id: string }>`select distinct tenant_id from ${sql.table(table)}`.execute(trx);
        expect(mine.rows, table).toEqual([{ tenant_id: b.tenantId }]);
      }
      const tenants = await trx.selectFrom('tenants').select('id').execute();
      expect(tenants).toEqual([{ id: b.tenantId }]);
      const users = await trx.selectFrom('users').select('id').execute();
      expect(users).toEqual([{ id: b.userId }]);
    });
  });

  it("can neither update nor delete another tenant's rows", async () => {
    const before = await counts();
    await withTenant(t.db, b.tenantId, async (trx) => {
      for (const table of TENANT_TABLES) {
        const upd = await sql`update ${sql.table(table)} set tenant_id = tenant_id where tenant_id = ${a.tenantId}`.execute(trx);
        expect(Number(upd.numAffectedRows), `update ${table}`).toBe(0);
        const del = await sql`delete from ${sql.table(table)} where tenant_id = ${a.tenantId}`.execute(trx);
        expect(Number(del.numAffectedRows), `delete ${table}`).toBe(0);
      }
      const upd = await trx.updateTable('tenants').set({ name: 'taken' }).where('id', '=', a.tenantId).executeTakeFirst();
      expect(Number(upd.numUpdatedRows)).toBe(0);
    });
    expect(await counts()).toEqual(before);
  });

  it('cannot insert a row for another tenant, nor move its own rows there', async () => {
    for (const table of TENANT_TABLES) {
      // Copy one of the tenant's own rows with the other tenant's id: the policy's WITH CHECK refuses it.
      const insert = withTenant(t.db, b.tenantId, (trx) =>
        sql`insert into ${sql.table(table)}
            select (jsonb_populate_record(null::${sql.table(table)}, to_jsonb(x) || jsonb_build_object('tenant_id', ${a.tenantId}::text))).*
            from ${sql.table(table)} x limit 1`.execute(trx),
      );
      await expect(insert, `insert into ${table}`).rejects.toSatisfy((e) => sqlState(e) === '42501');
      const move = withTenant(t.db, b.tenantId, (trx) =>
        sql`update ${sql.table(table)} set tenant_id = ${a.tenantId}`.execute(trx),
      );
      await expect(move, `update ${table}`).rejects.toSatisfy((e) => sqlState(e) === '42501');
    }
  });

  it('keeps sessions, migrations and findings partitions out of reach of vigil_app', async () => {
    const partition = await withSystem(t.db, async (trx) =>
      (
        await sql<{ name: string }>`
          select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where i.inhparent = 'findings'::regclass limit 1`.execute(trx)
      ).rows[0]?.name,
    );
    expect(partition).toMatch(/^findings_y\d{4}m\d{2}$/);
    for (const table of ['refresh_tokens', 'schema_migrations', partition ?? 'findings_missing']) {
      const read = withTenant(t.db, b.tenantId, (trx) => sql`select * from ${sql.table(table)}`.execute(trx));
      await expect(read, table).rejects.toSatisfy((e) => sqlState(e) === '42501');
    }
  });

  it('refuses a tenant id that is not a UUID', async () => {
    await expect(withTenant(t.db, "x' or true --", async () => 1)).rejects.toMatchObject({ code: 'DB_INVALID_TENANT' });
  });

  it('shows everything to the system path — which is why requests never run there', async () => {
    const all = await withSystem(t.db, (trx) => trx.selectFrom('tenants').select('id').execute());
    expect(all.map((r) => r.id).sort()).toEqual([a.tenantId, b.tenantId].sort());
  });
});
