import { sql } from 'kysely';
import type { Tx } from '@vigil/db';
import type { Role } from '../../context.ts';
import { newestFirstPage } from '../../pagination.ts';
import type { Page } from '../../pagination.ts';
import { toRole } from './auth.repo.ts';
import { INVITATION_TTL_MS, newInvitationToken } from './invitations.ts';

/** Where an invitation stands (computed: expiry is not a stored state). */
export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export const INVITATION_COLUMNS = ['id', 'tenant_id', 'email', 'role', 'invited_by', 'created_at', 'expires_at', 'accepted_at', 'revoked_at'] as const;

export interface InvitationRow {
  id: string;
  tenant_id: string;
  email: string;
  role: string;
  invited_by: string | null;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

export function invitationStatus(row: Pick<InvitationRow, 'accepted_at' | 'revoked_at' | 'expires_at'>, now: Date): InvitationStatus {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  return row.expires_at <= now ? 'expired' : 'pending';
}

export function toInvitationView(row: InvitationRow, now: Date): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: toRole(row.role),
    status: invitationStatus(row, now),
    invitedBy: row.invited_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** Revokes the open (not accepted, not revoked) invitations of `email` in the transaction's tenant. */
export async function revokeOpenInvitations(trx: Tx, email: string, at: Date): Promise<void> {
  await trx
    .updateTable('invitations')
    .set({ revoked_at: at })
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Invites `email` to the tenant of `trx` (run it in `withTenant`): a new invitation
 * replaces any open one for the same email. The token is returned once; only its hash is stored.
 */
export async function insertInvitation(
  trx: Tx,
  o: { tenantId: string; email: string; role: Role; invitedBy: string | null; now: Date },
): Promise<{ row: InvitationRow; token: string }> {
  await revokeOpenInvitations(trx, o.email, o.now);
  const { token, tokenHash } = newInvitationToken();
  const row = await trx
    .insertInto('invitations')
    .values({
      tenant_id: o.tenantId,
      email: o.email.trim(),
      role: o.role,
      token_hash: tokenHash,
      invited_by: o.invitedBy,
      created_at: o.now,
      expires_at: new Date(o.now.getTime() + INVITATION_TTL_MS),
    })
    .returning(INVITATION_COLUMNS)
    .executeTakeFirstOrThrow();
  return { row, token };
}

/** One page of the tenant's invitations, newest first. */
export async function listInvitations(trx: Tx, o: { limit: number; cursor?: string; now: Date }): Promise<Page<InvitationView>> {
  return newestFirstPage(trx.selectFrom('invitations').select(INVITATION_COLUMNS), {
    limit: o.limit,
    cursor: o.cursor,
    toDto: (row) => toInvitationView(row, o.now),
  });
}

export async function findInvitation(trx: Tx, id: string): Promise<InvitationRow | undefined> {
  return trx.selectFrom('invitations').select(INVITATION_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The invitation of a token hash, locked (the authentication path: any tenant). */
export async function findInvitationByHash(trx: Tx, tokenHash: string): Promise<InvitationRow | undefined> {
  return trx.selectFrom('invitations').select(INVITATION_COLUMNS).where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}
