import { withTenant } from '@vigil/db';
import { makeFinding, seedTenant } from '@vigil/db/testing';
import type { SeededTenant } from '@vigil/db/testing';
import type { Finding, Severity } from '@vigil/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMember, seedScan } from '../src/modules/findings/findings.testing.ts';
import type { FindingView } from '../src/modules/findings/findings.service.ts';
import { TEST_ENGINES, createTestApp } from '../src/testing/index.ts';
import type { TestApp } from '../src/testing/index.ts';

type TestUser = Awaited<ReturnType<typeof seedMember>>;

const DAY = 86_400_000;
const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, informational: 0 };
type Page = { items: FindingView[]; nextCursor: string | null };

describe.each(TEST_ENGINES)('findings API on %s', (engine) => {
  let t: TestApp;
  let a: SeededTenant;
  let b: SeededTenant;
  let owner: TestUser;
  let member: TestUser;
  let reader: TestUser;
  let other: TestUser;
  let scan1: string;
  let scan2: string;
  let scanB: string;
  let scan2Findings: Finding[];

  const get = async (user: TestUser, url: string) => t.app.inject({ url: `/api/v1${url}`, headers: { authorization: user.authorization } });
  const send = async (user: TestUser, method: 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: user.authorization }, ...(payload ? { payload } : {}) });

  /** Follows nextCursor to the end. */
  async function all(user: TestUser, query: string): Promise<FindingView[]> {
    const out: FindingView[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const r = await get(user, `/findings?${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.statusCode, r.body).toBe(200);
      const page = r.json() as Page;
      out.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return out;
    }
    throw new Error('too many pages');
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    a = await seedTenant(t.db, 'Alpha');
    b = await seedTenant(t.db, 'Beta');
    owner = await seedMember(t, a.tenantId, 'owner');
    member = await seedMember(t, a.tenantId, 'member');
    reader = await seedMember(t, a.tenantId, 'read_only');
    other = await seedMember(t, b.tenantId, 'owner');
    const now = Date.now();
    const first = Array.from({ length: 60 }, (_, i) =>
      makeFinding(i, a.accountId, { timestamp: new Date(now - 2 * DAY).toISOString(), ...(i === 7 ? { message: 'Penetration test found bucket exposed.' } : {}) }),
    );
    scan1 = await seedScan(t.db, { ...a, createdAt: new Date(now - 2 * DAY), findings: first });
    // The second scan: 0–49 again (every 10th with another status), 60–69 new; 50–59 gone.
    scan2Findings = [
      ...Array.from({ length: 50 }, (_, i) =>
        makeFinding(i, a.accountId, { timestamp: new Date(now - DAY).toISOString(), ...(i % 10 === 0 ? { status: 'PASS' as const, message: `fixed ${i}` } : {}) }),
      ),
      ...Array.from({ length: 10 }, (_, i) => makeFinding(60 + i, a.accountId, { timestamp: new Date(now - DAY).toISOString() })),
    ];
    // Keep the changed ones changed: makeFinding(0) is FAIL, 10 is FAIL, 20 FAIL…; all are FAIL → PASS.
    scan2 = await seedScan(t.db, { ...a, createdAt: new Date(now - DAY), findings: scan2Findings });
    scanB = await seedScan(t.db, { ...b, createdAt: new Date(now - DAY), findings: Array.from({ length: 5 }, (_, i) => makeFinding(i, b.accountId)) });
  }, 60_000);
  afterAll(() => t?.close());

  it('pages through a scan without duplicates or gaps, in every sort order', async () => {
    for (const [sort, order] of [
      ['severity', 'desc'],
      ['checkId', 'asc'],
      ['firstSeen', 'desc'],
      ['scanCreatedAt', 'asc'],
    ] as const) {
      const items = await all(owner, `scanId=${scan2}&sort=${sort}&order=${order}&limit=7`);
      expect(items).toHaveLength(60);
      expect(new Set(items.map((f) => f.id)).size).toBe(60);
      for (let i = 1; i < items.length; i++) {
        const [p, c] = [items[i - 1] as FindingView, items[i] as FindingView];
        if (sort === 'severity') expect(RANK[p.severity]).toBeGreaterThanOrEqual(RANK[c.severity]);
        if (sort === 'checkId') expect(p.checkId <= c.checkId).toBe(true);
        if (sort === 'firstSeen') expect(p.firstSeenAt >= c.firstSeenAt).toBe(true);
      }
    }
    const single = await all(owner, `scanId=${scan2}&limit=500`);
    expect(single).toHaveLength(60);
  });

  it('filters by severity, status, service, region, check, resource, text and provider', async () => {
    const expected = (pred: (f: Finding) => boolean) => scan2Findings.filter(pred).length;
    const sev = await all(owner, `scanId=${scan2}&severity=critical&severity=high`);
    expect(sev.length).toBe(expected((f) => f.severity === 'critical' || f.severity === 'high'));
    expect(sev.every((f) => f.severity === 'critical' || f.severity === 'high')).toBe(true);
    const fail = await all(owner, `scanId=${scan2}&status=FAIL`);
    expect(fail.length).toBe(expected((f) => f.status === 'FAIL'));
    const s3 = await all(owner, `scanId=${scan2}&service=s3&region=us-east-1`);
    expect(s3.length).toBe(expected((f) => f.check.service === 's3' && f.region === 'us-east-1'));
    const byCheck = await all(owner, `checkId=aws_iam_check_1`);
    expect(byCheck.every((f) => f.checkId === 'aws_iam_check_1')).toBe(true);
    expect(byCheck.length).toBe([...scan2Findings, ...Array.from({ length: 60 }, (_, i) => makeFinding(i, a.accountId))].filter((f) => f.checkId === 'aws_iam_check_1').length);
    const target = scan2Findings[3] as Finding;
    const byResource = await all(owner, `scanId=${scan2}&resource=${encodeURIComponent(target.resource.id)}`);
    expect(byResource.length).toBe(expected((f) => f.resource.id === target.resource.id));
    const text = await all(owner, `q=penetration`);
    expect(text.map((f) => f.findingUid)).toEqual([`f-${a.accountId}-7`]);
    const byProvider = await all(owner, `providerId=${a.providerId}&account=${a.accountId}`);
    expect(byProvider.length).toBe(120);
  });

  it('links consecutive scans: delta, first-seen and last-seen', async () => {
    const items = await all(owner, `scanId=${scan2}&limit=500`);
    const byUid = new Map(items.map((f) => [f.findingUid, f]));
    expect(items.filter((f) => f.delta === 'new')).toHaveLength(10);
    expect(items.filter((f) => f.delta === 'changed').map((f) => f.findingUid).sort()).toEqual(
      [0, 10, 20, 30, 40].map((i) => `f-${a.accountId}-${i}`).sort(),
    );
    const unchanged = byUid.get(`f-${a.accountId}-3`) as FindingView;
    expect(unchanged.delta).toBe('unchanged');
    expect(unchanged.firstSeenAt < unchanged.observedAt).toBe(true);
    expect(unchanged.lastSeenAt).toBe(unchanged.observedAt);
    const fresh = byUid.get(`f-${a.accountId}-61`) as FindingView;
    expect(fresh.firstSeenAt).toBe(fresh.observedAt);
    const newOnly = await all(owner, `scanId=${scan2}&delta=new`);
    expect(newOnly).toHaveLength(10);
    const firstSeenRecent = await all(owner, `scanId=${scan2}&firstSeenFrom=${encodeURIComponent(new Date(Date.now() - 1.5 * DAY).toISOString())}`);
    expect(firstSeenRecent).toHaveLength(10);
    const one = await get(reader, `/findings/${unchanged.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(unchanged);
  });

  it('mutes a finding for this and later scans, then filters on muted', async () => {
    const target = (await all(owner, `scanId=${scan2}&checkId=aws_s3_check_5`)).find((f) => f.findingUid === `f-${a.accountId}-5`);
    expect(target).toBeDefined();
    const id = (target as FindingView).id;
    expect((await send(reader, 'PATCH', `/findings/${id}`, { muted: true, muteReason: 'x' })).statusCode).toBe(403);
    const noReason = await send(member, 'PATCH', `/findings/${id}`, { muted: true });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/muteReason/);
    const past = await send(member, 'PATCH', `/findings/${id}`, { muted: true, muteReason: 'x', muteExpiresAt: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(400);
    const expires = new Date(Date.now() + 30 * DAY).toISOString();
    const r = await send(member, 'PATCH', `/findings/${id}`, { muted: true, muteReason: 'accepted risk SEC-1', muteExpiresAt: expires, note: 'see ticket' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id, muted: true, muteReason: 'accepted risk SEC-1', muteExpiresAt: expires, note: 'see ticket' });
    const muted = await all(owner, `scanId=${scan2}&muted=true`);
    expect(muted.map((f) => f.id)).toEqual([id]);
    expect(await all(owner, `scanId=${scan2}&muted=false`)).toHaveLength(59);
    // A later scan of the account reports the same finding muted.
    const scan3 = await seedScan(t.db, { ...a, createdAt: new Date(), findings: [makeFinding(5, a.accountId)] });
    const [again] = await all(owner, `scanId=${scan3}`);
    expect(again).toMatchObject({ findingUid: `f-${a.accountId}-5`, muted: true, muteReason: 'accepted risk SEC-1', delta: 'unchanged' });
    const un = await send(member, 'PATCH', `/findings/${id}`, { muted: false });
    expect(un.json()).toMatchObject({ muted: false, muteReason: null, muteExpiresAt: null, note: 'see ticket' });
    expect(await all(owner, `scanId=${scan3}&muted=true`)).toHaveLength(0);
  });

  it('deletes a finding (admins only)', async () => {
    const [target] = await all(owner, `scanId=${scan1}&checkId=aws_kms_check_14`);
    const id = (target as FindingView).id;
    expect((await send(member, 'DELETE', `/findings/${id}`)).statusCode).toBe(403);
    expect((await send(owner, 'DELETE', `/findings/${id}`)).statusCode).toBe(204);
    expect((await get(owner, `/findings/${id}`)).statusCode).toBe(404);
    expect((await send(owner, 'DELETE', `/findings/${id}`)).statusCode).toBe(404);
  });

  it('isolates tenants: 404 for the other tenant\'s ids, never its rows', async () => {
    const [mine] = await all(owner, `scanId=${scan2}&limit=1`);
    const id = (mine as FindingView).id;
    expect((await get(other, `/findings/${id}`)).statusCode).toBe(404);
    expect((await send(other, 'PATCH', `/findings/${id}`, { note: 'x' })).statusCode).toBe(404);
    expect((await send(other, 'DELETE', `/findings/${id}`)).statusCode).toBe(404);
    expect(await all(other, `scanId=${scan2}`)).toHaveLength(0);
    const theirs = await all(other, 'limit=500');
    expect(theirs).toHaveLength(5);
    expect(theirs.every((f) => f.scanId === scanB && f.accountId === b.accountId)).toBe(true);
    expect(await all(owner, `scanId=${scanB}`)).toHaveLength(0);
  });

  it('documents every route of the findings, resources, checks, compliance and overview modules', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown> }>>;
    };
    const expected: [string, string[]][] = [
      ['/api/v1/findings', ['get', 'post']],
      ['/api/v1/findings/{id}', ['get', 'patch', 'delete']],
      ['/api/v1/resources', ['get']],
      ['/api/v1/resources/{id}', ['get']],
      ['/api/v1/checks', ['get']],
      ['/api/v1/checks/{checkId}', ['get', 'patch', 'delete']],
      ['/api/v1/checks/custom', ['post']],
      ['/api/v1/checks/custom/{checkId}', ['patch', 'delete']],
      ['/api/v1/compliance', ['get']],
      ['/api/v1/scans/{scanId}/compliance/{framework}', ['get']],
      ['/api/v1/overview', ['get']],
    ];
    for (const [path, methods] of expected) {
      for (const method of methods) {
        const op = doc.paths[path]?.[method];
        expect(op, `${method} ${path}`).toBeDefined();
        expect(op?.tags?.length, `${method} ${path} tags`).toBeGreaterThan(0);
        expect(Object.keys(op?.responses ?? {}), `${method} ${path} responses`).toEqual(expect.arrayContaining(['400', '404']));
      }
    }
  });

  it('answers bad requests with 400 and a useful message, never 500', async () => {
    const page = (await get(owner, `/findings?scanId=${scan2}&limit=2`)).json() as Page;
    const cases: [string, RegExp][] = [
      ['/findings?limit=501', /limit/],
      ['/findings?limit=0', /limit/],
      ['/findings?severity=urgent', /severity/],
      ['/findings?status=fail', /status/],
      ['/findings?scanId=not-a-uuid', /scanId/],
      ['/findings?sort=title', /sort/],
      ['/findings?muted=maybe', /muted/],
      ['/findings?firstSeenFrom=yesterday', /firstSeenFrom/],
      ['/findings?colour=red', /colour/],
      ['/findings?cursor=garbage', /cursor/],
      [`/findings?cursor=${Buffer.from(JSON.stringify(['severity:desc', 'bogus', crypto.randomUUID()])).toString('base64url')}`, /not valid/],
      [`/findings?sort=checkId&cursor=${page.nextCursor}`, /cursor/],
      [`/findings?firstSeenFrom=2026-11-02T00:00:00Z&firstSeenTo=2026-11-01T00:00:00Z`, /before/],
      ['/findings/42', /id/],
    ];
    for (const [url, message] of cases) {
      const r = await get(owner, url);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(400);
      expect(r.json().message, url).toMatch(message);
    }
    const [f] = page.items;
    for (const body of [{}, { muted: 'yes' }, { muteReason: 'x' }, { colour: 'red' }, { note: 'x'.repeat(2001) }]) {
      const r = await send(owner, 'PATCH', `/findings/${(f as FindingView).id}`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await t.app.inject({ url: '/api/v1/findings' })).statusCode).toBe(401);
  });
});

