import { randomBytes } from 'node:crypto';
import { withSystem } from '@vigil/db';
import { hashPassword } from '@vigil/security';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/context.ts';
import { TEST_ENGINES, createTestApp } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';

interface Member {
  userId: string;
  email: string;
  role: string;
  hasPassword: boolean;
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

describe.each(TEST_ENGINES)('members on %s', (engine) => {
  let t: TestApp;
  let owner: TestUser;
  let hash: string;
  const newUser = (o: { tenantId?: string; tenantName?: string; role?: Role } = {}) => addUser(t, hash, o);
  beforeAll(async () => {
    [t, hash] = await Promise.all([createTestApp(engine), hashPassword('correct horse battery staple')]);
    owner = await newUser({ tenantName: 'Members' });
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, authorization: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const list = async (authorization: string) => ((await call('GET', '/members', authorization)).json() as { items: Member[] }).items;

  it('adds an existing user and a new one, changes a role, and removes a member', async () => {
    const elsewhere = await newUser({ tenantName: 'Elsewhere' });
    const added = await call('POST', '/members', owner.authorization, { email: elsewhere.email.toUpperCase(), role: 'member' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ created: false, invitation: null, member: { userId: elsewhere.userId, role: 'member', hasPassword: true } });

    const again = await call('POST', '/members', owner.authorization, { email: elsewhere.email, role: 'admin' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CONFLICT' });

    const invited = await call('POST', '/members', owner.authorization, { email: `new-${engine}@example.test`, role: 'read_only' });
    expect(invited.statusCode).toBe(201);
    const newcomer = (invited.json() as { created: boolean; member: Member }).member;
    expect(invited.json()).toMatchObject({ created: true, member: { role: 'read_only', hasPassword: false } });
    // Without a password the account cannot log in, and says no more than for an unknown email.
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: newcomer.email, password: 'anything at all 1' } });
    expect(login.json()).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
    // The invitation is not a refresh token, and a refresh token is not an invitation.
    const { token } = (invited.json() as { invitation: { token: string } }).invitation;
    expect(token).toMatch(/^vgi_/);
    const asRefresh = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: token } });
    expect(asRefresh.json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_INVALID' });
    const accept = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/auth/accept-invitation', payload, remoteAddress: `10.9.${engine.length}.1` });
    const wrong = await accept({ token: `vgi_${'A'.repeat(43)}`, password: 'A good new password 1' });
    expect(wrong.statusCode).toBe(401);
    const accepted = await accept({ token, password: 'A good new password 1', name: 'Newcomer' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ user: { id: newcomer.userId, name: 'Newcomer' }, tenant: { id: owner.tenantId, role: 'read_only' } });
    expect((await accept({ token, password: 'Another password 22' })).statusCode).toBe(401);
    expect((await list(owner.authorization)).find((m) => m.userId === newcomer.userId)?.hasPassword).toBe(true);

    const patched = await call('PATCH', `/members/${elsewhere.userId}`, owner.authorization, { role: 'admin' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ userId: elsewhere.userId, role: 'admin' });

    // The member list is readable by every role.
    const reader = await newUser({ tenantId: owner.tenantId, role: 'read_only' });
    const members = await list(reader.authorization);
    expect(members.map((m) => [m.userId, m.role])).toEqual(
      expect.arrayContaining([
        [owner.userId, 'owner'],
        [elsewhere.userId, 'admin'],
        [newcomer.userId, 'read_only'],
      ]),
    );

    expect((await call('DELETE', `/members/${newcomer.userId}`, owner.authorization)).statusCode).toBe(204);
    expect((await list(owner.authorization)).map((m) => m.userId)).not.toContain(newcomer.userId);
    expect((await call('DELETE', `/members/${newcomer.userId}`, owner.authorization)).statusCode).toBe(404);
    // The user's other tenant is untouched.
    expect((await list(elsewhere.authorization)).map((m) => m.userId)).toContain(elsewhere.userId);
  });

  it('keeps at least one owner, and lets only owners grant or change owner', async () => {
    const tenantOwner = await newUser({ tenantName: 'Owners' });
    const admin = await newUser({ tenantId: tenantOwner.tenantId, role: 'admin' });
    const member = await newUser({ tenantId: tenantOwner.tenantId, role: 'member' });

    const demote = await call('PATCH', `/members/${tenantOwner.userId}`, tenantOwner.authorization, { role: 'admin' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json()).toMatchObject({ code: 'CONFLICT', details: { userId: tenantOwner.userId } });
    expect((await call('DELETE', `/members/${tenantOwner.userId}`, tenantOwner.authorization)).statusCode).toBe(409);

    // Admins manage members but not owners.
    expect((await call('PATCH', `/members/${member.userId}`, admin.authorization, { role: 'owner' })).statusCode).toBe(403);
    expect((await call('PATCH', `/members/${tenantOwner.userId}`, admin.authorization, { role: 'member' })).statusCode).toBe(403);
    expect((await call('DELETE', `/members/${tenantOwner.userId}`, admin.authorization)).statusCode).toBe(403);
    expect((await call('PATCH', `/members/${member.userId}`, admin.authorization, { role: 'read_only' })).statusCode).toBe(200);

    // Members manage nothing.
    const low = await call('POST', '/members', member.authorization, { email: 'x@example.test', role: 'member' });
    expect(low.statusCode).toBe(403);
    expect(low.json()).toMatchObject({ code: 'FORBIDDEN' });

    // With a second owner, the first may step down.
    expect((await call('PATCH', `/members/${admin.userId}`, tenantOwner.authorization, { role: 'owner' })).statusCode).toBe(200);
    expect((await call('PATCH', `/members/${tenantOwner.userId}`, tenantOwner.authorization, { role: 'admin' })).statusCode).toBe(200);
  });

  it('pages through the members, newest first, with a bounded limit', async () => {
    const first = await newUser({ tenantName: 'Paged' });
    const all = [first.userId];
    for (let i = 0; i < 4; i++) all.push((await newUser({ tenantId: first.tenantId, role: 'member' })).userId);
    const seen: Member[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await call('GET', `/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`, first.authorization);
      expect(r.statusCode).toBe(200);
      const page = r.json() as { items: (Member & { joinedAt: string })[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((m) => m.userId).sort()).toEqual([...all].sort());
    const joined = seen.map((m) => (m as Member & { joinedAt: string }).joinedAt);
    expect(joined).toEqual([...joined].sort().reverse());
    const tooMany = await call('GET', '/members?limit=201', first.authorization);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'VALIDATION' });
    expect((await call('GET', '/members?cursor=garbage', first.authorization)).json()).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it.each([
    ['a malformed user id', 'PATCH', '/members/42', { role: 'member' }, /params\/userId/],
    ['an unknown field', 'POST', '/members', { email: 'a@example.test', role: 'member', note: 'hi' }, /unknown field "note"/],
    ['a bad email', 'POST', '/members', { email: 'a@', role: 'member' }, /email/],
    ['an oversized email', 'POST', '/members', { email: `${'a'.repeat(320)}@example.test`, role: 'member' }, /email/],
    ['an unknown role', 'PATCH', `/members/00000000-0000-4000-8000-000000000000`, { role: 'god' }, /role/],
  ] as const)('rejects %s with 400 VALIDATION', async (_what, method, url, body, message) => {
    const r = await call(method, url, owner.authorization, body);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION' });
    expect((r.json() as { message: string }).message).toMatch(message);
  });

  it("isolates tenants: another tenant's owner and API key get 404 for its members and never list them", async () => {
    const stranger = await newUser({ tenantName: 'Stranger' });
    const keyResponse = await call('POST', '/api-keys', stranger.authorization, { name: 'k', role: 'owner' });
    const strangerKey = `Bearer ${(keyResponse.json() as { key: string }).key}`;
    for (const authorization of [stranger.authorization, strangerKey]) {
      const patch = await call('PATCH', `/members/${owner.userId}`, authorization, { role: 'read_only' });
      expect(patch.statusCode).toBe(404);
      expect(patch.json()).toMatchObject({ code: 'NOT_FOUND' });
      expect((await call('DELETE', `/members/${owner.userId}`, authorization)).statusCode).toBe(404);
      expect((await list(authorization)).map((m) => m.userId)).toEqual([stranger.userId]);
    }
    expect((await list(owner.authorization)).find((m) => m.userId === owner.userId)?.role).toBe('owner');
  });
});
