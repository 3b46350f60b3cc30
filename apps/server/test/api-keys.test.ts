import { randomBytes } from 'node:crypto';
import { withSystem } from '@vigil/db';
import { hashPassword } from '@vigil/security';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/context.ts';
import { TEST_ENGINES, createTestApp } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';

interface Created {
  apiKey: { id: string; name: string; role: string; prefix: string; revokedAt: string | null; expiresAt: string | null };
  key: string;
}

/**
 * Like seedUser (src/testing), but with one password hash computed per file: scrypt costs ~300 ms a
 * user, and these tests never log in with a password.
 */
async function addUser(t: TestApp, passwordHash: string, o: { tenantId?: string; tenantName?: string; role?: Role } = {}): Promise<TestUser> {
  const role = o.role ?? 'owner';
  const email = `user-${randomBytes(4).toString('hex')}@example.test`;
  const ids = await withSystem(t.db, async (trx) => {
    const tenantId = o.tenantId ?? (await trx.insertInto('tenants').values({ name: o.tenantName ?? 'Tenant' }).returning('id').executeTakeFirstOrThrow()).id;
    const user = await trx.insertInto('users').values({ email, password_hash: passwordHash }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('memberships').values({ tenant_id: tenantId, user_id: user.id, role }).execute();
    return { tenantId, userId: user.id };
  });
  const { token } = await t.deps.tokens.issue({ userId: ids.userId, tenantId: ids.tenantId, role });
  return { ...ids, email, password: '', role, authorization: `Bearer ${token}` };
}

describe.each(TEST_ENGINES)('api keys on %s', (engine) => {
  let t: TestApp;
  let owner: TestUser;
  let hash: string;
  const newUser = (o: { tenantId?: string; tenantName?: string; role?: Role } = {}) => addUser(t, hash, o);
  beforeAll(async () => {
    [t, hash] = await Promise.all([createTestApp(engine), hashPassword('correct horse battery staple')]);
    owner = await newUser({ tenantName: 'Keys' });
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, authorization: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const create = async (authorization: string, body: Record<string, unknown>): Promise<Created> => {
    const r = await call('POST', '/api-keys', authorization, body);
    expect(r.statusCode).toBe(201);
    return r.json() as Created;
  };

  it('creates a key shown once, lists it without its secret, authenticates with it, and revokes it', async () => {
    const created = await create(owner.authorization, { name: 'ci', role: 'member' });
    expect(created.key).toMatch(/^vgl_/);
    expect(created.key).toContain(created.apiKey.prefix);
    expect(created.apiKey).toMatchObject({ name: 'ci', role: 'member', revokedAt: null, expiresAt: null });

    const list = await call('GET', '/api-keys', owner.authorization);
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).not.toContain(created.key.slice(-20));
    expect(JSON.stringify(list.json())).not.toMatch(/hash/i);
    expect((list.json() as { items: { id: string }[] }).items.map((k) => k.id)).toContain(created.apiKey.id);

    const asKey = `Bearer ${created.key}`;
    const me = await call('GET', '/auth/me', asKey);
    expect(me.json()).toMatchObject({ user: null, apiKeyId: created.apiKey.id, activeTenant: { id: owner.tenantId, role: 'member' } });

    expect((await call('DELETE', `/api-keys/${created.apiKey.id}`, owner.authorization)).statusCode).toBe(204);
    const revoked = await call('GET', '/members', asKey);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ code: 'AUTH_API_KEY_INVALID' });
    // Revoking again is harmless.
    expect((await call('DELETE', `/api-keys/${created.apiKey.id}`, owner.authorization)).statusCode).toBe(204);
    const listed = (await call('GET', '/api-keys', owner.authorization)).json() as { items: { id: string; revokedAt: string | null }[] };
    expect(listed.items.find((k) => k.id === created.apiKey.id)?.revokedAt).toBeTruthy();
  });

  it('expires a key at its expiry time', async () => {
    const at = new Date(t.deps.now().getTime() + 60_000).toISOString();
    const created = await create(owner.authorization, { name: 'short', role: 'read_only', expiresAt: at });
    expect(created.apiKey.expiresAt).toBe(at);
    expect((await call('GET', '/members', `Bearer ${created.key}`)).statusCode).toBe(200);
    t.advance(60_000);
    try {
      expect((await call('GET', '/members', `Bearer ${created.key}`)).json()).toMatchObject({ code: 'AUTH_API_KEY_INVALID' });
    } finally {
      t.advance(-60_000);
    }
    const past = await call('POST', '/api-keys', owner.authorization, { name: 'old', role: 'member', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('needs admin, and never grants more than the caller has', async () => {
    const member = await newUser({ tenantId: owner.tenantId, role: 'member' });
    const admin = await newUser({ tenantId: owner.tenantId, role: 'admin' });
    for (const r of [await call('GET', '/api-keys', member.authorization), await call('POST', '/api-keys', member.authorization, { name: 'x', role: 'read_only' })]) {
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ code: 'FORBIDDEN', details: { required: 'admin', role: 'member' } });
    }
    const tooHigh = await call('POST', '/api-keys', admin.authorization, { name: 'x', role: 'owner' });
    expect(tooHigh.statusCode).toBe(403);
    const adminKey = await create(admin.authorization, { name: 'admin key', role: 'admin' });
    // A key acts with its role: an admin key may create keys up to admin.
    expect((await call('POST', '/api-keys', `Bearer ${adminKey.key}`, { name: 'child', role: 'owner' })).statusCode).toBe(403);
    expect((await call('POST', '/api-keys', `Bearer ${adminKey.key}`, { name: 'child', role: 'member' })).statusCode).toBe(201);
  });

  it('pages through the keys, newest first, with a bounded limit', async () => {
    const admin = await newUser({ tenantName: 'Paged keys' });
    const ids: string[] = [];
    // Created at one instant: the id breaks the tie, and no key is lost or repeated.
    for (let i = 0; i < 5; i++) ids.push((await create(admin.authorization, { name: `k${i}`, role: 'read_only' })).apiKey.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await call('GET', `/api-keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`, admin.authorization);
      expect(r.statusCode).toBe(200);
      const page = r.json() as { items: { id: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((k) => k.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].sort().reverse());
    expect((await call('GET', '/api-keys?limit=0', admin.authorization)).json()).toMatchObject({ code: 'VALIDATION' });
    expect((await call('GET', '/api-keys?limit=201', admin.authorization)).json()).toMatchObject({ code: 'VALIDATION' });
    expect((await call('GET', '/api-keys?cursor=garbage', admin.authorization)).json()).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it.each([
    ['a malformed id', 'DELETE', '/api-keys/not-a-uuid', undefined, /params\/id/],
    ['an unknown field', 'POST', '/api-keys', { name: 'x', role: 'member', scopes: ['*'] }, /unknown field "scopes"/],
    ['an unknown role', 'POST', '/api-keys', { name: 'x', role: 'root' }, /role/],
    ['an empty name', 'POST', '/api-keys', { name: '', role: 'member' }, /name/],
    ['an oversized name', 'POST', '/api-keys', { name: 'n'.repeat(201), role: 'member' }, /name/],
    ['a bad expiry', 'POST', '/api-keys', { name: 'x', role: 'member', expiresAt: 'tomorrow' }, /expiresAt/],
  ] as const)('rejects %s with 400 VALIDATION', async (_what, method, url, body, message) => {
    const r = await call(method, url, owner.authorization, body);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION' });
    expect((r.json() as { message: string }).message).toMatch(message);
  });

  it("isolates tenants: another tenant's owner and key get 404 and see none of its keys", async () => {
    const mine = await create(owner.authorization, { name: 'mine', role: 'read_only' });
    const stranger = await newUser({ tenantName: 'Other' });
    const strangerKey = await create(stranger.authorization, { name: 'theirs', role: 'admin' });
    for (const authorization of [stranger.authorization, `Bearer ${strangerKey.key}`]) {
      const del = await call('DELETE', `/api-keys/${mine.apiKey.id}`, authorization);
      expect(del.statusCode).toBe(404);
      expect(del.json()).toMatchObject({ code: 'NOT_FOUND' });
      const ids = ((await call('GET', '/api-keys', authorization)).json() as { items: { id: string }[] }).items.map((k) => k.id);
      expect(ids).toEqual([strangerKey.apiKey.id]);
    }
    // Still working: the stranger's attempt revoked nothing.
    expect((await call('GET', '/members', `Bearer ${mine.key}`)).statusCode).toBe(200);
  });
});
