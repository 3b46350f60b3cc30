import { withSystem } from '@vigil/db';
import { makeFinding, seedTenant } from '@vigil/db/testing';
import type { SeededTenant } from '@vigil/db/testing';
import type { Finding } from '@vigil/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMember, seedScan } from '../src/modules/findings/findings.testing.ts';
import type { Overview } from '../src/modules/overview/overview.service.ts';
import { TEST_ENGINES, createTestApp } from '../src/testing/index.ts';
import type { TestApp } from '../src/testing/index.ts';

type TestUser = Awaited<ReturnType<typeof seedMember>>;

const HOUR = 3_600_000;

function expected(findings: Finding[]) {
  const count = <K extends string>(key: (f: Finding) => K) => {
    const out: Record<string, number> = {};
    for (const f of findings) out[key(f)] = (out[key(f)] ?? 0) + 1;
    return out;
  };
  return { total: findings.length, byService: count((f) => f.check.service), byRegion: count((f) => f.region), byStatus: count((f) => f.status), bySeverity: count((f) => f.severity) };
}

describe.each(TEST_ENGINES)('overview API on %s', (engine) => {
  let t: TestApp;
  let a: SeededTenant;
  let second: { providerId: string; accountId: string };
  let user: TestUser;
  let other: TestUser;
  let latestA: Finding[];
  let latestSecond: Finding[];
  let scanIds: string[];

  const get = async (u: TestUser, url: string) => t.app.inject({ url: `/api/v1${url}`, headers: { authorization: u.authorization } });

  beforeAll(async () => {
    t = await createTestApp(engine);
    a = await seedTenant(t.db, 'Alpha');
    const b = await seedTenant(t.db, 'Beta');
    second = await withSystem(t.db, async (trx) => {
      const accountId = '210987654321';
      const p = await trx
        .insertInto('providers')
        .values({ tenant_id: a.tenantId, kind: 'aws', account_id: accountId, auth_method: 'role', role_arn: `arn:aws:iam::${accountId}:role/vigil` })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { providerId: p.id, accountId };
    });
    user = await seedMember(t, a.tenantId, 'read_only');
    other = await seedMember(t, b.tenantId, 'owner');
    const now = Date.now();
    const range = (from: number, n: number, account: string) => Array.from({ length: n }, (_, i) => makeFinding(from + i, account));
    // Provider A: an old completed scan, the latest completed one, and a newer failed one (ignored).
    await seedScan(t.db, { ...a, createdAt: new Date(now - 3 * HOUR), findings: range(0, 40, a.accountId) });
    latestA = range(100, 23, a.accountId);
    latestA[0] = { ...(latestA[0] as Finding), muted: true, muteReason: 'accepted', status: 'FAIL' };
    const sA = await seedScan(t.db, { ...a, createdAt: new Date(now - 2 * HOUR), findings: latestA });
    await seedScan(t.db, { ...a, createdAt: new Date(now - HOUR), state: 'failed', findings: range(200, 7, a.accountId) });
    latestSecond = range(0, 11, second.accountId);
    const sB = await seedScan(t.db, { tenantId: a.tenantId, providerId: second.providerId, createdAt: new Date(now - 2 * HOUR), findings: latestSecond });
    scanIds = [sA, sB];
    await seedScan(t.db, { ...b, createdAt: new Date(now - HOUR), findings: range(0, 9, b.accountId) });
  }, 60_000);
  afterAll(() => t?.close());

  it('counts the latest completed scan of each account', async () => {
    const r = await get(user, '/overview');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as Overview;
    expect(body.scans.map((s) => s.scanId).sort()).toEqual([...scanIds].sort());
    const all = [...latestA, ...latestSecond];
    const e = expected(all);
    expect(body.total).toBe(34);
    expect(body.muted).toBe(1);
    expect(body.byService).toEqual(e.byService);
    expect(body.byRegion).toEqual(e.byRegion);
    expect(body.byStatus).toEqual({ PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0, ...e.byStatus });
    expect(body.bySeverity).toEqual({ critical: 0, high: 0, medium: 0, low: 0, informational: 0, ...e.bySeverity });
    const failing = expected(all.filter((f) => f.status === 'FAIL' && !f.muted)).bySeverity;
    expect(body.failingBySeverity).toEqual({ critical: 0, high: 0, medium: 0, low: 0, informational: 0, ...failing });
  });

  it('narrows to one provider', async () => {
    const body = (await get(user, `/overview?providerId=${second.providerId}`)).json() as Overview;
    expect(body.scans.map((s) => s.scanId)).toEqual([scanIds[1]]);
    expect(body.total).toBe(11);
    expect(body.byRegion).toEqual(expected(latestSecond).byRegion);
  });

  it('never counts another tenant\'s rows', async () => {
    const body = (await get(other, '/overview')).json() as Overview;
    expect(body.total).toBe(9);
    expect(body.scans).toHaveLength(1);
    const foreign = (await get(other, `/overview?providerId=${a.providerId}`)).json() as Overview;
    expect(foreign).toMatchObject({ total: 0, scans: [] });
  });

  it('answers 400 for bad filters', async () => {
    expect((await get(user, '/overview?providerId=nope')).statusCode).toBe(400);
    expect((await get(user, '/overview?scanId=x')).statusCode).toBe(400);
  });
});
