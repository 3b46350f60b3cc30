import { sql } from 'kysely';
import type { Tx } from '@vigil/db';
import type { IssuedRefreshToken } from '@vigil/security';
import type { Role } from '../../context.ts';
import { ROLES } from '../../context.ts';
import { ApiError } from '../../errors.ts';

/** A user as the authentication path reads it (never the password hash). */
export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  created_at: Date;
}

export const USER_COLUMNS = ['id', 'email', 'name', 'created_at'] as const;

/** A tenant the user belongs to, with their role there. */
export interface TenantMembership {
  id: string;
  name: string;
  role: Role;
}

/** A stored refresh token: what rotation needs. */
export interface RefreshTokenRow {
  id: string;
  user_id: string;
  tenant_id: string;
  family_id: string;
  expires_at: Date;
  absolute_expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

export function toRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new ApiError('INTERNAL', `Unknown role "${value}" in a membership.`);
  return value as Role;
}

/** The user's memberships with tenant names, oldest first: the first is the default tenant. */
export async function membershipsOf(trx: Tx, userId: string): Promise<TenantMembership[]> {
  const rows = await trx
    .selectFrom('memberships as m')
    .innerJoin('tenants as t', 't.id', 'm.tenant_id')
    .select(['t.id', 't.name', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('m.created_at')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: toRole(r.role) }));
}

export async function findUserById(trx: Tx, userId: string): Promise<UserRow | undefined> {
  return trx.selectFrom('users').select(USER_COLUMNS).where('id', '=', userId).executeTakeFirst();
}

export async function findUserByEmail(trx: Tx, email: string) {
  return trx
    .selectFrom('users')
    .select([...USER_COLUMNS, 'password_hash'])
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

/** Stores a refresh token of a session in `tenantId` (its family and session expiry come from `issued`). */
export async function insertRefreshToken(trx: Tx, o: { userId: string; tenantId: string; issued: IssuedRefreshToken }): Promise<string> {
  const row = await trx
    .insertInto('refresh_tokens')
    .values({
      user_id: o.userId,
      tenant_id: o.tenantId,
      family_id: o.issued.familyId,
      token_hash: o.issued.tokenHash,
      created_at: o.issued.issuedAt,
      expires_at: o.issued.expiresAt,
      absolute_expires_at: o.issued.absoluteExpiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The row of a refresh token hash, locked for the rest of the transaction. */
export async function findRefreshToken(trx: Tx, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  return trx
    .selectFrom('refresh_tokens')
    .select(['id', 'user_id', 'tenant_id', 'family_id', 'expires_at', 'absolute_expires_at', 'used_at', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Marks a token used by its successor, only if it is still unused and live: false when
 * another refresh with the same token got there first (a reuse).
 */
export async function markRefreshTokenUsed(trx: Tx, id: string, usedAt: Date, nextId: string): Promise<boolean> {
  const updated = await trx
    .updateTable('refresh_tokens')
    .set({ used_at: usedAt, replaced_by: nextId })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** Revokes every live token of a family (a login session). */
export async function revokeRefreshFamily(trx: Tx, familyId: string, at: Date): Promise<void> {
  await trx.updateTable('refresh_tokens').set({ revoked_at: at }).where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
}
