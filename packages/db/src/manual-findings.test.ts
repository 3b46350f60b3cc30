import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbError } from './errors.ts';
import { createManualFinding, deleteFinding, findingMutedAt } from './manual-findings.repo.ts';
import type { ManualFindingInput } from './manual-findings.repo.ts';
import { withSystem, withTenant } from './tenancy.ts';
import { createTestDatabase, seedTenant, TEST_ENGINES } from './testing/index.ts';
import type { SeededTenant, TestDatabase } from './testing/index.ts';

const DAY = 86_400_000;

describe.each(TEST_ENGINES)('manual findings on %s', (engine) => {
  let t: TestDatabase;
  let a: SeededTenant;
  let b: SeededTenant;
  const now = new Date();
  const input = (providerId: string, o: Partial<ManualFindingInput> = {}): ManualFindingInput => ({
    providerId,
    checkId: 'manual_s3',
    region: 'eu-west-1',
    service: 's3',
    severity: 'high',
    status: 'FAIL',
    message: 'Pentest: bucket listing open',
    resource: { uid: 'arn:aws:s3:::assets', name: 'assets', type: 'AwsS3Bucket' },
    observedAt: now,
    recordedAt: now,
    ...o,
  });

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    a = await seedTenant(t.db, 'Alpha');
    b = await seedTenant(t.db, 'Beta');
  }, 60_000);
  afterAll(async () => t?.close());

  it('stores a scan-less row in the partition of its recording time, with its own state', async () => {
    const row = await withTenant(t.db, a.tenantId, (trx) => createManualFinding(trx, input(a.providerId, { note: 'PT-7' })));
    expect(row).toMatchObject({ source: 'manual', scan_id: null, finding_uid: `manual:${row.id}`, account_id: a.accountId, delta: null });
    const partition = await withSystem(t.db, (trx) =>
      sql<{ p: string }>`select tableoid::regclass::text as p from findings where id = ${row.id}::uuid`.execute(trx),
    );
    const month = `${now.getUTCFullYear()}m${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(partition.rows[0]?.p).toBe(`findings_y${month}`);
    const state = await withTenant(t.db, a.tenantId, (trx) =>
      trx.selectFrom('finding_states').selectAll().where('finding_uid', '=', row.finding_uid).executeTakeFirstOrThrow(),
    );
    expect(state).toMatchObject({ source: 'manual', note: 'PT-7', last_scan_id: null, last_status: 'FAIL' });
  });

  it('refuses another tenant\'s provider and a month without a partition', async () => {
    await expect(withTenant(t.db, b.tenantId, (trx) => createManualFinding(trx, input(a.providerId)))).rejects.toMatchObject({ code: 'DB_NOT_FOUND' });
    const far = new Date(Date.UTC(now.getUTCFullYear() + 5, 0, 1));
    const err = await withTenant(t.db, a.tenantId, (trx) => createManualFinding(trx, input(a.providerId, { recordedAt: far }))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DbError);
    expect(err).toMatchObject({ code: 'DB_NO_PARTITION' });
  });

  it('keeps the source and the scan consistent (check constraint)', async () => {
    const scan = await withSystem(t.db, (trx) =>
      trx.insertInto('scans').values({ tenant_id: a.tenantId, provider_id: a.providerId, state: 'completed' }).returning(['id', 'created_at']).executeTakeFirstOrThrow(),
    );
    const base = {
      tenant_id: a.tenantId,
      provider_id: a.providerId,
      scan_created_at: scan.created_at,
      check_id: 'x',
      account_id: a.accountId,
      region: 'r',
      service: 's',
      severity: 'low' as const,
      status: 'FAIL' as const,
      message: 'm',
      resource_uid: 'u',
      resource_name: '',
      resource_type: 't',
      first_seen_at: now,
      observed_at: now,
    };
    for (const bad of [
      { ...base, finding_uid: 'scan-without-scan', source: 'scan' as const, scan_id: null },
      { ...base, finding_uid: 'manual-with-scan', source: 'manual' as const, scan_id: scan.id },
    ]) {
      await expect(withTenant(t.db, a.tenantId, (trx) => trx.insertInto('findings').values(bad).execute())).rejects.toMatchObject({ code: '23514' });
    }
    await withTenant(t.db, a.tenantId, (trx) => trx.insertInto('findings').values({ ...base, finding_uid: 'ok', scan_id: scan.id }).execute());
  });

  it('evaluates lapsed mutes at read time and deletes a manual finding with its state', async () => {
    const row = await withTenant(t.db, a.tenantId, (trx) => createManualFinding(trx, input(a.providerId)));
    await withTenant(t.db, a.tenantId, async (trx) => {
      await trx.updateTable('findings').set({ muted: true, mute_reason: 'r' }).where('id', '=', row.id).execute();
      await trx
        .updateTable('finding_states')
        .set({ muted: true, mute_reason: 'r', mute_expires_at: new Date(now.getTime() + DAY) })
        .where('finding_uid', '=', row.finding_uid)
        .execute();
    });
    const mutedAt = (at: Date) =>
      withTenant(t.db, a.tenantId, async (trx) =>
        (await trx.selectFrom('findings').select(findingMutedAt(at).as('m')).where('id', '=', row.id).executeTakeFirstOrThrow()).m,
      );
    expect(await mutedAt(now)).toBe(true);
    expect(await mutedAt(new Date(now.getTime() + DAY))).toBe(false);
    expect(await withTenant(t.db, b.tenantId, (trx) => deleteFinding(trx, row.id))).toBe(false);
    expect(await withTenant(t.db, a.tenantId, (trx) => deleteFinding(trx, row.id))).toBe(true);
    const left = await withTenant(t.db, a.tenantId, (trx) => trx.selectFrom('finding_states').select('finding_uid').where('finding_uid', '=', row.finding_uid).execute());
    expect(left).toEqual([]);
  });

  it('deletes the manual findings of a deleted cloud account (they have no scan to cascade from)', async () => {
    const c = await seedTenant(t.db, 'Gamma');
    await withTenant(t.db, c.tenantId, (trx) => createManualFinding(trx, input(c.providerId)));
    const count = () =>
      withTenant(t.db, c.tenantId, async (trx) => Number((await trx.selectFrom('findings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
    expect(await count()).toBe(1);
    await withTenant(t.db, c.tenantId, (trx) => trx.deleteFrom('providers').where('id', '=', c.providerId).execute());
    expect(await count()).toBe(0);
    expect(await withTenant(t.db, a.tenantId, async (trx) => (await trx.selectFrom('findings').select('id').where('source', '=', 'manual').execute()).length)).toBeGreaterThan(0);
  });
});
