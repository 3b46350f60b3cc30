import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFindings } from './findings.repo.ts';
import {
  detachFindingPartitionsOlderThan,
  ensureFindingPartitions,
  findingPartitionName,
  findingPartitions,
} from './partitions.ts';
import { createScan } from './scans.repo.ts';
import { withSystem, withTenant } from './tenancy.ts';
import { createTestDatabase, makeFinding, seedTenant, TEST_ENGINES } from './testing/index.ts';
import type { SeededTenant, TestDatabase } from './testing/index.ts';

describe.each(TEST_ENGINES)('findings partitions on %s', (engine) => {
  let t: TestDatabase;
  let a: SeededTenant;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { migrate: true });
    a = await seedTenant(t.db, 'Alpha');
  }, 60_000);
  afterAll(async () => t?.close());

  it('names partitions by UTC month', () => {
    expect(findingPartitionName(new Date('2026-11-30T23:59:59Z'))).toBe('findings_y2026m11');
    expect(findingPartitionName(new Date('2027-01-01T00:00:00Z'))).toBe('findings_y2027m01');
  });

  it('creates months ahead, idempotently', async () => {
    const from = new Date('2030-11-15T12:00:00Z');
    expect(await ensureFindingPartitions(t.db, { from, monthsAhead: 3 })).toEqual([
      'findings_y2030m11',
      'findings_y2030m12',
      'findings_y2031m01',
      'findings_y2031m02',
    ]);
    expect(await ensureFindingPartitions(t.db, { from, monthsAhead: 3 })).toEqual([]);
    expect(await findingPartitions(t.db)).toEqual(expect.arrayContaining(['findings_y2030m11', 'findings_y2031m02']));
  });

  it('prunes partitions for queries on the partition key', async () => {
    const plan = await withTenant(t.db, a.tenantId, async (trx) => {
      const rows = await sql<{ 'QUERY PLAN': string }>`
        explain select * from findings
        where scan_created_at >= '2030-12-01T00:00:00Z' and scan_created_at < '2031-01-01T00:00:00Z'`.execute(trx);
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('findings_y2030m12');
    expect(plan).not.toContain('findings_y2030m11');
    expect(plan).not.toContain('findings_y2031m01');
  });

  it('refuses findings of a month without a partition, saying what to do', async () => {
    const scanId = await withTenant(t.db, a.tenantId, async (trx) => {
      const created = await createScan(trx, { providerId: a.providerId });
      if (!created.created) throw new Error('scan not created');
      await trx
        .updateTable('scans')
        .set({ created_at: new Date('2040-05-05T00:00:00Z') })
        .where('id', '=', created.scan.id)
        .execute();
      return created.scan.id;
    });
    await expect(
      withTenant(t.db, a.tenantId, (trx) => insertFindings(trx, { scanId, findings: [makeFinding(1, a.accountId)] })),
    ).rejects.toMatchObject({ code: 'DB_NO_PARTITION', message: /ensureFindingPartitions/ });
  });

  it('detaches (and drops) whole months older than a date for retention', async () => {
    await ensureFindingPartitions(t.db, { from: new Date('2020-01-01T00:00:00Z'), monthsAhead: 2 });
    // 2020-03 ends on 2020-04-01, after the date: kept.
    expect(await detachFindingPartitionsOlderThan(t.db, new Date('2020-03-15T00:00:00Z'))).toEqual([
      'findings_y2020m01',
      'findings_y2020m02',
    ]);
    const names = await findingPartitions(t.db);
    expect(names).not.toContain('findings_y2020m01');
    expect(names).toContain('findings_y2020m03');
    // Detached, the table still exists on its own, without grants to vigil_app.
    const detached = await withSystem(t.db, (trx) =>
      sql<{ n: number }>`select count(*)::int as n from findings_y2020m01`.execute(trx),
    );
    expect(detached.rows).toEqual([{ n: 0 }]);
    expect(await detachFindingPartitionsOlderThan(t.db, new Date('2020-04-01T00:00:00Z'), { drop: true })).toEqual([
      'findings_y2020m03',
    ]);
    const gone = await sql<{ n: number }>`select count(*)::int as n from pg_class where relname = 'findings_y2020m03'`.execute(t.db);
    expect(gone.rows).toEqual([{ n: 0 }]);
  });
});
