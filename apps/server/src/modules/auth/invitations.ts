import { createHash, randomBytes } from 'node:crypto';

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
 * The storage hash of an invitation token: SHA-256 (the token carries 256 random bits),
 * domain-separated from refresh tokens' plain SHA-256 so that neither kind of token can
 * ever match the other's row. Invitations issued before `invitations` existed were hashed
 * this way too, so their tokens still work after migration 0002.
 */
export function hashInvitation(token: string): string {
  return createHash('sha256').update('vigil/invitation/v1\0').update(token, 'utf8').digest('hex');
}

/** A new invitation token (give it to the invitee once) and the hash to store. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = INVITATION_PREFIX + randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitation(token) };
}
