import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlState } from './errors.ts';
import { createScan } from './scans.repo.ts';
import { withTenant } from './tenancy.ts';
import { createTestDatabase, seedTenant, TEST_ENGINES } from './testing/index.ts';
import type { SeededTenant, TestDatabase } from './testing/index.ts';

describe.each(TEST_ENGINES)('one active scan per cloud account on %s', (engine) => {
  let t: TestDatabase;
  let a: SeededTenant;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    a = await seedTenant(t.db, 'Alpha');
  }, 60_000);
  afterAll(async () => t?.close());

  it('rejects a second active scan, queues on request, and allows a new one once the first finishes', async () => {
    await withTenant(t.db, a.tenantId, async (trx) => {
      const first = await createScan(trx, { providerId: a.providerId, name: 'first' });
      if (!first.created) throw new Error('first scan not created');
      expect(first.scan).toMatchObject({ state: 'pending', trigger: 'manual', progress_done: 0, scope: {} });

      expect(await createScan(trx, { providerId: a.providerId })).toEqual({ created: false, activeScanId: first.scan.id });
      const queued = await createScan(trx, { providerId: a.providerId, queue: true });
      expect(queued.created && queued.scan.state).toBe('queued');

      await trx.updateTable('scans').set({ state: 'running', started_at: new Date() }).where('id', '=', first.scan.id).execute();
      expect(await createScan(trx, { providerId: a.providerId })).toEqual({ created: false, activeScanId: first.scan.id });

      await trx
        .updateTable('scans')
        .set({ state: 'completed', finished_at: new Date() })
        .where('id', '=', first.scan.id)
        .execute();
      const second = await createScan(trx, { providerId: a.providerId, trigger: 'schedule' });
      expect(second.created && second.scan.state).toBe('pending');
    });
  });

  it('with queue, starts at once on an idle account and queues behind a waiting scan', async () => {
    const p = await seedProvider();
    await withTenant(t.db, a.tenantId, async (trx) => {
      const idle = await createScan(trx, { providerId: p, queue: true });
      expect(idle.created && idle.scan.state).toBe('pending');
      const behind = await createScan(trx, { providerId: p, queue: true });
      expect(behind.created && behind.scan.state).toBe('queued');
      if (!idle.created) throw new Error('not created');
      await trx.updateTable('scans').set({ state: 'completed', finished_at: new Date() }).where('id', '=', idle.scan.id).execute();
      // The account is idle for a moment, but a scan is waiting: the next one queues behind it.
      const next = await createScan(trx, { providerId: p, queue: true });
      expect(next.created && next.scan.state).toBe('queued');
    });
  });

  it('enforces the lock in the database itself, whatever the code does', async () => {
    const p = await seedProvider();
    const insertTwo = withTenant(t.db, a.tenantId, async (trx) => {
      await trx.insertInto('scans').values({ tenant_id: a.tenantId, provider_id: p, state: 'running' }).execute();
      await trx.insertInto('scans').values({ tenant_id: a.tenantId, provider_id: p, state: 'pending' }).execute();
    });
    await expect(insertTwo).rejects.toSatisfy(
      (e) => sqlState(e) === '23505' && String((e as Error).message).includes('scans_one_active_per_provider'),
    );
  });

  // PostgreSQL behaviour (query plans, concurrent sessions) that PGlite, one session, cannot show.
  if (engine === 'postgres') {
    it('lets exactly one of two concurrent requests start a scan', async () => {
      const providerId = await seedProvider();
      const results = await Promise.all(
        [1, 2, 3].map(() => withTenant(t.db, a.tenantId, (trx) => createScan(trx, { providerId }))),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created);
      for (const r of results.filter((x) => !x.created)) {
        expect(r).toEqual({ created: false, activeScanId: winner?.created ? winner.scan.id : 'none' });
      }
    });
  }

  it("answers not found for another tenant's provider", async () => {
    const b = await seedTenant(t.db, 'Beta');
    await expect(withTenant(t.db, b.tenantId, (trx) => createScan(trx, { providerId: a.providerId }))).rejects.toMatchObject({
      code: 'DB_NOT_FOUND',
    });
    // Nor can a scan of one tenant point at another tenant's provider (composite foreign key).
    const idle = await seedProvider();
    const forged = withTenant(t.db, b.tenantId, (trx) =>
      trx.insertInto('scans').values({ tenant_id: b.tenantId, provider_id: idle }).execute(),
    );
    await expect(forged).rejects.toSatisfy((e) => sqlState(e) === '23503');
  });

  async function seedProvider(): Promise<string> {
    return withTenant(t.db, a.tenantId, async (trx) => {
      const account = String(200000000000 + Math.floor(Math.random() * 1e9));
      const p = await trx
        .insertInto('providers')
        .values({ tenant_id: a.tenantId, kind: 'aws', account_id: account, auth_method: 'access_keys', tags: '{"env":"ci"}' })
        .returning(['id', 'tags'])
        .executeTakeFirstOrThrow();
      expect(p.tags).toEqual({ env: 'ci' });
      return p.id;
    });
  }
});
