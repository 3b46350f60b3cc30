import { withTenant } from '@vigil/db';
import { seedTenant } from '@vigil/db/testing';
import type { SeededTenant } from '@vigil/db/testing';
import { buildResource, runCheckCase, withError } from '@vigil/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCustomChecks } from '../src/modules/checks/checks.repo.ts';
import type { CatalogCheck } from '../src/modules/checks/checks.service.ts';
import { seedMember } from '../src/modules/findings/findings.testing.ts';
import { TEST_ENGINES, createTestApp } from '../src/testing/index.ts';
import type { TestApp } from '../src/testing/index.ts';

type TestUser = Awaited<ReturnType<typeof seedMember>>;

const custom = {
  checkId: 'custom_rds_backup_retention',
  service: 'rds',
  title: 'RDS instances keep backups for at least 14 days and are encrypted',
  severity: 'medium',
  resourceType: 'AwsRdsDbInstance',
  description: 'Company backup policy.',
  risk: 'Data loss after an incident.',
  remediation: { recommendation: 'Set BackupRetentionPeriod to 14 or more.' },
  rule: { all: [{ path: 'backupRetentionPeriod', gte: 14 }, { path: 'storageEncrypted', equals: true }] },
};

describe.each(TEST_ENGINES)('checks API on %s', (engine) => {
  let t: TestApp;
  let a: SeededTenant;
  let admin: TestUser;
  let member: TestUser;
  let other: TestUser;

  const call = async (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: user.authorization }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const list = async (user: TestUser, query = '') => {
    const r = await call(user, 'GET', `/checks${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { items: CatalogCheck[] }).items;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    a = await seedTenant(t.db, 'Alpha');
    const b = await seedTenant(t.db, 'Beta');
    admin = await seedMember(t, a.tenantId, 'admin');
    member = await seedMember(t, a.tenantId, 'member');
    other = await seedMember(t, b.tenantId, 'owner');
  }, 60_000);
  afterAll(() => t?.close());

  it('lists the built-in catalogue with filters', async () => {
    const all = await list(member);
    expect(all.length).toBeGreaterThan(100);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    const s3 = await list(member, '?service=s3&provider=aws');
    expect(s3.length).toBeGreaterThan(0);
    expect(s3.every((c) => c.service === 's3' && c.provider === 'aws')).toBe(true);
    const severe = await list(member, '?severity=critical&severity=high');
    expect(severe.every((c) => c.severity === 'critical' || c.severity === 'high')).toBe(true);
    const cis = await list(member, '?compliance=cis_4.0_aws');
    expect(cis.length).toBeGreaterThan(0);
    expect(cis.length).toBeLessThan(all.length);
    expect(cis.every((c) => (c.compliance['cis_4.0_aws'] ?? []).length > 0)).toBe(true);
    const one = await call(member, 'GET', `/checks/${s3[0]?.id}`);
    expect(one.json()).toMatchObject({ id: s3[0]?.id, source: 'builtin', disabled: false });
    expect((await call(member, 'GET', '/checks/no_such_check')).statusCode).toBe(404);
    expect((await call(member, 'GET', '/checks/Bad-Id')).statusCode).toBe(400);
    expect((await call(member, 'GET', '/checks?severity=urgent')).statusCode).toBe(400);
    expect((await call(member, 'GET', '/checks?colour=red')).statusCode).toBe(400);
  });

  it('overrides a built-in check per tenant (admins only)', async () => {
    const [target] = await list(member, '?severity=high');
    const id = (target as CatalogCheck).id;
    expect((await call(member, 'PATCH', `/checks/${id}`, { disabled: true })).statusCode).toBe(403);
    const r = await call(admin, 'PATCH', `/checks/${id}`, { disabled: true, severity: 'low' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ id, disabled: true, severity: 'low', defaultSeverity: 'high' });
    expect((await list(member, '?severity=low')).map((c) => c.id)).toContain(id);
    // Another tenant still sees the defaults.
    expect((await call(other, 'GET', `/checks/${id}`)).json()).toMatchObject({ disabled: false, severity: 'high' });
    const back = await call(admin, 'PATCH', `/checks/${id}`, { disabled: false, severity: null });
    expect(back.json()).toMatchObject({ disabled: false, severity: 'high' });
    expect((await call(admin, 'PATCH', `/checks/${id}`, {})).statusCode).toBe(400);
    expect((await call(admin, 'PATCH', `/checks/${id}`, { severity: 'urgent' })).statusCode).toBe(400);
    expect((await call(admin, 'PATCH', '/checks/no_such_check', { disabled: true })).statusCode).toBe(404);
  });

  it('refuses to delete a built-in check', async () => {
    const [target] = await list(member);
    const r = await call(admin, 'DELETE', `/checks/${(target as CatalogCheck).id}`);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toMatch(/built in and cannot be deleted; disable it/);
  });

  it('creates, lists, updates and deletes a custom check that scans can load', async () => {
    expect((await call(member, 'POST', '/checks/custom', custom)).statusCode).toBe(403);
    const created = await call(admin, 'POST', '/checks/custom', custom);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      id: custom.checkId,
      source: 'custom',
      provider: 'aws',
      requires: ['backupRetentionPeriod', 'storageEncrypted'],
      custom: { rule: custom.rule, enabled: true },
    });
    expect((await list(member, '?source=custom')).map((c) => c.id)).toEqual([custom.checkId]);
    expect((await list(member, '?service=rds')).map((c) => c.id)).toContain(custom.checkId);
    const dup = await call(admin, 'POST', '/checks/custom', custom);
    expect(dup.statusCode).toBe(409);

    // What the scan worker runs.
    const [compiled] = await withTenant(t.db, a.tenantId, (trx) => loadCustomChecks(trx));
    expect(compiled?.id).toBe(custom.checkId);
    const db = (attributes: Record<string, unknown>) => buildResource('AwsRdsDbInstance', attributes, { name: 'db-1' });
    expect(runCheckCase(compiled!, { name: 'ok', resource: db({ backupRetentionPeriod: 30, storageEncrypted: true }) })?.status).toBe('PASS');
    const fail = runCheckCase(compiled!, { name: 'short', resource: db({ backupRetentionPeriod: 7, storageEncrypted: true }) });
    expect(fail).toMatchObject({ status: 'FAIL', message: 'db-1 fails custom_rds_backup_retention: backupRetentionPeriod is 7, expected a number >= 14.' });
    const error = runCheckCase(compiled!, { name: 'denied', resource: withError(db({ backupRetentionPeriod: 30 }), 'storageEncrypted') });
    expect(error).toMatchObject({ status: 'ERROR', errorCode: 'AccessDenied' });

    const updated = await call(admin, 'PATCH', `/checks/custom/${custom.checkId}`, { rule: { path: 'backupRetentionPeriod', gte: 7 }, severity: 'low' });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ severity: 'low', requires: ['backupRetentionPeriod'] });
    const [recompiled] = await withTenant(t.db, a.tenantId, (trx) => loadCustomChecks(trx));
    expect(runCheckCase(recompiled!, { name: 'now ok', resource: db({ backupRetentionPeriod: 7 }) })?.status).toBe('PASS');
    // Disabled by an override (or enabled: false), scans no longer load it.
    await call(admin, 'PATCH', `/checks/${custom.checkId}`, { disabled: true });
    expect(await withTenant(t.db, a.tenantId, (trx) => loadCustomChecks(trx))).toEqual([]);

    // Another tenant never sees it.
    expect((await call(other, 'GET', `/checks/${custom.checkId}`)).statusCode).toBe(404);
    expect((await call(other, 'PATCH', `/checks/custom/${custom.checkId}`, { title: 'Mine now' })).statusCode).toBe(404);
    expect((await call(other, 'DELETE', `/checks/custom/${custom.checkId}`)).statusCode).toBe(404);
    expect((await list(other, '?source=custom'))).toEqual([]);
    expect(await withTenant(t.db, (await seedTenant(t.db, 'Gamma')).tenantId, (trx) => loadCustomChecks(trx))).toEqual([]);

    expect((await call(member, 'DELETE', `/checks/custom/${custom.checkId}`)).statusCode).toBe(403);
    expect((await call(admin, 'DELETE', `/checks/custom/${custom.checkId}`)).statusCode).toBe(204);
    expect((await call(admin, 'GET', `/checks/${custom.checkId}`)).statusCode).toBe(404);
    expect((await call(admin, 'DELETE', `/checks/${custom.checkId}`)).statusCode).toBe(404);
  });

  it('rejects invalid custom checks with 400 and the place of each problem', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...custom, checkId: 'custom_bad_path', rule: { path: 'a..b', exists: true } }, /rule\.path: "a\.\.b" has an invalid segment/],
      [{ ...custom, checkId: 'custom_bad_regex', rule: { all: [{ path: 'engine', regex: '([a-z' }] } }, /rule\.all\[0\]\.regex: \/\(\[a-z\/ is not a valid regular expression/],
      [{ ...custom, checkId: 'custom_bad_op', rule: { path: 'engine', startsWith: 'post' } }, /unknown operator "startsWith"/],
      [{ ...custom, checkId: 'rds_not_prefixed' }, /checkId must start with "custom_"/],
      [{ ...custom, checkId: 'custom_ensure', title: 'Ensure backups' }, /title must not start with "Ensure"/],
      [{ ...custom, checkId: 'custom_extra', colour: 'red' }, /unknown field "colour"/],
      [{ ...custom, checkId: 'custom_no_rule', rule: undefined }, /rule/],
      [{ ...custom, checkId: 'custom_rule_array', rule: [] }, /rule/],
      [{ ...custom, checkId: 'custom_bad_severity', severity: 'urgent' }, /severity/],
      [{ ...custom, checkId: 'Custom Upper' }, /checkId/],
      [{ ...custom, checkId: 'custom_typo', resourceType: 'AwsRdsDbInstanse' }, /resourceType AwsRdsDbInstanse is not collected by Vigil; use one of .*AwsRdsDbInstance/],
    ];
    for (const [body, message] of cases) {
      const r = await call(admin, 'POST', '/checks/custom', body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().message).toMatch(message);
    }
    const bad = await call(admin, 'POST', '/checks/custom', { ...custom, checkId: 'custom_two', rule: { any: [{ path: '', exists: true }, { path: 'x', regex: '(' }] } });
    expect(bad.json().details.problems).toHaveLength(2);
    expect((await list(admin, '?source=custom'))).toEqual([]);
    await call(admin, 'POST', '/checks/custom', { ...custom, checkId: 'custom_for_update' });
    const upd = await call(admin, 'PATCH', '/checks/custom/custom_for_update', { rule: { path: 'a', lt: 'x' } });
    expect(upd.statusCode).toBe(400);
    expect(upd.json().message).toMatch(/rule\.lt: must be a finite number/);
    expect((await call(admin, 'PATCH', '/checks/custom/custom_nope', { title: 'x' })).statusCode).toBe(404);
    expect((await call(admin, 'PATCH', '/checks/custom/custom_for_update', {})).statusCode).toBe(400);
  });
});
