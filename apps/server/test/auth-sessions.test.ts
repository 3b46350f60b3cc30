import { withSystem } from '@vigil/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_TTL_MS } from '../src/modules/auth/auth.service.ts';
import { TEST_ENGINES, createTestApp, seedUser } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';

interface Session {
  user: { id: string };
  tenant: { id: string; name: string; role: string };
  accessToken: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

const DAY = 86_400_000;

describe.each(TEST_ENGINES)('auth sessions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 60_000);
  afterAll(() => t.close());

  let ip = 0;
  const post = (url: string, payload: Record<string, unknown>, authorization?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      payload,
      remoteAddress: `10.77.${engine.length}.${++ip % 250}`,
      headers: authorization ? { authorization } : {},
    });
  const login = async (u: TestUser, tenantId?: string): Promise<Session> => {
    const r = await post('/auth/login', { email: u.email, password: u.password, ...(tenantId ? { tenantId } : {}) });
    expect(r.statusCode).toBe(200);
    return r.json() as Session;
  };
  const refresh = (s: Pick<Session, 'refreshToken'>, tenantId?: string) => post('/auth/refresh', { refreshToken: s.refreshToken, ...(tenantId ? { tenantId } : {}) });
  const refreshed = async (s: Pick<Session, 'refreshToken'>, tenantId?: string): Promise<Session> => {
    const r = await refresh(s, tenantId);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Session;
  };
  /** Runs `fn` with the clock moved forward, and always moves it back. */
  const later = async (ms: number, fn: () => Promise<void>) => {
    t.advance(ms);
    try {
      await fn();
    } finally {
      t.advance(-ms);
    }
  };
  const familyStates = async (userId: string) =>
    withSystem(t.db, (trx) =>
      trx.selectFrom('refresh_tokens').select(['family_id', 'tenant_id', 'used_at', 'revoked_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
    );

  it('revokes the whole family, later tokens included, when a used token comes back; other sessions live on', async () => {
    const u = await seedUser(t);
    const s0 = await login(u);
    const other = await login(u);
    const s1 = await refreshed(s0);
    const s2 = await refreshed(s1);

    const reuse = await refresh(s1);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_REUSED' });
    // The newest token of the family was never used, and still it is dead.
    expect((await refresh(s2)).json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_INVALID' });
    expect((await refresh(s0)).statusCode).toBe(401);

    const rows = await familyStates(u.userId);
    const families = [...new Set(rows.map((r) => r.family_id))];
    expect(families).toHaveLength(2);
    const stolen = rows.filter((r) => r.revoked_at !== null);
    expect(stolen).toHaveLength(3);
    expect(new Set(stolen.map((r) => r.family_id)).size).toBe(1);
    expect(stolen.filter((r) => r.used_at !== null)).toHaveLength(2);

    // The other login is another family: untouched.
    expect((await refreshed(other)).user.id).toBe(u.userId);
  });

  it('lets only one of two concurrent refreshes with one token win, and then ends the session', async () => {
    const u = await seedUser(t);
    const s0 = await login(u);
    const results = await Promise.all([refresh(s0), refresh(s0)]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 401]);
    const loser = results.find((r) => r.statusCode === 401);
    expect(loser?.json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_REUSED' });
    const winner = results.find((r) => r.statusCode === 200)?.json() as Session;
    expect((await refresh(winner)).json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_INVALID' });
  });

  it('ends a session at its absolute expiry however often it is refreshed, and an idle token at its own', async () => {
    const u = await seedUser(t);
    const loggedInAt = t.deps.now().getTime();
    let s = await login(u);
    await later(10 * DAY, async () => {
      s = await refreshed(s);
      await later(10 * DAY, async () => {
        s = await refreshed(s);
        // Rotation slides the token's lifetime, never the session's.
        expect(new Date(s.refreshExpiresAt).getTime()).toBe(loggedInAt + SESSION_ABSOLUTE_TTL_MS);
        await later(SESSION_ABSOLUTE_TTL_MS - 20 * DAY, async () => {
          const r = await refresh(s);
          expect(r.statusCode).toBe(401);
          expect(r.json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_EXPIRED' });
        });
        // One millisecond before the end it still rotates.
        await later(SESSION_ABSOLUTE_TTL_MS - 20 * DAY - 1, async () => {
          expect((await refresh(s)).statusCode).toBe(200);
        });
      });
    });

    const idle = await login(u);
    await later(14 * DAY, async () => {
      expect((await refresh(idle)).json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_EXPIRED' });
    });
  });

  it("keeps the session's tenant on refresh after switching tenants, with the role read again", async () => {
    const u = await seedUser(t, { tenantName: 'Home' });
    const second = await seedUser(t, { tenantName: 'Second' });
    const stranger = await seedUser(t, { tenantName: 'Stranger' });
    await withSystem(t.db, (trx) => trx.insertInto('memberships').values({ tenant_id: second.tenantId, user_id: u.userId, role: 'read_only' }).execute());

    const home = await login(u);
    expect(home.tenant.id).toBe(u.tenantId);
    const switched = await post('/auth/switch-tenant', { tenantId: second.tenantId }, `Bearer ${home.accessToken}`);
    expect(switched.statusCode).toBe(200);
    let s = switched.json() as Session;

    for (let i = 0; i < 2; i++) {
      s = await refreshed(s);
      expect(s.tenant).toEqual({ id: second.tenantId, name: 'Second', role: 'read_only' });
      const me = await t.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${s.accessToken}` } });
      expect(me.json()).toMatchObject({ activeTenant: { id: second.tenantId, role: 'read_only' } });
    }
    expect((await familyStates(u.userId)).filter((r) => r.tenant_id === second.tenantId)).toHaveLength(3);

    // The first session stayed home; naming another tenant moves it, and it stays there.
    let h = await refreshed(home);
    expect(h.tenant.id).toBe(u.tenantId);
    h = await refreshed(h, second.tenantId);
    expect(h.tenant.id).toBe(second.tenantId);
    h = await refreshed(h);
    expect(h.tenant.id).toBe(second.tenantId);
    const denied = await refresh(h, stranger.tenantId);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'FORBIDDEN' });

    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${u.userId}`,
      headers: { authorization: second.authorization },
      payload: { role: 'member' },
    });
    expect(promote.statusCode).toBe(200);
    s = await refreshed(s);
    expect(s.tenant.role).toBe('member');

    // Removed from the tenant: the sessions there end, the one at home does not.
    const home2 = await login(u);
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/members/${u.userId}`, headers: { authorization: second.authorization } });
    expect(removed.statusCode).toBe(204);
    expect((await refresh(s)).json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_INVALID' });
    expect((await refreshed(home2)).tenant.id).toBe(u.tenantId);
  });

  it('logs out the whole family, whichever of its tokens is presented', async () => {
    const u = await seedUser(t);
    const s0 = await login(u);
    const s1 = await refreshed(s0);
    const s2 = await refreshed(s1);
    const other = await login(u);
    expect((await post('/auth/logout', { refreshToken: s1.refreshToken })).statusCode).toBe(204);
    expect((await refresh(s2)).json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_INVALID' });
    const rows = await familyStates(u.userId);
    expect(rows.filter((r) => r.revoked_at === null)).toHaveLength(1);
    expect((await refreshed(other)).user.id).toBe(u.userId);
    // Unknown tokens are ignored; malformed ones are not tokens at all.
    expect((await post('/auth/logout', { refreshToken: `vgr_${'x'.repeat(43)}` })).statusCode).toBe(204);
    expect((await post('/auth/logout', { refreshToken: 'vgi_nope' })).json()).toMatchObject({ code: 'AUTH_REFRESH_TOKEN_INVALID' });
  });
});
