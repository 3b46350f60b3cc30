import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSystem } from '@vigil/db';
import { decryptSecret } from '@vigil/security';
import { startFakeAws } from '@vigil/aws/testing/fake-aws';
import type { FakeAws } from '@vigil/aws/testing/fake-aws';
import { resolveOrganizationSessions } from '../src/modules/providers/providers.aws.ts';
import { decryptProviderAccess, readProviderAccess } from '../src/modules/providers/providers.service.ts';
import { TEST_ENGINES, createTestApp, seedUser } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const MANAGEMENT = '111111111111';
const MEMBER = '222222222222';
const LOCKED = '333333333333';

describe.each(TEST_ENGINES)('organization providers on %s', (engine) => {
  let t: TestApp;
  let owner: TestUser;
  let fake: FakeAws;

  beforeAll(async () => {
    [t, fake] = await Promise.all([
      createTestApp(engine),
      startFakeAws({
        account: MANAGEMENT,
        organization: { pageSize: 2, accounts: [{ id: MANAGEMENT }, { id: MEMBER }, { id: LOCKED }, { id: '444444444444', status: 'SUSPENDED' }] },
        assumeRoleDenied: [LOCKED],
      }),
    ]);
    owner = await seedUser(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: user.authorization }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  const organization = (extra: Record<string, unknown> = {}) => ({
    kind: 'organization',
    alias: 'my org',
    accountId: MANAGEMENT,
    auth: { method: 'access_keys', accessKeyId: KEY_ID, secretAccessKey: SECRET },
    endpointUrl: fake.url,
    tags: { env: 'prod' },
    ...extra,
  });

  it('creates an organization provider with the default member role, and keeps the member external id encrypted', async () => {
    const u = await seedUser(t);
    const created = await call(u, 'POST', '/providers', organization({ memberExternalId: 'member-ext-77' }));
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ kind: 'organization', accountId: MANAGEMENT, memberRoleName: 'OrganizationAccountAccessRole', tags: { env: 'prod' }, hasSecret: true });
    for (const r of [created, await call(u, 'GET', `/providers/${p.id}`), await call(u, 'GET', '/providers')]) {
      expect(r.body).not.toContain('member-ext-77');
      expect(r.body).not.toContain(SECRET);
      expect(r.body).not.toContain('vigil:');
    }
    const row = await withSystem(t.db, (trx) => trx.selectFrom('providers').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow());
    expect(Buffer.from(row.secret_ciphertext as Uint8Array).toString('latin1')).not.toContain('member-ext-77');
    expect(await decryptSecret(row.secret_ciphertext as Uint8Array, t.deps.secrets, { context: `tenant:${u.tenantId}/provider:${p.id}` })).toMatchObject({
      method: 'access_keys',
      memberExternalId: 'member-ext-77',
    });

    // A custom member role; user tags stay the user's; member settings survive new credentials.
    const patched = await call(u, 'PATCH', `/providers/${p.id}`, {
      memberRoleName: 'audit/VigilMember',
      tags: { env: 'staging' },
      auth: { method: 'access_keys', accessKeyId: 'AKIAIOSFODNN7EXAMPL2', secretAccessKey: SECRET },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ memberRoleName: 'audit/VigilMember', tags: { env: 'staging' } });
    const access = await withSystem(t.db, (trx) => readProviderAccess(trx, p.id));
    const decrypted = await decryptProviderAccess(access as NonNullable<typeof access>, t.deps.secrets, u.tenantId);
    expect(decrypted).toMatchObject({ kind: 'organization', memberRoleName: 'audit/VigilMember', secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPL2', memberExternalId: 'member-ext-77' } });
    // Clearing the member external id keeps the credentials.
    expect((await call(u, 'PATCH', `/providers/${p.id}`, { memberExternalId: null })).statusCode).toBe(200);
    const cleared = await decryptProviderAccess(
      (await withSystem(t.db, (trx) => readProviderAccess(trx, p.id))) as NonNullable<typeof access>,
      t.deps.secrets,
      u.tenantId,
    );
    expect(cleared.secret).toEqual({ method: 'access_keys', accessKeyId: 'AKIAIOSFODNN7EXAMPL2', secretAccessKey: SECRET });
  });

  it('rejects member settings on an aws provider, reserved tags and bad role names', async () => {
    const u = await seedUser(t);
    const aws = await call(u, 'POST', '/providers', organization({ kind: 'aws', accountId: '555555555555', memberRoleName: 'Audit' }));
    expect(aws.statusCode).toBe(400);
    expect(aws.json()).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('organization providers only') });
    const reserved = await call(u, 'POST', '/providers', organization({ tags: { 'vigil:memberRoleName': 'x' } }));
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json().message).toContain('reserved');
    const badRole = await call(u, 'POST', '/providers', organization({ memberRoleName: 'not a role' }));
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().code).toBe('VALIDATION');
    const plain = (await call(u, 'POST', '/providers', organization({ kind: 'aws', accountId: '666666666666' }))).json();
    expect(plain.memberRoleName).toBeNull();
    expect((await call(u, 'PATCH', `/providers/${plain.id}`, { memberExternalId: 'abc' })).statusCode).toBe(400);
  });

  it('tests the connection: lists the accounts and reports how many could be assumed', async () => {
    const p = (await call(owner, 'POST', '/providers', organization({ memberExternalId: 'member-ext-1' }))).json();
    const before = fake.assumed.length;
    const r = await call(owner, 'POST', `/providers/${p.id}/connection`);
    expect(r.statusCode).toBe(200);
    const result = r.json();
    expect(result).toMatchObject({
      ok: false,
      identity: `arn:aws:iam::${MANAGEMENT}:user/auditor`,
      organization: { accounts: 3, assumed: 2, failures: [{ account: LOCKED, code: 'AccessDenied' }] },
    });
    expect(result.error).toMatch(/^2 of 3 accounts of the organization could be reached; not reached: 333333333333 \(AccessDenied\)/);
    expect(result.error).toContain('OrganizationAccountAccessRole');
    expect(fake.assumed.slice(before).every((a) => a.externalId === 'member-ext-1')).toBe(true);
    expect((await call(owner, 'GET', `/providers/${p.id}`)).json().connection).toMatchObject({ ok: false, identity: `arn:aws:iam::${MANAGEMENT}:user/auditor` });

    // What the worker calls: the management session, then every reachable account's.
    const access = await decryptProviderAccess(
      (await withSystem(t.db, (trx) => readProviderAccess(trx, p.id))) as NonNullable<Awaited<ReturnType<typeof readProviderAccess>>>,
      t.deps.secrets,
      owner.tenantId,
    );
    const sessions = await resolveOrganizationSessions(access);
    expect(sessions.management.identity.account).toBe(MANAGEMENT);
    expect(sessions.members.sessions.map((s) => s.session.account)).toEqual([MANAGEMENT, MEMBER]);
    expect(sessions.members.failures.map((f) => f.account)).toEqual([LOCKED]);
  });

  it('says what to do when the account cannot list the organization', async () => {
    const u = await seedUser(t);
    const memberFake = await startFakeAws({ account: MEMBER, organization: { managementAccount: MANAGEMENT, accounts: [{ id: MANAGEMENT }] } });
    try {
      const p = (await call(u, 'POST', '/providers', organization({ accountId: MEMBER, endpointUrl: memberFake.url }))).json();
      const r = (await call(u, 'POST', `/providers/${p.id}/connection`)).json();
      expect(r).toMatchObject({ ok: false, identity: null });
      expect(r.organization).toBeUndefined();
      expect(r.error).toMatch(/Account 222222222222 cannot list the organization's accounts.*management account/);
    } finally {
      await memberFake.close();
    }
  });
});
