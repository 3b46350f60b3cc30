import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSystem } from '@vigil/db';
import { decryptSecret } from '@vigil/security';
import { FakeError, startFakeAws } from '@vigil/aws/testing/fake-aws';
import type { FakeAws } from '@vigil/aws/testing/fake-aws';
import { TEST_ENGINES, createTestApp, seedUser } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

describe.each(TEST_ENGINES)('providers on %s', (engine) => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let fake: FakeAws;
  let rejecting: FakeAws;

  beforeAll(async () => {
    [t, fake, rejecting] = await Promise.all([
      createTestApp(engine),
      startFakeAws({ account: '111122223333' }),
      startFakeAws({ handlers: { 'sts:GetCallerIdentity': () => new FakeError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403) } }),
    ]);
    owner = await seedUser(t);
    other = await seedUser(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
    await rejecting.close();
  });

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: user.authorization }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  const keysProvider = (accountId: string, endpointUrl = fake.url) => ({
    kind: 'aws',
    alias: `acct ${accountId}`,
    accountId,
    auth: { method: 'access_keys', accessKeyId: KEY_ID, secretAccessKey: SECRET, sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' },
    endpointUrl,
    tags: { env: 'test' },
  });

  it('creates, lists, reads, updates and deletes a provider without ever returning its secret', async () => {
    const created = await call(owner, 'POST', '/providers', keysProvider('111122223333'));
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ kind: 'aws', accountId: '111122223333', authMethod: 'access_keys', hasSecret: true, roleArn: null, tags: { env: 'test' }, connection: null });
    for (const r of [created, await call(owner, 'GET', `/providers/${p.id}`), await call(owner, 'GET', '/providers')]) {
      expect(r.body).not.toContain(SECRET);
      expect(r.body).not.toContain(KEY_ID);
      expect(r.body).not.toContain('EXAMPLETOKEN');
    }
    const list = (await call(owner, 'GET', '/providers')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(p.id);

    // At rest: ciphertext only, bound to the tenant and provider.
    const row = await withSystem(t.db, (trx) => trx.selectFrom('providers').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow());
    expect(Buffer.from(row.secret_ciphertext as Uint8Array).toString('latin1')).not.toContain(SECRET);
    expect(Buffer.from(row.secret_ciphertext as Uint8Array).toString('latin1')).not.toContain(KEY_ID);
    expect(await decryptSecret(row.secret_ciphertext as Uint8Array, t.deps.secrets, { context: `tenant:${owner.tenantId}/provider:${p.id}` })).toMatchObject({
      secretAccessKey: SECRET,
    });
    await expect(decryptSecret(row.secret_ciphertext as Uint8Array, t.deps.secrets, { context: `tenant:${other.tenantId}/provider:${p.id}` })).rejects.toThrow();

    const patched = await call(owner, 'PATCH', `/providers/${p.id}`, {
      alias: 'prod',
      auth: { method: 'role', roleArn: 'arn:aws:iam::111122223333:role/VigilAudit', externalId: 'vigil-external-id' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ alias: 'prod', authMethod: 'role', roleArn: 'arn:aws:iam::111122223333:role/VigilAudit', hasSecret: true });
    expect(patched.body).not.toContain('vigil-external-id');

    const member = await seedUser(t, { tenantId: owner.tenantId, role: 'member' });
    expect((await call(member, 'DELETE', `/providers/${p.id}`)).statusCode).toBe(403);
    const reader = await seedUser(t, { tenantId: owner.tenantId, role: 'read_only' });
    expect((await call(reader, 'POST', '/providers', keysProvider('999988887777'))).statusCode).toBe(403);
    expect((await call(reader, 'GET', `/providers/${p.id}`)).statusCode).toBe(200);
    expect((await call(owner, 'DELETE', `/providers/${p.id}`)).statusCode).toBe(204);
    expect((await call(owner, 'GET', `/providers/${p.id}`)).statusCode).toBe(404);
  });

  it('rejects invalid input with 400 and a duplicate account with 409', async () => {
    const bad = [
      { ...keysProvider('1234'), accountId: '1234' },
      { ...keysProvider('123456789012'), extra: true },
      { ...keysProvider('123456789012'), endpointUrl: 'ftp://example.com' },
      { ...keysProvider('123456789012'), kind: 'gcp' },
      { ...keysProvider('123456789012'), auth: { method: 'role' } },
      { ...keysProvider('123456789012'), auth: { method: 'access_keys', accessKeyId: KEY_ID } },
      { ...keysProvider('123456789012'), alias: 'x'.repeat(201) },
    ];
    for (const body of bad) {
      const r = await call(owner, 'POST', '/providers', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().code).toBe('VALIDATION');
    }
    const mismatch = await call(owner, 'POST', '/providers', {
      kind: 'aws',
      accountId: '123456789012',
      auth: { method: 'role', roleArn: 'arn:aws:iam::999999999999:role/Audit' },
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().message).toContain('999999999999');
    expect((await call(owner, 'GET', '/providers/not-a-uuid')).statusCode).toBe(400);
    expect((await call(owner, 'GET', '/providers?cursor=garbage')).statusCode).toBe(400);
    expect((await call(owner, 'PATCH', '/providers/00000000-0000-4000-8000-000000000000', {})).statusCode).toBe(400);

    expect((await call(owner, 'POST', '/providers', keysProvider('222233334444'))).statusCode).toBe(201);
    const dup = await call(owner, 'POST', '/providers', keysProvider('222233334444'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().details.providerId).toBeTruthy();
  });

  it('tests the connection against the endpoint and records the result', async () => {
    const ok = (await call(owner, 'POST', '/providers', keysProvider('111122223333'))).json();
    const r = await call(owner, 'POST', `/providers/${ok.id}/connection`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, error: null, identity: 'arn:aws:iam::111122223333:user/auditor' });
    expect((await call(owner, 'GET', `/providers/${ok.id}`)).json().connection).toMatchObject({ ok: true, identity: 'arn:aws:iam::111122223333:user/auditor' });

    const wrongAccount = (await call(owner, 'POST', '/providers', keysProvider('444455556666'))).json();
    const w = (await call(owner, 'POST', `/providers/${wrongAccount.id}/connection`)).json();
    expect(w.ok).toBe(false);
    expect(w.error).toContain('111122223333');

    const rejected = (await call(owner, 'POST', '/providers', keysProvider('555566667777', rejecting.url))).json();
    const x = (await call(owner, 'POST', `/providers/${rejected.id}/connection`)).json();
    expect(x).toMatchObject({ ok: false, identity: null });
    expect(x.error).toMatch(/rejected \(InvalidClientTokenId/);
    expect(x.error).not.toContain(SECRET);
    expect((await call(owner, 'GET', `/providers/${rejected.id}`)).json().connection.ok).toBe(false);
  });

  it('assumes the role with the external id, from the server\'s own credentials', async () => {
    const assumed: Record<string, string>[] = [];
    const roleFake = await startFakeAws({
      accounts: { ASIAFAKEROLESESSION1: '888899990000', AKIASERVERIDENTITY01: '000011112222' },
      handlers: {
        'sts:AssumeRole': (r) => {
          assumed.push({ ...r.params, caller: r.accessKeyId });
          return (
            '<Credentials><AccessKeyId>ASIAFAKEROLESESSION1</AccessKeyId><SecretAccessKey>role-session-secret-0000</SecretAccessKey>' +
            '<SessionToken>role-session-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>' +
            '<AssumedRoleUser><AssumedRoleId>AROAFAKE:vigil-scan</AssumedRoleId><Arn>arn:aws:sts::888899990000:assumed-role/VigilAudit/vigil-scan</Arn></AssumedRoleUser>'
          );
        },
      },
    });
    // The platform's identity, as a deployment gives it (environment, instance profile…).
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY, profile: process.env.AWS_PROFILE };
    process.env.AWS_ACCESS_KEY_ID = 'AKIASERVERIDENTITY01';
    process.env.AWS_SECRET_ACCESS_KEY = 'server-identity-secret-000';
    delete process.env.AWS_PROFILE;
    try {
      const p = (
        await call(owner, 'POST', '/providers', {
          kind: 'aws',
          accountId: '888899990000',
          auth: { method: 'role', roleArn: 'arn:aws:iam::888899990000:role/VigilAudit', externalId: 'tenant-ext-id-42' },
          endpointUrl: roleFake.url,
        })
      ).json();
      expect(p).toMatchObject({ authMethod: 'role', hasSecret: true });
      const r = (await call(owner, 'POST', `/providers/${p.id}/connection`)).json();
      expect(r).toMatchObject({ ok: true, identity: 'arn:aws:iam::888899990000:user/auditor' });
      expect(assumed[0]).toMatchObject({ RoleArn: 'arn:aws:iam::888899990000:role/VigilAudit', ExternalId: 'tenant-ext-id-42', caller: 'AKIASERVERIDENTITY01' });
    } finally {
      for (const [k, v] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret], ['AWS_PROFILE', saved.profile]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await roleFake.close();
    }
  });

  it('hides a tenant\'s providers from every other tenant', async () => {
    const p = (await call(owner, 'POST', '/providers', keysProvider('777788889999'))).json();
    expect((await call(other, 'GET', `/providers/${p.id}`)).statusCode).toBe(404);
    expect((await call(other, 'PATCH', `/providers/${p.id}`, { alias: 'mine' })).statusCode).toBe(404);
    expect((await call(other, 'DELETE', `/providers/${p.id}`)).statusCode).toBe(404);
    expect((await call(other, 'POST', `/providers/${p.id}/connection`)).statusCode).toBe(404);
    expect((await call(other, 'GET', '/providers')).json().items).toEqual([]);
    // The same AWS account may be registered by another tenant.
    expect((await call(other, 'POST', '/providers', keysProvider('777788889999'))).statusCode).toBe(201);
  });

  it('paginates with a cursor', async () => {
    const u = await seedUser(t);
    for (const a of ['100000000001', '100000000002', '100000000003']) expect((await call(u, 'POST', '/providers', keysProvider(a))).statusCode).toBe(201);
    const first = (await call(u, 'GET', '/providers?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await call(u, 'GET', `/providers?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((x: { accountId: string }) => x.accountId)).size).toBe(3);
  });
});