describe.each(TEST_ENGINES)('manual findings and lapsed mutes on %s', (engine) => {
  let t: TestApp;
  let a: SeededTenant;
  let b: SeededTenant;
  let scanId: string;

  const CLOCK = new Date('2026-11-01T12:00:00Z');
  const pentest = (providerId: string, extra: object = {}) => ({
    providerId,
    message: 'Pentest: the admin console accepts default credentials.',
    severity: 'critical',
    service: 's3',
    region: 'eu-west-1',
    resource: { uid: 'arn:aws:s3:::console-assets', name: 'console-assets', type: 'AwsS3Bucket' },
    ...extra,
  });
  const as = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: user.authorization }, ...(payload ? { payload } : {}) });
  /** Tokens expire with the test clock: a fresh one for each call. */
  const fresh = async (tenantId: string, role: 'owner' | 'admin' | 'member' | 'read_only') => seedMember(t, tenantId, role);

  beforeAll(async () => {
    t = await createTestApp(engine, CLOCK);
    a = await seedTenant(t.db, 'Alpha');
    b = await seedTenant(t.db, 'Beta');
    scanId = await seedScan(t.db, {
      ...a,
      createdAt: new Date(CLOCK.getTime() - DAY),
      findings: Array.from({ length: 5 }, (_, i) => makeFinding(i, a.accountId, { status: 'FAIL', timestamp: new Date(CLOCK.getTime() - DAY).toISOString() })),
    });
  }, 60_000);
  afterAll(() => t?.close());

  it('records a manual finding (members and above), with documented defaults', async () => {
    const member = await fresh(a.tenantId, 'member');
    const reader = await fresh(a.tenantId, 'read_only');
    expect((await as(reader, 'POST', '/findings', pentest(a.providerId))).statusCode).toBe(403);
    const r = await as(member, 'POST', '/findings', pentest(a.providerId, { note: 'report PT-2026-04, page 12', remediation: 'Disable the default account.' }));
    expect(r.statusCode, r.body).toBe(201);
    const f = r.json() as FindingView;
    expect(f).toMatchObject({
      source: 'manual',
      scanId: null,
      scanCreatedAt: CLOCK.toISOString(),
      providerId: a.providerId,
      accountId: a.accountId,
      findingUid: `manual:${f.id}`,
      checkId: 'manual_s3',
      status: 'FAIL',
      severity: 'critical',
      service: 's3',
      region: 'eu-west-1',
      resource: { uid: 'arn:aws:s3:::console-assets', name: 'console-assets', type: 'AwsS3Bucket' },
      remediation: 'Disable the default account.',
      note: 'report PT-2026-04, page 12',
      muted: false,
      delta: null,
      firstSeenAt: CLOCK.toISOString(),
      lastSeenAt: CLOCK.toISOString(),
      observedAt: CLOCK.toISOString(),
      resolvedAt: null,
    });
    expect((await as(reader, 'GET', `/findings/${f.id}`)).json()).toEqual(f);

    const observed = new Date(CLOCK.getTime() - 3 * DAY).toISOString();
    const explicit = await as(member, 'POST', '/findings', pentest(a.providerId, { status: 'PASS', checkId: 's3_bucket_default_encryption', observedAt: observed, region: 'global', service: 'cloud-front' }));
    expect(explicit.statusCode, explicit.body).toBe(201);
    expect(explicit.json()).toMatchObject({ status: 'PASS', checkId: 's3_bucket_default_encryption', firstSeenAt: observed, observedAt: observed, scanCreatedAt: CLOCK.toISOString() });
    const byDefault = await as(member, 'POST', '/findings', pentest(a.providerId, { service: 'cloud-front' }));
    expect(byDefault.json()).toMatchObject({ checkId: 'manual_cloud_front' });
  });

  it('validates manual findings: 400 with the field, 404 for another tenant\'s provider', async () => {
    const member = await fresh(a.tenantId, 'member');
    const cases: [object, RegExp][] = [
      [{ ...pentest(a.providerId), message: '' }, /message/],
      [{ ...pentest(a.providerId), message: 'x'.repeat(1001) }, /message/],
      [{ ...pentest(a.providerId), severity: 'urgent' }, /severity/],
      [{ ...pentest(a.providerId), status: 'ERROR' }, /status/],
      [{ ...pentest(a.providerId), service: 'S3 bucket' }, /service/],
      [{ ...pentest(a.providerId), region: '' }, /region/],
      [{ ...pentest(a.providerId), checkId: 'Not An Id' }, /checkId/],
      [{ ...pentest(a.providerId), resource: { uid: 'x', type: 'y', colour: 'red' } }, /colour/],
      [{ ...pentest(a.providerId), resource: { uid: '', type: 'y' } }, /uid/],
      [{ ...pentest(a.providerId), remediation: 'x'.repeat(4001) }, /remediation/],
      [{ ...pentest(a.providerId), scanId: crypto.randomUUID() }, /scanId/],
      [{ ...pentest(a.providerId), observedAt: new Date(CLOCK.getTime() + DAY).toISOString() }, /future/],
      [{ ...pentest('not-a-uuid') }, /providerId/],
    ];
    for (const [body, message] of cases) {
      const r = await as(member, 'POST', '/findings', body);
      expect(r.statusCode, `${JSON.stringify(body)}: ${r.body}`).toBe(400);
      expect(r.json().message).toMatch(message);
    }
    const theirs = await as(member, 'POST', '/findings', pentest(b.providerId));
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().message).toContain(b.providerId);
    expect((await as(member, 'POST', '/findings', pentest(crypto.randomUUID()))).statusCode).toBe(404);
  });

  it('lists manual findings with the scan findings, filtered by source, and isolated per tenant', async () => {
    const owner = await fresh(a.tenantId, 'owner');
    const all = (await as(owner, 'GET', '/findings?limit=500')).json() as Page;
    const manual = (await as(owner, 'GET', '/findings?source=manual&limit=500')).json() as Page;
    const scan = (await as(owner, 'GET', '/findings?source=scan&limit=500')).json() as Page;
    expect(manual.items.length).toBeGreaterThanOrEqual(3);
    expect(manual.items.every((f) => f.source === 'manual' && f.scanId === null)).toBe(true);
    expect(scan.items).toHaveLength(5);
    expect(scan.items.every((f) => f.source === 'scan' && f.scanId === scanId)).toBe(true);
    expect(all.items.length).toBe(manual.items.length + scan.items.length);
    expect((await as(owner, 'GET', `/findings?scanId=${scanId}&limit=500`)).json().items).toHaveLength(5);
    const critical = (await as(owner, 'GET', '/findings?source=manual&severity=critical&checkId=manual_s3&q=credentials')).json() as Page;
    expect(critical.items.length).toBe(1);
    expect((await as(owner, 'GET', '/findings?source=pentest')).statusCode).toBe(400);
    const stranger = await fresh(b.tenantId, 'owner');
    expect((await as(stranger, 'GET', '/findings?source=manual')).json().items).toEqual([]);
    expect((await as(stranger, 'GET', `/findings/${(manual.items[0] as FindingView).id}`)).statusCode).toBe(404);
  });

  it('counts manual findings in the overview', async () => {
    const owner = await fresh(a.tenantId, 'owner');
    const manual = ((await as(owner, 'GET', '/findings?source=manual&limit=500')).json() as Page).items;
    const overview = (await as(owner, 'GET', '/overview')).json() as { total: number; byStatus: Record<string, number> };
    expect(overview.total).toBe(5 + manual.length);
    expect(overview.byStatus.FAIL).toBe(5 + manual.filter((f) => f.status === 'FAIL').length);
  });

  it('mutes a manual finding, and deletes it with its state (admins only)', async () => {
    const member = await fresh(a.tenantId, 'member');
    const admin = await fresh(a.tenantId, 'admin');
    const created = (await as(member, 'POST', '/findings', pentest(a.providerId, { message: 'Pentest: to be deleted' }))).json() as FindingView;
    const muted = await as(member, 'PATCH', `/findings/${created.id}`, { muted: true, muteReason: 'accepted until the redesign' });
    expect(muted.json()).toMatchObject({ muted: true, muteReason: 'accepted until the redesign', source: 'manual' });
    expect((await as(member, 'DELETE', `/findings/${created.id}`)).statusCode).toBe(403);
    expect((await as(admin, 'DELETE', `/findings/${created.id}`)).statusCode).toBe(204);
    expect((await as(admin, 'GET', `/findings/${created.id}`)).statusCode).toBe(404);
    expect((await as(admin, 'DELETE', `/findings/${created.id}`)).statusCode).toBe(404);
    const states = await withTenant(t.db, a.tenantId, (trx) =>
      trx.selectFrom('finding_states').select('finding_uid').where('finding_uid', '=', created.findingUid).execute(),
    );
    expect(states).toEqual([]);
    // A scan finding can be deleted too; its state (mute, history) stays for the account's other scans.
    const [scanFinding] = ((await as(admin, 'GET', `/findings?scanId=${scanId}&limit=1`)).json() as Page).items;
    expect((await as(admin, 'DELETE', `/findings/${(scanFinding as FindingView).id}`)).statusCode).toBe(204);
    const kept = await withTenant(t.db, a.tenantId, (trx) =>
      trx.selectFrom('finding_states').select('finding_uid').where('finding_uid', '=', (scanFinding as FindingView).findingUid).execute(),
    );
    expect(kept).toHaveLength(1);
  });

  it('reads a mute whose expiry has passed as unmuted: DTOs, the muted filter and the overview', async () => {
    let member = await fresh(a.tenantId, 'member');
    const [target] = ((await as(member, 'GET', `/findings?scanId=${scanId}&status=FAIL&limit=1`)).json() as Page).items;
    const id = (target as FindingView).id;
    const expires = new Date(CLOCK.getTime() + DAY).toISOString();
    const r = await as(member, 'PATCH', `/findings/${id}`, { muted: true, muteReason: 'until the fix ships', muteExpiresAt: expires });
    expect(r.json()).toMatchObject({ muted: true, muteExpiresAt: expires });
    const mutedIds = async () => ((await as(member, 'GET', `/findings?scanId=${scanId}&muted=true`)).json() as Page).items.map((f) => f.id);
    const unmutedCount = async () => ((await as(member, 'GET', `/findings?scanId=${scanId}&muted=false`)).json() as Page).items.length;
    const overviewMuted = async () => ((await as(member, 'GET', '/overview')).json() as { muted: number }).muted;
    const scanCount = ((await as(member, 'GET', `/findings?scanId=${scanId}&limit=500`)).json() as Page).items.length;
    expect(await mutedIds()).toEqual([id]);
    expect(await unmutedCount()).toBe(scanCount - 1);
    expect(await overviewMuted()).toBe(1);

    t.advance(DAY - 1000);
    member = await fresh(a.tenantId, 'member');
    expect((await as(member, 'GET', `/findings/${id}`)).json()).toMatchObject({ muted: true });

    t.advance(2000);
    member = await fresh(a.tenantId, 'member');
    expect((await as(member, 'GET', `/findings/${id}`)).json()).toMatchObject({ muted: false, muteReason: null, muteExpiresAt: null });
    expect(await mutedIds()).toEqual([]);
    expect(await unmutedCount()).toBe(scanCount);
    expect(await overviewMuted()).toBe(0);
    // Muting again (with no expiry) mutes it again.
    const again = await as(member, 'PATCH', `/findings/${id}`, { muted: true, muteReason: 'accepted' });
    expect(again.json()).toMatchObject({ muted: true, muteExpiresAt: null });
    expect(await mutedIds()).toEqual([id]);
  });
});
