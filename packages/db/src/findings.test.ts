import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './database.ts';
import { commitFindingStates, deleteScanFindings, insertFindings, listFindings, resolveMissingFindings } from './findings.repo.ts';
import type { FindingRow } from './findings.repo.ts';
import { createScan } from './scans.repo.ts';
import { withSystem, withTenant } from './tenancy.ts';
import { createTestDatabase, makeFinding, seedTenant, TEST_ENGINES } from './testing/index.ts';
import type { SeededTenant, TestDatabase } from './testing/index.ts';

const COUNT = 20_000;
const BATCH = 5_000;

async function startScan(db: Db, tenant: SeededTenant): Promise<string> {
  return withTenant(db, tenant.tenantId, async (trx) => {
    const created = await createScan(trx, { providerId: tenant.providerId });
    if (!created.created) throw new Error(`provider busy with scan ${created.activeScanId}`);
    return created.scan.id;
  });
}

async function finishScan(db: Db, tenant: SeededTenant, scanId: string): Promise<void> {
  await withTenant(db, tenant.tenantId, async (trx) => {
    await commitFindingStates(trx, scanId);
    await trx.updateTable('scans').set({ state: 'completed', finished_at: new Date() }).where('id', '=', scanId).execute();
  });
}

describe.each(TEST_ENGINES)('findings on %s', (engine) => {
  let t: TestDatabase;
  let a: SeededTenant;
  let b: SeededTenant;
  let scan1: string;
  let scan2: string;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    a = await seedTenant(t.db, 'Alpha');
    b = await seedTenant(t.db, 'Beta');
  }, 60_000);
  afterAll(async () => t?.close());

  it(`stores ${COUNT} findings of a scan in batches`, async () => {
    scan1 = await startScan(t.db, a);
    const findings = Array.from({ length: COUNT }, (_, i) => makeFinding(i, a.accountId));
    const started = performance.now();
    let total = { inserted: 0, new: 0, changed: 0, unchanged: 0 };
    for (let i = 0; i < COUNT; i += BATCH) {
      const r = await withTenant(t.db, a.tenantId, (trx) =>
        insertFindings(trx, { scanId: scan1, findings: findings.slice(i, i + BATCH) }),
      );
      total = { inserted: total.inserted + r.inserted, new: total.new + r.new, changed: 0, unchanged: 0 };
    }
    const ms = performance.now() - started;
    console.log(`[${engine}] inserted ${COUNT} findings in ${ms.toFixed(0)} ms (${Math.round(COUNT / (ms / 1000))}/s)`);
    expect(total).toEqual({ inserted: COUNT, new: COUNT, changed: 0, unchanged: 0 });
    await finishScan(t.db, a, scan1);
  }, 120_000);

  it('links the next scan: new, changed, unchanged; mutes survive; resolved when gone', async () => {
    // Mute one finding between the scans, as a user would.
    await withTenant(t.db, a.tenantId, (trx) =>
      trx
        .updateTable('finding_states')
        .set({ muted: true, mute_reason: 'accepted risk', muted_at: new Date(), muted_by: a.userId })
        .where('provider_id', '=', a.providerId)
        .where('finding_uid', '=', makeFinding(150, a.accountId).id)
        .execute(),
    );
    scan2 = await startScan(t.db, a);
    // Scan 2: findings 0..9999 again (100 of them with another status), 10000..19999 gone, 500 new ones.
    const findings = [
      ...Array.from({ length: 10_000 }, (_, i) =>
        i < 100 ? makeFinding(i, a.accountId, { status: i % 2 ? 'FAIL' : 'PASS' }) : makeFinding(i, a.accountId),
      ),
      ...Array.from({ length: 500 }, (_, i) => makeFinding(COUNT + i, a.accountId)),
    ];
    const expectedChanged = findings.slice(0, 100).filter((f, i) => f.status !== makeFinding(i, a.accountId).status).length;
    const expected = { inserted: 10_500, new: 500, changed: expectedChanged, unchanged: 10_000 - expectedChanged };
    const r = await withTenant(t.db, a.tenantId, (trx) => insertFindings(trx, { scanId: scan2, findings }));
    expect(r).toEqual(expected);
    // A retried job deletes what its first attempt stored and stores it again: same deltas, no duplicates.
    const again = await withTenant(t.db, a.tenantId, async (trx) => {
      expect(await deleteScanFindings(trx, scan2, { accountId: a.accountId })).toBe(10_500);
      return insertFindings(trx, { scanId: scan2, findings });
    });
    expect(again).toEqual(expected);

    const resolved = await withTenant(t.db, a.tenantId, async (trx) => {
      expect(await commitFindingStates(trx, scan2)).toBe(10_500);
      return resolveMissingFindings(trx, scan2);
    });
    expect(resolved).toBe(10_000);
    await finishScan(t.db, a, scan2);

    await withTenant(t.db, a.tenantId, async (trx) => {
      const muted = await trx
        .selectFrom('findings')
        .select(['scan_id', 'muted', 'mute_reason', 'delta', 'first_seen_at'])
        .where('finding_uid', '=', makeFinding(150, a.accountId).id)
        .orderBy('scan_created_at')
        .execute();
      expect(muted.map((m) => [m.scan_id, m.muted, m.mute_reason, m.delta])).toEqual([
        [scan1, false, null, 'new'],
        [scan2, true, 'accepted risk', 'unchanged'],
      ]);
      expect(muted[1]?.first_seen_at).toEqual(muted[0]?.first_seen_at);
      const state = await trx
        .selectFrom('finding_states')
        .select(['last_scan_id', 'resolved_at'])
        .where('finding_uid', '=', makeFinding(15_000, a.accountId).id)
        .executeTakeFirstOrThrow();
      expect(state.last_scan_id).toBe(scan1);
      expect(state.resolved_at).toBeInstanceOf(Date);
    });
  }, 60_000);

  it('commits and resolves only the resources or the account a scan covered', async () => {
    const c = await seedTenant(t.db, 'Gamma');
    const other = '210987654321';
    // Scan 1 sees resource-0 and resource-1 of two accounts (40 findings per resource).
    const first = [...Array.from({ length: 80 }, (_, i) => makeFinding(i, c.accountId)), ...Array.from({ length: 80 }, (_, i) => makeFinding(i, other))];
    const s1 = await startScan(t.db, c);
    await withTenant(t.db, c.tenantId, (trx) => insertFindings(trx, { scanId: s1, findings: first }));
    await finishScan(t.db, c, s1);
    await withTenant(t.db, c.tenantId, async (trx) => {
      // Nothing is recorded twice: committing again writes the same states.
      expect(await commitFindingStates(trx, s1)).toBe(160);
      const byAccount = await trx.selectFrom('finding_states').select(['account_id']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('account_id').orderBy('account_id').execute();
      expect(byAccount.map((r) => [r.account_id, Number(r.n)])).toEqual([[other, 80], [c.accountId, 80]].sort());
    });

    // Scan 2 re-reads one resource of the first account only: it is gone.
    const gone = makeFinding(0, c.accountId).resource.id;
    const ofGone = first.filter((f) => f.resource.id === gone).length;
    expect(ofGone).toBeGreaterThan(1);
    const s2 = await startScan(t.db, c);
    await withTenant(t.db, c.tenantId, async (trx) => {
      expect(await commitFindingStates(trx, s2, { resourceUids: [gone] })).toBe(0);
      expect(await resolveMissingFindings(trx, s2, { resourceUids: [] })).toBe(0);
      expect(await resolveMissingFindings(trx, s2, { resourceUids: [gone] })).toBe(ofGone);
      // A scan that read only the second account resolves nothing of the first.
      expect(await resolveMissingFindings(trx, s2, { accountId: other })).toBe(80);
      const open = await trx.selectFrom('finding_states').select('account_id').where('resolved_at', 'is', null).execute();
      expect(open).toHaveLength(80 - ofGone);
      expect(new Set(open.map((r) => r.account_id))).toEqual(new Set([c.accountId]));
    });
    await finishScan(t.db, c, s2);
  }, 60_000);

  it('follows a finding through its lifecycle: open, resolved when it passes, reopened, resolved when gone', async () => {
    const d = await seedTenant(t.db, 'Delta');
    const f = (status: 'PASS' | 'FAIL') => makeFinding(7, d.accountId, { status });
    const lifecycle = async (scanFindings: ReturnType<typeof f>[], resolveGone = false) => {
      const id = await startScan(t.db, d);
      await withTenant(t.db, d.tenantId, async (trx) => {
        await insertFindings(trx, { scanId: id, findings: scanFindings });
        await commitFindingStates(trx, id);
        if (resolveGone) await resolveMissingFindings(trx, id);
      });
      await finishScan(t.db, d, id);
      return withTenant(t.db, d.tenantId, (trx) =>
        trx.selectFrom('finding_states').select(['lifecycle', 'resolved_at']).where('finding_uid', '=', f('FAIL').id).executeTakeFirstOrThrow(),
      );
    };
    expect((await lifecycle([f('FAIL')])).lifecycle).toBe('open');
    expect((await lifecycle([f('FAIL')])).lifecycle).toBe('open');
    expect((await lifecycle([f('PASS')])).lifecycle).toBe('resolved');
    expect((await lifecycle([f('FAIL')])).lifecycle).toBe('reopened');
    const gone = await lifecycle([makeFinding(8, d.accountId)], true);
    expect(gone.lifecycle).toBe('resolved');
    expect(gone.resolved_at).toBeInstanceOf(Date);
    const back = await lifecycle([f('FAIL')]);
    expect([back.lifecycle, back.resolved_at]).toEqual(['reopened', null]);
  }, 60_000);

  it('pages through filtered findings with a cursor, most severe first', async () => {
    const filters = { scanId: scan2, status: ['FAIL' as const], service: 's3' };
    const expected = await withSystem(t.db, (trx) =>
      trx
        .selectFrom('findings')
        .select('id')
        .where('scan_id', '=', scan2)
        .where('status', '=', 'FAIL')
        .where('service', '=', 's3')
        .orderBy('severity', 'desc')
        .orderBy('id', 'desc')
        .execute(),
    );
    expect(expected.length).toBeGreaterThan(300);
    const seen: FindingRow[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await withTenant(t.db, a.tenantId, (trx) => listFindings(trx, { filters, limit: 100, cursor }));
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(expected.length / 100));
    expect(seen.map((f) => f.id)).toEqual(expected.map((f) => f.id));
    expect(seen.every((f) => f.status === 'FAIL' && f.service === 's3' && f.scan_id === scan2)).toBe(true);
  });

  it('filters by every listed field', async () => {
    const f = makeFinding(123, a.accountId);
    await withTenant(t.db, a.tenantId, async (trx) => {
      const one = async (filters: Parameters<typeof listFindings>[1] extends infer O ? O extends { filters?: infer F } ? F : never : never) =>
        (await listFindings(trx, { filters: { scanId: scan2, ...filters }, limit: 1000 })).items;
      const byResource = await one({ resourceUid: f.resource.id });
      expect(byResource.length).toBeGreaterThan(0);
      expect(byResource.every((x) => x.resource_uid === f.resource.id)).toBe(true);
      const byCheck = await one({ checkId: f.checkId, region: f.region, accountId: a.accountId });
      expect(byCheck.map((x) => x.finding_uid)).toContain(f.id);
      expect(byCheck.every((x) => x.check_id === f.checkId && x.region === f.region)).toBe(true);
      expect((await one({ muted: true })).map((x) => x.finding_uid)).toEqual([makeFinding(150, a.accountId).id]);
      expect((await one({ delta: ['new'] })).length).toBe(500);
      expect((await one({ severity: ['critical'], status: ['FAIL'] })).every((x) => x.severity === 'critical')).toBe(true);
      const byText = await one({ text: f.resource.name });
      expect(byText.length).toBeGreaterThan(0);
      expect(byText.every((x) => x.resource_name === f.resource.name)).toBe(true);
      const future = await one({ firstSeenFrom: new Date(Date.now() + 3_600_000) });
      expect(future).toEqual([]);
      const recent = await listFindings(trx, {
        filters: { providerId: a.providerId, firstSeenFrom: new Date(Date.now() - 3_600_000), scannedFrom: new Date(Date.now() - 86_400_000) },
        sort: 'first_seen_at',
        order: 'asc',
        limit: 10,
      });
      expect(recent.items).toHaveLength(10);
      expect(recent.nextCursor).not.toBeNull();
    });
  });

  it('rejects a cursor of another sort', async () => {
    const page = await withTenant(t.db, a.tenantId, (trx) => listFindings(trx, { filters: { scanId: scan2 }, limit: 5 }));
    await expect(
      withTenant(t.db, a.tenantId, (trx) =>
        listFindings(trx, { filters: { scanId: scan2 }, sort: 'check_id', cursor: page.nextCursor ?? '' }),
      ),
    ).rejects.toMatchObject({ code: 'DB_INVALID_CURSOR' });
  });

  it("shows another tenant none of them, even by scan id", async () => {
    const page = await withTenant(t.db, b.tenantId, (trx) => listFindings(trx, { filters: { scanId: scan2 } }));
    expect(page).toEqual({ items: [], nextCursor: null });
    const all = await withTenant(t.db, b.tenantId, (trx) => listFindings(trx, {}));
    expect(all.items).toEqual([]);
    await expect(
      withTenant(t.db, b.tenantId, (trx) => insertFindings(trx, { scanId: scan2, findings: [makeFinding(1, b.accountId)] })),
    ).rejects.toMatchObject({ code: 'DB_NOT_FOUND' });
  });

  // PostgreSQL behaviour (query plans, concurrent sessions) that PGlite, one session, cannot show.
  if (engine === 'postgres') {
    it('reads one partition and the page index for a scan page', async () => {
      await sql`analyze findings`.execute(t.db);
      const plan = await withTenant(t.db, a.tenantId, async (trx) => {
        const scan = await trx.selectFrom('scans').select('created_at').where('id', '=', scan2).executeTakeFirstOrThrow();
        const q = trx
          .selectFrom('findings')
          .selectAll()
          .where('scan_id', '=', scan2)
          .where('scan_created_at', '=', scan.created_at)
          .orderBy('severity', 'desc')
          .orderBy('id', 'desc')
          .limit(50)
          .compile();
        const rows = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(q.sql.replace(/\$(\d+)/g, (_, n: string) => `'${String(q.parameters[Number(n) - 1] instanceof Date ? (q.parameters[Number(n) - 1] as Date).toISOString() : q.parameters[Number(n) - 1])}'`))}`.execute(trx);
        return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      const partitions = plan.match(/findings_y\d{4}m\d{2}/g) ?? [];
      expect(new Set(partitions).size).toBe(1);
      // A (severity, id) index of that partition read backwards: no sort step. Which one
      // (per scan or per tenant) is the planner's call from the statistics.
      expect(plan).toMatch(/Index Scan Backward using findings_y\d{4}m\d{2}_\w+_severity_id_idx/);
      expect(plan).not.toMatch(/Sort/);
    });
  }
});
