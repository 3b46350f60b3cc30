import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITATION_TTL_MS } from '../src/modules/auth/invitations.ts';
import { TEST_ENGINES, createTestApp, seedUser } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';

interface Invitation {
  id: string;
  email: string;
  role: string;
  status: string;
  invitedBy: string | null;
  acceptedAt: string | null;
  revokedAt: string | null;
}
interface Created {
  invitation: Invitation;
  token: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const PASSWORD = 'A good new password 1';

describe.each(TEST_ENGINES)('invitations on %s', (engine) => {
  let t: TestApp;
  let owner: TestUser;
  beforeAll(async () => {
    t = await createTestApp(engine);
    owner = await seedUser(t, { tenantName: 'Inviting' });
  }, 60_000);
  afterAll(() => t.close());

  let n = 0;
  const email = (what: string) => `${what}-${++n}-${engine}@example.test`;
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, authorization: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization }, ...(payload === undefined ? {} : { payload }) });
  const invite = async (authorization: string, body: { email: string; role: string }): Promise<Created> => {
    const r = await call('POST', '/invitations', authorization, body);
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as Created;
  };
  const accept = (token: string, extra: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/accept-invitation', payload: { token, password: PASSWORD, ...extra }, remoteAddress: `10.88.${engine.length}.${++n % 250}` });
  const invitations = async (authorization: string, query = '') => (await call('GET', `/invitations${query}`, authorization)).json() as Page<Invitation>;
  const statusOf = async (id: string) => (await invitations(owner.authorization, '?limit=200')).items.find((i) => i.id === id)?.status;

  it('invites an email; the invitee accepts: an account, a membership and a session in that tenant', async () => {
    const to = email('Newcomer');
    const created = await invite(owner.authorization, { email: to, role: 'member' });
    expect(created.token).toMatch(/^vgi_/);
    expect(created.invitation).toMatchObject({ email: to, role: 'member', status: 'pending', invitedBy: owner.userId, acceptedAt: null, revokedAt: null });

    const listed = await call('GET', '/invitations', owner.authorization);
    expect(listed.statusCode).toBe(200);
    expect(JSON.stringify(listed.json())).not.toContain(created.token.slice(4));
    expect(JSON.stringify(listed.json())).not.toMatch(/hash/i);
    expect((listed.json() as Page<Invitation>).items.map((i) => i.id)).toContain(created.invitation.id);

    // Nobody is a member until the invitation is accepted.
    const before = (await call('GET', '/members', owner.authorization)).json() as Page<{ email: string }>;
    expect(before.items.map((m) => m.email)).not.toContain(to);

    const accepted = await accept(created.token, { name: 'New Comer' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const session = accepted.json() as { user: { id: string; email: string; name: string }; tenant: { id: string; role: string }; refreshToken: string };
    expect(session).toMatchObject({ user: { email: to, name: 'New Comer' }, tenant: { id: owner.tenantId, role: 'member' } });
    const members = (await call('GET', '/members', owner.authorization)).json() as Page<{ userId: string; role: string; hasPassword: boolean }>;
    expect(members.items.find((m) => m.userId === session.user.id)).toMatchObject({ role: 'member', hasPassword: true });
    // The session works, and the password logs in.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: session.refreshToken } })).statusCode).toBe(200);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: to, password: PASSWORD } });
    expect(login.statusCode).toBe(200);

    expect(await statusOf(created.invitation.id)).toBe('accepted');
    const again = await accept(created.token);
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const revokeAccepted = await call('DELETE', `/invitations/${created.invitation.id}`, owner.authorization);
    expect(revokeAccepted.statusCode).toBe(409);
    expect(revokeAccepted.json()).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses an expired invitation, a revoked one, and one replaced by a newer invitation', async () => {
    const late = await invite(owner.authorization, { email: email('late'), role: 'read_only' });
    t.advance(INVITATION_TTL_MS);
    try {
      expect((await accept(late.token)).statusCode).toBe(401);
      // The owner's access token has expired by now too: a fresh one.
      const { token } = await t.deps.tokens.issue({ userId: owner.userId, tenantId: owner.tenantId, role: 'owner' });
      const listed = await invitations(`Bearer ${token}`);
      expect(listed.items.find((i) => i.id === late.invitation.id)?.status).toBe('expired');
    } finally {
      t.advance(-INVITATION_TTL_MS);
    }

    const revoked = await invite(owner.authorization, { email: email('revoked'), role: 'member' });
    expect((await call('DELETE', `/invitations/${revoked.invitation.id}`, owner.authorization)).statusCode).toBe(204);
    // Revoking again is harmless.
    expect((await call('DELETE', `/invitations/${revoked.invitation.id}`, owner.authorization)).statusCode).toBe(204);
    expect(await statusOf(revoked.invitation.id)).toBe('revoked');
    const refused = await accept(revoked.token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'UNAUTHENTICATED' });

    const to = email('Twice');
    const first = await invite(owner.authorization, { email: to, role: 'member' });
    const second = await invite(owner.authorization, { email: to.toLowerCase(), role: 'admin' });
    expect(await statusOf(first.invitation.id)).toBe('revoked');
    expect((await accept(first.token)).statusCode).toBe(401);
    const ok = await accept(second.token);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ tenant: { id: owner.tenantId, role: 'admin' } });
  });

  it('logs the invitee of POST /members into the inviting tenant; a removed member cannot accept', async () => {
    const other = await seedUser(t, { tenantName: 'Other' });
    const to = email('both');
    const add = async (by: TestUser) => {
      const r = await call('POST', '/members', by.authorization, { email: to, role: 'member' });
      expect(r.statusCode).toBe(201);
      return r.json() as { member: { userId: string }; invitation: { token: string } };
    };
    const fromOwner = await add(owner);
    const fromOther = await add(other);
    const accepted = await accept(fromOther.invitation.token);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ user: { id: fromOther.member.userId }, tenant: { id: other.tenantId, role: 'member' } });
    // The account has a password now: the other invitation cannot take it over.
    const taken = await accept(fromOwner.invitation.token);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'CONFLICT' });

    const gone = await call('POST', '/members', owner.authorization, { email: email('gone'), role: 'member' });
    const { member, invitation } = gone.json() as { member: { userId: string }; invitation: { token: string } };
    expect((await call('DELETE', `/members/${member.userId}`, owner.authorization)).statusCode).toBe(204);
    expect((await accept(invitation.token)).statusCode).toBe(401);
  });

  it('refuses to invite an account that has a password, and lets only owners invite owners', async () => {
    const conflict = await call('POST', '/invitations', owner.authorization, { email: owner.email, role: 'member' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ code: 'CONFLICT' });

    const admin = await seedUser(t, { tenantId: owner.tenantId, role: 'admin' });
    const member = await seedUser(t, { tenantId: owner.tenantId, role: 'member' });
    expect((await call('POST', '/invitations', admin.authorization, { email: email('boss'), role: 'owner' })).statusCode).toBe(403);
    const toOwner = await invite(owner.authorization, { email: email('boss'), role: 'owner' });
    expect((await call('DELETE', `/invitations/${toOwner.invitation.id}`, admin.authorization)).statusCode).toBe(403);
    for (const r of [await call('GET', '/invitations', member.authorization), await call('POST', '/invitations', member.authorization, { email: email('x'), role: 'read_only' })]) {
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ code: 'FORBIDDEN', details: { required: 'admin' } });
    }
  });

  it('pages through the invitations, newest first', async () => {
    const tenant = await seedUser(t, { tenantName: 'Paged' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await invite(tenant.authorization, { email: email('page'), role: 'member' })).invitation.id);
      t.advance(1000);
    }
    t.advance(-5000);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<Invitation> = await invitations(tenant.authorization, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    expect((await call('GET', '/invitations?limit=201', tenant.authorization)).statusCode).toBe(400);
    expect((await call('GET', '/invitations?cursor=nope', tenant.authorization)).json()).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it("isolates tenants: another tenant's owner and API key neither see nor revoke its invitations (404)", async () => {
    const mine = await invite(owner.authorization, { email: email('mine'), role: 'member' });
    const stranger = await seedUser(t, { tenantName: 'Stranger' });
    const key = await call('POST', '/api-keys', stranger.authorization, { name: 'k', role: 'owner' });
    const strangerKey = `Bearer ${(key.json() as { key: string }).key}`;
    const theirs = await invite(stranger.authorization, { email: email('theirs'), role: 'member' });
    for (const authorization of [stranger.authorization, strangerKey]) {
      const del = await call('DELETE', `/invitations/${mine.invitation.id}`, authorization);
      expect(del.statusCode).toBe(404);
      expect(del.json()).toMatchObject({ code: 'NOT_FOUND' });
      expect((await invitations(authorization)).items.map((i) => i.id)).toEqual([theirs.invitation.id]);
    }
    // Still pending, and still accepted into its own tenant.
    expect(await statusOf(mine.invitation.id)).toBe('pending');
    expect((await accept(mine.token)).json()).toMatchObject({ tenant: { id: owner.tenantId } });
  });
});
