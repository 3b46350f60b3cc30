import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecurityError } from './errors.ts';
import { hashRefreshToken, isRefreshTokenFormat, issueRefreshToken, rotateRefreshToken, type RefreshTokenState } from './refresh-tokens.ts';

const DAY = 86_400_000;
const t0 = Date.parse('2026-11-01T00:00:00Z');
const at = (ms: number) => () => new Date(ms);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof SecurityError) return err.code;
    throw err;
  }
  return 'NO_ERROR';
}

describe('refresh tokens', () => {
  it('issues an opaque random token stored only as its SHA-256', () => {
    const issued = issueRefreshToken({ now: at(t0) });
    expect(issued.token).toMatch(/^vgr_[A-Za-z0-9_-]{43}$/);
    expect(isRefreshTokenFormat(issued.token)).toBe(true);
    expect(issued.tokenHash).toBe(createHash('sha256').update(issued.token).digest('hex'));
    expect(hashRefreshToken(issued.token)).toBe(issued.tokenHash);
    expect(issued.familyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(issued.expiresAt.getTime()).toBe(t0 + 14 * DAY);
    expect(issued.absoluteExpiresAt.getTime()).toBe(t0 + 30 * DAY);
    expect(issued).toMatchObject({ usedAt: null, revokedAt: null });
    expect(issueRefreshToken().token).not.toBe(issued.token);
  });

  it('rejects malformed tokens before any lookup', () => {
    for (const bad of ['', 'vgr_', 'vgr_short', 'eyJhbGciOiJIUzI1NiJ9.e30.x', `vgr_${'a'.repeat(44)}`]) {
      expect(codeOf(() => hashRefreshToken(bad))).toBe('AUTH_REFRESH_TOKEN_INVALID');
    }
  });

  it('rotates: the successor keeps the family, slides the expiry, and the old one is marked used', () => {
    const first = issueRefreshToken({ now: at(t0) });
    const { next, usedAt } = rotateRefreshToken(first, { now: at(t0 + DAY) });
    expect(usedAt.getTime()).toBe(t0 + DAY);
    expect(next.familyId).toBe(first.familyId);
    expect(next.token).not.toBe(first.token);
    expect(next.tokenHash).toBe(hashRefreshToken(next.token));
    expect(next.expiresAt.getTime()).toBe(t0 + 15 * DAY);
    expect(next.absoluteExpiresAt).toEqual(first.absoluteExpiresAt);
  });

  it('never extends a session past its absolute lifetime', () => {
    let current: RefreshTokenState = issueRefreshToken({ now: at(t0) });
    for (let day = 10; day < 30; day += 10) current = rotateRefreshToken(current, { now: at(t0 + day * DAY) }).next;
    expect(current.expiresAt.getTime()).toBe(t0 + 30 * DAY);
    expect(codeOf(() => rotateRefreshToken(current, { now: at(t0 + 30 * DAY) }))).toBe('AUTH_REFRESH_TOKEN_EXPIRED');
  });

  it('reports unknown, revoked, reused and expired tokens distinctly', () => {
    const first = issueRefreshToken({ now: at(t0) });
    expect(codeOf(() => rotateRefreshToken(undefined, { now: at(t0) }))).toBe('AUTH_REFRESH_TOKEN_INVALID');
    expect(codeOf(() => rotateRefreshToken({ ...first, revokedAt: new Date(t0) }, { now: at(t0 + 1000) }))).toBe('AUTH_REFRESH_TOKEN_INVALID');
    expect(codeOf(() => rotateRefreshToken(first, { now: at(t0 + 14 * DAY) }))).toBe('AUTH_REFRESH_TOKEN_EXPIRED');

    const used = { ...first, usedAt: new Date(t0 + 1000) };
    try {
      rotateRefreshToken(used, { now: at(t0 + 2000) });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SecurityError);
      expect((err as SecurityError).code).toBe('AUTH_REFRESH_TOKEN_REUSED');
      expect((err as SecurityError).details).toEqual({ familyId: first.familyId });
      expect((err as SecurityError).httpStatus).toBe(401);
    }
  });

  it('honours custom lifetimes', () => {
    const issued = issueRefreshToken({ now: at(t0), ttlSeconds: 3600, absoluteTtlSeconds: 1800 });
    expect(issued.expiresAt.getTime()).toBe(t0 + 1_800_000);
    expect(() => issueRefreshToken({ ttlSeconds: 0 })).toThrow(RangeError);
  });
});
