import { withSystem } from '@vigil/db';
import { makeFinding, seedTenant } from '@vigil/db/testing';
import type { SeededTenant } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMember, seedScan } from '../src/modules/findings/findings.testing.ts';
import type { ResourceDetail, ResourceView } from '../src/modules/resources/resources.service.ts';
import { TEST_ENGINES, createTestApp } from '../src/testing/index.ts';
import type { TestApp } from '../src/testing/index.ts';

type TestUser = Awaited<ReturnType<typeof seedMember>>;

const TYPES = [
  ['AwsS3Bucket', 's3'],
  ['AwsIamUser', 'iam'],
  ['AwsEc2Instance', 'ec2'],
] as const;
const REGIONS = ['us-east-1', 'eu-west-1'] as const;

describe.each(TEST_ENGINES)('resources API on %s', (engine) => {
  let t: TestApp;
  let a: SeededTenant;
  let b: SeededTenant;
  let user: TestUser;
  let other: TestUser;
  let scan2: string;
  const ids: Record<string, string> = {};

  const get = async (u: TestUser, url: string) => t.app.inject({ url: `/api/v1${url}`, headers: { authorization: u.authorization } });
  async function all(u: TestUser, query: string): Promise<ResourceView[]> {
    const out: ResourceView[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const r = await get(u, `/resources?${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.statusCode, r.body).toBe(200);
      const page = r.json() as { items: ResourceView[]; nextCursor: string | null };
      out.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return out;
    }
    throw new Error('too many pages');
  }

  async function insertResource(tenant: SeededTenant, i: number, o: { uid?: string; lastScanId?: string | null; name?: string } = {}) {
    const [type, service] = TYPES[i % 3] ?? TYPES[0];
    const region = REGIONS[i % 2] ?? 'us-east-1';
    return withSystem(t.db, async (trx) =>
      (
        await trx
          .insertInto('resources')
          .values({
            tenant_id: tenant.tenantId,
            provider_id: tenant.providerId,
            uid: o.uid ?? `arn:aws:${service}:${region}:${tenant.accountId}:thing/item-${String(i).padStart(3, '0')}`,
            type,
            service,
            region,
            account_id: tenant.accountId,
            name: o.name ?? `item-${i}`,
            attributes: JSON.stringify({ index: i, nested: { ok: true } }),
            tags: JSON.stringify({ team: i % 2 ? 'blue' : 'red' }),
            last_scan_id: o.lastScanId ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    a = await seedTenant(t.db, 'Alpha');
    b = await seedTenant(t.db, 'Beta');
    user = await seedMember(t, a.tenantId, 'read_only');
    other = await seedMember(t, b.tenantId, 'owner');
    const now = Date.now();
    await seedScan(t.db, { ...a, createdAt: new Date(now - 7_200_000), findings: Array.from({ length: 80 }, (_, i) => makeFinding(i, a.accountId)) });
    scan2 = await seedScan(t.db, { ...a, createdAt: new Date(now - 3_600_000), findings: Array.from({ length: 40 }, (_, i) => makeFinding(i, a.accountId)) });
    for (let i = 0; i < 25; i++) await insertResource(a, i);
    // makeFinding(0), (15) and (30) are about this resource.
    ids.withFindings = await insertResource(a, 100, { uid: makeFinding(0, a.accountId).resource.id, lastScanId: scan2, name: 'resource-0' });
    // Only the first scan reported makeFinding(41…)'s resource; no last_scan_id recorded.
    ids.older = await insertResource(a, 101, { uid: makeFinding(45, a.accountId).resource.id, name: 'resource-1' });
    ids.foreign = await insertResource(b, 0);
  }, 60_000);
  afterAll(() => t?.close());

  it('pages through resources without duplicates or gaps', async () => {
    const items = await all(user, 'limit=4');
    expect(items).toHaveLength(27);
    expect(new Set(items.map((r) => r.id)).size).toBe(27);
    expect(await all(user, 'limit=500')).toEqual(items);
  });

  it('filters by provider, type, service, region and text', async () => {
    const s3 = await all(user, 'type=AwsS3Bucket&limit=3');
    expect(s3.length).toBeGreaterThan(0);
    expect(s3.every((r) => r.type === 'AwsS3Bucket')).toBe(true);
    const iamEu = await all(user, 'service=iam&region=eu-west-1');
    expect(iamEu.every((r) => r.service === 'iam' && r.region === 'eu-west-1')).toBe(true);
    expect(iamEu.length).toBe(Array.from({ length: 25 }, (_, i) => i).filter((i) => i % 3 === 1 && i % 2 === 1).length);
    expect((await all(user, 'q=item-01')).map((r) => r.name).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `item-${10 + i}`).sort());
    expect(await all(user, 'q=100%25')).toEqual([]);
    expect(await all(user, `providerId=${a.providerId}`)).toHaveLength(27);
  });

  it('retrieves a resource with its latest findings', async () => {
    const r = await get(user, `/resources/${ids.withFindings}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as ResourceDetail;
    expect(body).toMatchObject({ id: ids.withFindings, attributes: { index: 100, nested: { ok: true } }, findingsScanId: scan2 });
    expect(body.findings.map((f) => f.findingUid).sort()).toEqual([0, 15, 30].map((i) => `f-${a.accountId}-${i}`).sort());
    expect(body.findings.every((f) => f.scanId === scan2 && f.resource.uid === body.uid)).toBe(true);
    const older = (await get(user, `/resources/${ids.older}`)).json() as ResourceDetail;
    expect(older.findingsScanId).not.toBe(scan2);
    expect(older.findings.length).toBeGreaterThan(0);
    expect(older.findings.every((f) => f.resource.uid === older.uid)).toBe(true);
    const bare = (await all(user, 'q=item-003'))[0] as ResourceView;
    expect((await get(user, `/resources/${bare.id}`)).json()).toMatchObject({ findings: [], findingsScanId: null });
  });

  it('isolates tenants', async () => {
    expect((await get(user, `/resources/${ids.foreign}`)).statusCode).toBe(404);
    expect((await get(other, `/resources/${ids.withFindings}`)).statusCode).toBe(404);
    const theirs = await all(other, 'limit=500');
    expect(theirs.map((r) => r.id)).toEqual([ids.foreign]);
    expect(await all(other, `providerId=${a.providerId}`)).toEqual([]);
  });

  it('answers 400 for bad filters and cursors', async () => {
    for (const url of ['/resources?limit=1000', '/resources?providerId=x', '/resources?cursor=zzz', '/resources?colour=red', '/resources/123', `/resources?q=${'x'.repeat(201)}`]) {
      const r = await get(user, url);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(400);
      expect(r.json().code).toMatch(/VALIDATION|BAD_REQUEST/);
    }
  });
});
