import { makeFinding, seedTenant } from '@vigil/db/testing';
import type { SeededTenant } from '@vigil/db/testing';
import { CheckTally, evaluateFramework } from '@vigil/engine';
import type { Finding, Status } from '@vigil/engine';
import { frameworks, getFramework } from '@vigil/compliance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMember, seedScan } from '../src/modules/findings/findings.testing.ts';
import type { ScanCompliance } from '../src/modules/compliance/compliance.service.ts';
import { TEST_ENGINES, createTestApp } from '../src/testing/index.ts';
import type { TestApp } from '../src/testing/index.ts';

type TestUser = Awaited<ReturnType<typeof seedMember>>;

const CIS = 'cis_4.0_aws';

describe.each(TEST_ENGINES)('compliance API on %s', (engine) => {
  let t: TestApp;
  let a: SeededTenant;
  let user: TestUser;
  let other: TestUser;
  let scanId: string;
  let findings: Finding[];

  const get = async (u: TestUser, url: string) => t.app.inject({ url: `/api/v1${url}`, headers: { authorization: u.authorization } });

  beforeAll(async () => {
    t = await createTestApp(engine);
    a = await seedTenant(t.db, 'Alpha');
    const b = await seedTenant(t.db, 'Beta');
    user = await seedMember(t, a.tenantId, 'read_only');
    other = await seedMember(t, b.tenantId, 'owner');
    let n = 0;
    const f = (checkId: string, status: Status, muted = false) => makeFinding(n++, a.accountId, { checkId, status, muted, ...(muted ? { muteReason: 'ok' } : {}) });
    findings = [
      f('iam_no_root_access_key', 'PASS'), // 1.4 PASS
      f('iam_root_mfa_enabled', 'PASS'), // 1.5 FAIL (one failing)
      f('iam_root_mfa_enabled', 'FAIL'),
      f('iam_password_policy_minimum_length_14', 'ERROR'), // 1.8 ERROR
      f('iam_password_policy_reuse_24', 'FAIL', true), // 1.9: only a muted FAIL → MANUAL (nothing evaluated unmuted)
      f('iam_password_policy_reuse_24', 'PASS'), //    … plus a PASS → PASS
      f('iam_user_accesskey_unused', 'PASS'), // 1.12 two checks
      f('iam_user_console_access_unused', 'FAIL'),
      f('iam_user_console_access_unused', 'FAIL'),
      f('account_maintain_current_contact_details', 'PASS'), // 1.1 Manual stays MANUAL
      ...Array.from({ length: 20 }, () => f('iam_no_root_access_key', 'PASS')),
    ];
    scanId = await seedScan(t.db, { ...a, createdAt: new Date(), findings });
    // Another scan of the tenant must not count.
    await seedScan(t.db, { ...a, createdAt: new Date(Date.now() - 86_400_000), findings: [makeFinding(999, a.accountId, { checkId: 'iam_no_root_access_key', status: 'FAIL' })] });
  }, 60_000);
  afterAll(() => t?.close());

  it('lists the frameworks', async () => {
    const r = await get(user, '/compliance');
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((f: { id: string }) => f.id)).toEqual(frameworks.map((f) => f.id));
    expect(r.json().items[0]).toMatchObject({ id: CIS, requirementCount: getFramework(CIS)?.requirements.length });
  });

  it('evaluates a scan against a framework from aggregate counts', async () => {
    const r = await get(user, `/scans/${scanId}/compliance/${CIS}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as ScanCompliance;
    const req = (id: string) => body.requirements.find((x) => x.id === id);
    expect(req('1.4')).toMatchObject({ status: 'PASS', counts: { PASS: 21, FAIL: 0, MANUAL: 0, ERROR: 0 }, muted: 0 });
    expect(req('1.5')).toMatchObject({ status: 'FAIL', counts: { PASS: 1, FAIL: 1, MANUAL: 0, ERROR: 0 } });
    expect(req('1.8')).toMatchObject({ status: 'ERROR', counts: { ERROR: 1 } });
    expect(req('1.9')).toMatchObject({ status: 'PASS', counts: { PASS: 1, FAIL: 0 }, muted: 1 });
    expect(req('1.12')).toMatchObject({ status: 'FAIL', counts: { PASS: 1, FAIL: 2 } });
    expect(req('1.1')).toMatchObject({ status: 'MANUAL', counts: { PASS: 1 } });
    // Exactly what the engine computes from the findings themselves.
    const tally = new CheckTally();
    for (const f of findings) tally.add(f);
    const expected = evaluateFramework(getFramework(CIS)!, tally);
    expect(body.requirements.map((x) => [x.id, x.status, x.counts, x.muted])).toEqual(expected.map((x) => [x.requirement.id, x.status, x.counts, x.muted]));
    const summary = { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 };
    for (const x of expected) summary[x.status]++;
    expect(body.summary).toEqual(summary);
    expect(body.framework).toMatchObject({ id: CIS });
  });

  it('answers 404 for unknown or foreign scans and frameworks, 400 for malformed ids', async () => {
    const foreign = await get(other, `/scans/${scanId}/compliance/${CIS}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().message).toContain(scanId);
    expect((await get(user, `/scans/${crypto.randomUUID()}/compliance/${CIS}`)).statusCode).toBe(404);
    const fw = await get(user, `/scans/${scanId}/compliance/nist_9000`);
    expect(fw.statusCode).toBe(404);
    expect(fw.json().message).toContain('nist_9000');
    expect((await get(user, `/scans/not-a-uuid/compliance/${CIS}`)).statusCode).toBe(400);
    expect((await get(user, `/scans/${scanId}/compliance/cis%20(4)`)).statusCode).toBe(400);
  });
});
