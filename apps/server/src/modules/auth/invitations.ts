import { createHash, randomBytes } from 'node:crypto';
import type { Tx } from '@vigil/db';

/** Prefix of invitation tokens: never accepted where a refresh token (`vgr_`) is expected. */
export const INVITATION_PREFIX = 'vgi_';
const INVITATION_RE = /^vgi_[A-Za-z0-9_-]{43}$/;

/** How long an invitation can be accepted. */
export const INVITATION_TTL_MS = 7 * 86_400_000;

/** True when `value` has the shape of an invitation token (does not say it is valid). */
export function isInvitationFormat(value: string): boolean {
  return INVITATION_RE.test(value);
}

/**
 * The storage hash of an invitation token. Domain-separated from refresh tokens' plain
 * SHA-256: both live in `refresh_tokens`, and no refresh token can ever hash to an
 * invitation's row (nor the reverse), whatever a client sends.
 */
export function hashInvitation(token: string): string {
  return createHash('sha256').update('vigil/invitation/v1\0').update(token, 'utf8').digest('hex');
}

/**
 * Issues a one-time invitation for a user without a password: the token is returned once,
 * only its hash is stored. There is no invitations table; the row lives in `refresh_tokens`
 * (a user's one-time secret with an expiry and a revocation time, read only on the
 * authentication path) and is revoked when accepted.
 */
export async function issueInvitation(trx: Tx, userId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = INVITATION_PREFIX + randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await trx.insertInto('refresh_tokens').values({ user_id: userId, token_hash: hashInvitation(token), created_at: now, expires_at: expiresAt }).execute();
  return { token, expiresAt };
}
