import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SecurityError } from './errors.ts';

/** Prefix of every refresh token (lets secret scanners and the redactor recognise one). */
export const REFRESH_TOKEN_PREFIX = 'vgr_';
const TOKEN_RE = /^vgr_[A-Za-z0-9_-]{43}$/;

/** The state of a stored refresh token that rotation needs (the row has more: user, tenant…). */
export interface RefreshTokenState {
  /** All tokens descending from one login share a family; reuse revokes the family. */
  readonly familyId: string;
  /** End of this token's (sliding) lifetime. */
  readonly expiresAt: Date;
  /** End of the login session: rotation never extends past it. */
  readonly absoluteExpiresAt: Date;
  /** Set when the token was exchanged for a new one. */
  readonly usedAt: Date | null;
  /** Set when the token (or its family) was revoked, e.g. at logout. */
  readonly revokedAt: Date | null;
}

/** A freshly issued refresh token: give `token` to the client once, store the rest. */
export interface IssuedRefreshToken extends RefreshTokenState {
  /** The opaque token (`vgr_` + 256 random bits). Never store it. */
  readonly token: string;
  /** SHA-256 of the token, hex: the lookup key to store. */
  readonly tokenHash: string;
  readonly issuedAt: Date;
  readonly usedAt: null;
  readonly revokedAt: null;
}

/** Lifetimes and clock of refresh tokens. */
export interface RefreshTokenOptions {
  /** Idle lifetime of one token (default 14 days); each rotation starts a new one. */
  readonly ttlSeconds?: number;
  /** Lifetime of the whole login session (default 30 days). */
  readonly absoluteTtlSeconds?: number;
  /** The clock (default `() => new Date()`). */
  readonly now?: () => Date;
}

const DAY = 86_400;

function lifetimes(options: RefreshTokenOptions): { ttl: number; absolute: number; now: Date } {
  const ttl = options.ttlSeconds ?? 14 * DAY;
  const absolute = options.absoluteTtlSeconds ?? 30 * DAY;
  if (!(ttl > 0) || !(absolute > 0)) throw new RangeError('Refresh token lifetimes must be positive.');
  return { ttl, absolute, now: (options.now ?? (() => new Date()))() };
}

function newToken(): { token: string; tokenHash: string } {
  const token = REFRESH_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, tokenHash: sha256(token) };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Issue the first refresh token of a new login session (a new family).
 * SHA-256 is enough for storage: the token carries 256 random bits, so its hash cannot be
 * brute-forced, and a fast hash keeps the lookup a simple indexed equality.
 */
export function issueRefreshToken(options: RefreshTokenOptions = {}): IssuedRefreshToken {
  const { ttl, absolute, now } = lifetimes(options);
  const absoluteExpiresAt = new Date(now.getTime() + absolute * 1000);
  const expiresAt = new Date(Math.min(now.getTime() + ttl * 1000, absoluteExpiresAt.getTime()));
  return { ...newToken(), familyId: randomUUID(), issuedAt: now, expiresAt, absoluteExpiresAt, usedAt: null, revokedAt: null };
}

/** True when `value` has the shape of a refresh token (does not say it is valid). */
export function isRefreshTokenFormat(value: string): boolean {
  return TOKEN_RE.test(value);
}

/**
 * The storage hash of a refresh token presented by a client (look the row up by it).
 *
 * @throws {@link SecurityError} `AUTH_REFRESH_TOKEN_INVALID` when it is not a refresh token.
 */
export function hashRefreshToken(token: string): string {
  if (typeof token !== 'string' || !TOKEN_RE.test(token)) {
    throw new SecurityError('AUTH_REFRESH_TOKEN_INVALID', 'The refresh token is malformed: log in again.');
  }
  return sha256(token);
}

/** What to write after a successful {@link rotateRefreshToken}. */
export interface RefreshRotation {
  /** The successor: return `next.token` to the client, insert the rest. */
  readonly next: IssuedRefreshToken;
  /** Set `used_at` of the presented token to this (conditionally: only if still null). */
  readonly usedAt: Date;
}

/**
 * Decide a refresh: given the stored row found by {@link hashRefreshToken} (or `undefined` when
 * none), either return its successor in the same family or throw why not. Pure: the caller
 * persists the result atomically (mark the old row used only `WHERE used_at IS NULL`, insert
 * the new one, in one transaction) and, on `AUTH_REFRESH_TOKEN_REUSED`, revokes every token of
 * `details.familyId` — a used token coming back means it was stolen or replayed.
 *
 * @throws {@link SecurityError} `AUTH_REFRESH_TOKEN_INVALID` (unknown or revoked),
 * `AUTH_REFRESH_TOKEN_REUSED` (already rotated), `AUTH_REFRESH_TOKEN_EXPIRED`.
 */
export function rotateRefreshToken(stored: RefreshTokenState | undefined, options: RefreshTokenOptions = {}): RefreshRotation {
  const { ttl, now } = lifetimes(options);
  if (!stored) throw new SecurityError('AUTH_REFRESH_TOKEN_INVALID', 'The refresh token is unknown: log in again.');
  if (stored.revokedAt !== null) {
    throw new SecurityError('AUTH_REFRESH_TOKEN_INVALID', 'The refresh token has been revoked: log in again.', { details: { familyId: stored.familyId } });
  }
  if (stored.usedAt !== null) {
    throw new SecurityError('AUTH_REFRESH_TOKEN_REUSED', 'The refresh token was already used; for safety the session has been ended: log in again.', {
      details: { familyId: stored.familyId },
    });
  }
  const t = now.getTime();
  if (t >= stored.expiresAt.getTime() || t >= stored.absoluteExpiresAt.getTime()) {
    throw new SecurityError('AUTH_REFRESH_TOKEN_EXPIRED', 'The session has expired: log in again.', { details: { familyId: stored.familyId } });
  }
  const expiresAt = new Date(Math.min(t + ttl * 1000, stored.absoluteExpiresAt.getTime()));
  return {
    next: {
      ...newToken(),
      familyId: stored.familyId,
      issuedAt: now,
      expiresAt,
      absoluteExpiresAt: stored.absoluteExpiresAt,
      usedAt: null,
      revokedAt: null,
    },
    usedAt: now,
  };
}
