import { withSystem } from '@vigil/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_RATE_LIMIT } from '../src/modules/auth/auth.routes.ts';
import { TEST_ENGINES, createTestApp, seedUser } from '../src/testing/index.ts';
import type { TestApp } from '../src/testing/index.ts';

const PASSWORD = 'Correct horse battery 1';
let ipCounter = 0;
/** A fresh client address per test, so the per-IP limits of one test do not leak into another. */
const nextIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

interface Session {
  user: { id: string; email: string };
  tenant: { id: string; name: string; role: string };
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

describe.each(TEST_ENGINES)('auth on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown, o: { ip?: string; authorization?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      payload: payload as Record<string, unknown>,
      remoteAddress: o.ip ?? nextIp(),
      headers: o.authorization ? { authorization: o.authorization } : {},
    });
  const get = (url: string, authorization: string) => t.app.inject({ url: `/api/v1${url}`, headers: { authorization } });

  it('signs up, logs in, reads /me, refreshes, and revokes the family when a rotated token comes back', async () => {
    const email = `Ada-${engine}@Example.test`;
    const signup = await post('/auth/signup', { email, password: PASSWORD, name: 'Ada', tenantName: 'Analytical' });
    expect(signup.statusCode).toBe(201);
    const s = signup.json() as Session;
    expect(s).toMatchObject({ user: { email, name: 'Ada' }, tenant: { name: 'Analytical', role: 'owner' } });
    expect(s.refreshToken).toMatch(/^vgr_/);
    expect(JSON.stringify(s)).not.toContain('password');

    // Emails are case-insensitive, both for duplicates and for login.
    const dup = await post('/auth/signup', { email: email.toLowerCase(), password: PASSWORD, tenantName: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'CONFLICT' });

    const login = await post('/auth/login', { email: email.toUpperCase(), password: PASSWORD });
    expect(login.statusCode).toBe(200);
    const l = login.json() as Session;
    expect(l.tenant.id).toBe(s.tenant.id);

    const me = await get('/auth/me', `Bearer ${l.accessToken}`);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { id: s.user.id, email },
      memberships: [{ id: s.tenant.id, name: 'Analytical', role: 'owner' }],
      activeTenant: { id: s.tenant.id, role: 'owner' },
      apiKeyId: null,
    });

    const r1 = await post('/auth/refresh', { refreshToken: l.refreshToken });
    expect(r1.statusCode).toBe(200);
    const rotated = r1.json() as Session;
    expect(rotated.refreshToken).not.toBe(l.refreshToken);
    expect((await get('/auth/me', `Bearer ${rotated.accessToken}`)).statusCode).toBe(200);

    // The first token again: reuse. Its successor dies with it.
    const reuse = await post('/auth/refresh', { refreshToken: l.refreshToken });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_REUSED' });
    const after = await post('/auth/refresh', { refreshToken: rotated.refreshToken });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_INVALID' });

    // The sign-up session is another family: untouched; logout ends it.
    expect((await post('/auth/logout', { refreshToken: s.refreshToken })).statusCode).toBe(204);
    expect((await post('/auth/refresh', { refreshToken: s.refreshToken })).json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_INVALID' });
    expect((await post('/auth/refresh', { refreshToken: 'vgr_not-a-token' })).json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_INVALID' });
  });

  it('answers a wrong password and an unknown email with the same 401 body', async () => {
    const u = await seedUser(t);
    const wrong = await post('/auth/login', { email: u.email, password: 'not the password 1' });
    const unknown = await post('/auth/login', { email: `nobody-${engine}@example.test`, password: 'not the password 1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json()).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS' });
  });

  it('logs into a chosen tenant, refuses one the user is not in, and switches tenants', async () => {
    const u = await seedUser(t, { tenantName: 'First' });
    const other = await seedUser(t, { tenantName: 'Second' });
    await withSystem(t.db, (trx) => trx.insertInto('memberships').values({ tenant_id: other.tenantId, user_id: u.userId, role: 'read_only' }).execute());
    const stranger = await seedUser(t, { tenantName: 'Third' });

    const denied = await post('/auth/login', { email: u.email, password: u.password, tenantId: stranger.tenantId });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'FORBIDDEN' });

    const me = (await get('/auth/me', u.authorization)).json() as { memberships: { id: string; role: string }[] };
    expect(me.memberships.map((m) => [m.id, m.role])).toEqual([
      [u.tenantId, 'owner'],
      [other.tenantId, 'read_only'],
    ]);

    const switched = await post('/auth/switch-tenant', { tenantId: other.tenantId }, { authorization: u.authorization });
    expect(switched.statusCode).toBe(200);
    const s = switched.json() as Session;
    expect(s.tenant).toEqual({ id: other.tenantId, name: 'Second', role: 'read_only' });
    expect((await get('/auth/me', `Bearer ${s.accessToken}`)).json()).toMatchObject({ activeTenant: { id: other.tenantId, role: 'read_only' } });
    // Refreshing keeps the tenant the client names.
    const refreshed = await post('/auth/refresh', { refreshToken: s.refreshToken, tenantId: other.tenantId });
    expect((refreshed.json() as Session).tenant.id).toBe(other.tenantId);

    const notMine = await post('/auth/switch-tenant', { tenantId: stranger.tenantId }, { authorization: u.authorization });
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects an expired access token and a missing one', async () => {
    const u = await seedUser(t);
    t.advance(16 * 60_000);
    try {
      const r = await get('/auth/me', u.authorization);
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ code: 'AUTH_TOKEN_EXPIRED' });
    } finally {
      t.advance(-16 * 60_000);
    }
    const none = await t.app.inject({ url: '/api/v1/auth/me' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await get('/auth/me', 'Bearer garbage')).json()).toMatchObject({ code: 'AUTH_INVALID_TOKEN' });
  });

  it('answers a weak password with the policy violations', async () => {
    const r = await post('/auth/signup', { email: `weak-${engine}@example.test`, password: 'short', tenantName: 'W' });
    expect(r.statusCode).toBe(400);
    const body = r.json() as { code: string; details: { violations: { rule: string }[] } };
    expect(body.code).toBe('AUTH_PASSWORD_POLICY');
    expect(body.details.violations.map((v) => v.rule)).toContain('min_length');
  });

  it.each([
    ['a bad email', '/auth/signup', { email: 'not-an-email', password: PASSWORD, tenantName: 'T' }, /email/],
    ['an unknown field', '/auth/signup', { email: 'x@example.test', password: PASSWORD, tenantName: 'T', isAdmin: true }, /unknown field "isAdmin"/],
    ['a missing field', '/auth/login', { email: 'x@example.test' }, /password/],
    ['an oversized tenant name', '/auth/signup', { email: 'x@example.test', password: PASSWORD, tenantName: 'x'.repeat(201) }, /tenantName/],
    ['a malformed tenant id', '/auth/login', { email: 'x@example.test', password: PASSWORD, tenantId: '1 or 1=1' }, /tenantId/],
    ['a malformed refresh token field', '/auth/refresh', { refreshToken: 'x'.repeat(500) }, /refreshToken/],
  ])('rejects %s with 400 VALIDATION', async (_what, url, payload, message) => {
    const r = await post(url, payload);
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'VALIDATION' });
    expect((r.json() as { message: string }).message).toMatch(message);
  });

  it('rejects a body over the limit with 413, never 500', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'x@example.test', password: 'p'.repeat(2 * 1024 * 1024) }),
    });
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('rate-limits sign-up per address and failed logins per email, with Retry-After', async () => {
    const ip = nextIp();
    for (let i = 0; i < AUTH_RATE_LIMIT.limit; i++) {
      // Weak passwords: each attempt counts, and none costs a password hash.
      const r = await post('/auth/signup', { email: `flood-${i}@example.test`, password: 'weak', tenantName: 'F' }, { ip });
      expect(r.statusCode).toBe(400);
    }
    const limited = await post('/auth/signup', { email: 'flood-x@example.test', password: PASSWORD, tenantName: 'F' }, { ip });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBe(15 * 60);

    const u = await seedUser(t);
    const failures = Array.from({ length: AUTH_RATE_LIMIT.limit }, () => post('/auth/login', { email: u.email, password: 'wrong password 1' }));
    expect((await Promise.all(failures)).map((r) => r.statusCode)).toEqual(Array(AUTH_RATE_LIMIT.limit).fill(401));
    // From another address, with the right password: the email is locked.
    const locked = await post('/auth/login', { email: u.email, password: u.password });
    expect(locked.statusCode).toBe(429);
    t.advance(AUTH_RATE_LIMIT.windowMs);
    try {
      expect((await post('/auth/login', { email: u.email, password: u.password })).statusCode).toBe(200);
    } finally {
      t.advance(-AUTH_RATE_LIMIT.windowMs);
    }
  });
});
