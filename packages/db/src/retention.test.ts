import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFindings } from './findings.repo.ts';
import { ensureFindingPartitions, findingPartitions } from './partitions.ts';
import { deleteExpiredEventScans, dropExpiredFindingPartitions, findingsRetentionCutoff } from './retention.ts';
import { createScan } from './scans.repo.ts';
import { withTenant } from './tenancy.ts';
import { createTestDatabase, makeFinding, seedTenant, TEST_ENGINES } from './testing/index.ts';
import type { SeededTenant, TestDatabase } from './testing/index.ts';

describe('findings retention cutoff', () => {
  it('goes back whole calendar months, clamping the day to the shorter month', () => {
    expect(findingsRetentionCutoff(new Date('2026-11-22T10:30:00Z'), 3).toISOString()).toBe('2026-08-22T10:30:00.000Z');
    expect(findingsRetentionCutoff(new Date('2026-05-31T00:00:00Z'), 3).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(findingsRetentionCutoff(new Date('2028-05-31T00:00:00Z'), 3).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(findingsRetentionCutoff(new Date('2026-01-15T00:00:00Z'), 13).toISOString()).toBe('2024-12-15T00:00:00.000Z');
  });
});

describe.each(TEST_ENGINES)('findings retention on %s', (engine) => {
  let t: TestDatabase;
  let a: SeededTenant;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    a = await seedTenant(t.db, 'Retained');
    await ensureFindingPartitions(t.db, { from: new Date('2019-01-01T00:00:00Z'), monthsAhead: 5 });
  }, 60_000);
  afterAll(async () => t?.close());

  /** A completed scan created at `at`, with `count` findings. */
  async function scanAt(at: string, count: number): Promise<string> {
    return withTenant(t.db, a.tenantId, async (trx) => {
      const created = await createScan(trx, { providerId: a.providerId });
      if (!created.created) throw new Error('scan not created');
      await trx
        .updateTable('scans')
        .set({ created_at: new Date(at), state: 'completed' })
        .where('id', '=', created.scan.id)
        .execute();
      const findings = Array.from({ length: count }, (_, i) => makeFinding(i, a.accountId));
      await insertFindings(trx, { scanId: created.scan.id, findings });
      return created.scan.id;
    });
  }

  const countFindings = () =>
    withTenant(t.db, a.tenantId, async (trx) => {
      const r = await sql<{ month: string; n: number }>`
        select to_char(scan_created_at at time zone 'UTC', 'YYYY-MM') as month, count(*)::int as n
        from findings where scan_created_at < '2020-01-01' group by 1 order by 1`.execute(trx);
      return r.rows;
    });

  it('rejects a retention that is not a positive whole number of months', async () => {
    await expect(dropExpiredFindingPartitions(t.db, { months: 0 })).rejects.toThrow(RangeError);
    await expect(dropExpiredFindingPartitions(t.db, { months: 1.5 })).rejects.toThrow(/positive whole number/);
  });

  it('drops only the partitions whose whole month is older than the retention, keeping their scans', async () => {
    const january = await scanAt('2019-01-20T08:00:00Z', 5);
    await scanAt('2019-02-10T08:00:00Z', 4);
    await scanAt('2019-03-05T08:00:00Z', 3);
    await scanAt('2019-06-01T08:00:00Z', 2);
    expect(await countFindings()).toEqual([
      { month: '2019-01', n: 5 },
      { month: '2019-02', n: 4 },
      { month: '2019-03', n: 3 },
      { month: '2019-06', n: 2 },
    ]);

    // Three months back from 10 June is 10 March: January and February are wholly older,
    // March is not (its findings of 5 March stay until April's retention run).
    const now = new Date('2019-06-10T00:00:00Z');
    expect(await dropExpiredFindingPartitions(t.db, { months: 3, now })).toEqual(['findings_y2019m01', 'findings_y2019m02']);
    expect(await countFindings()).toEqual([
      { month: '2019-03', n: 3 },
      { month: '2019-06', n: 2 },
    ]);
    const names = await findingPartitions(t.db);
    expect(names).not.toContain('findings_y2019m01');
    expect(names).toContain('findings_y2019m03');
    // Dropped, not merely detached.
    const left = await sql<{ n: number }>`
      select count(*)::int as n from pg_class where relname in ('findings_y2019m01', 'findings_y2019m02')`.execute(t.db);
    expect(left.rows).toEqual([{ n: 0 }]);
    // The scan stays (with its counts); only its findings are gone.
    const scan = await withTenant(t.db, a.tenantId, (trx) =>
      trx.selectFrom('scans').select('id').where('id', '=', january).executeTakeFirst(),
    );
    expect(scan?.id).toBe(january);

    // Idempotent; the months around today (created by the test database) are kept.
    expect(await dropExpiredFindingPartitions(t.db, { months: 3, now })).toEqual([]);
    expect(await dropExpiredFindingPartitions(t.db, { months: 1 })).toEqual([
      'findings_y2019m03',
      'findings_y2019m04',
      'findings_y2019m05',
      'findings_y2019m06',
    ]);
    expect((await findingPartitions(t.db)).length).toBe(3);
  });

  it('deletes the ended event scans older than the retention, and nothing else', async () => {
    const scan = (at: string, trigger: 'manual' | 'event', state: 'completed' | 'running') =>
      withTenant(t.db, a.tenantId, async (trx) => {
        const created = await createScan(trx, { providerId: a.providerId });
        if (!created.created) throw new Error('scan not created');
        await trx
          .updateTable('scans')
          .set({ created_at: new Date(at), state, trigger, ...(trigger === 'event' ? { target: JSON.stringify({ resourceUid: 'arn:aws:s3:::b' }) } : {}) })
          .where('id', '=', created.scan.id)
          .execute();
        return created.scan.id;
      });
    const oldEvent = await scan('2018-01-10T00:00:00Z', 'event', 'completed');
    const oldFull = await scan('2018-01-12T00:00:00Z', 'manual', 'completed');
    const recentEvent = await scan('2018-05-20T00:00:00Z', 'event', 'completed');
    // Last: a running scan holds the provider's one active scan.
    const oldRunning = await scan('2018-01-11T00:00:00Z', 'event', 'running');
    await expect(deleteExpiredEventScans(t.db, { months: 0 })).rejects.toThrow(RangeError);
    expect(await deleteExpiredEventScans(t.db, { months: 3, now: new Date('2018-06-01T00:00:00Z') })).toBe(1);
    const left = await withTenant(t.db, a.tenantId, async (trx) =>
      (await trx.selectFrom('scans').select('id').where('id', 'in', [oldEvent, oldRunning, oldFull, recentEvent]).execute()).map((r) => r.id).sort(),
    );
    expect(left).toEqual([oldRunning, oldFull, recentEvent].sort());
    await withTenant(t.db, a.tenantId, (trx) => trx.updateTable('scans').set({ state: 'completed' }).where('id', '=', oldRunning).execute());
  });
});
