import { sql } from 'kysely';
import { withSystem } from '@vigil/db';
import type { Db, Tx } from '@vigil/db';
import {
  assertPasswordPolicy,
  hashPassword,
  hashRefreshToken,
  InvalidCredentialsError,
  isSecurityError,
  issueRefreshToken,
  needsRehash,
  rotateRefreshToken,
  SecurityError,
  verifyPassword,
  verifyPasswordOfUnknownUser,
} from '@vigil/security';
import type { AccessTokenService, IssuedRefreshToken, RefreshTokenState } from '@vigil/security';
import type { AuthContext, Role } from '../../context.ts';
import { ROLES } from '../../context.ts';
import { ApiError, notFound } from '../../errors.ts';
import { hashInvitation, isInvitationFormat } from './invitations.ts';

/** Lifetime of a login session (the security package's default absolute lifetime). */
export const SESSION_ABSOLUTE_TTL_MS = 30 * 86_400_000;

export interface AuthUser {
  id: string;
  email: string;
  name: string | null;
  createdAt: string;
}

export interface TenantMembership {
  id: string;
  name: string;
  role: Role;
}

export interface SessionTokens {
  user: AuthUser;
  tenant: TenantMembership;
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  refreshExpiresAt: string;
}

export interface AuthServiceDeps {
  db: Db;
  tokens: AccessTokenService;
  now: () => Date;
}

interface UserRow {
  id: string;
  email: string;
  name: string | null;
  created_at: Date;
}

function toUser(row: UserRow): AuthUser {
  return { id: row.id, email: row.email, name: row.name, createdAt: row.created_at.toISOString() };
}

function toRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new ApiError('INTERNAL', `Unknown role "${value}" in a membership.`);
  return value as Role;
}

/** The user's memberships with tenant names, oldest first: the first is the default tenant. */
async function membershipsOf(trx: Tx, userId: string): Promise<TenantMembership[]> {
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

/** Picks the session's tenant: the one asked for (it must be a membership), else the first. */
function chooseTenant(memberships: TenantMembership[], tenantId: string | undefined): TenantMembership {
  const chosen = tenantId === undefined ? memberships[0] : memberships.find((m) => m.id === tenantId);
  if (!chosen) {
    throw new ApiError(
      'FORBIDDEN',
      tenantId === undefined ? 'This account is not a member of any tenant; ask an admin to add you.' : `You are not a member of tenant ${tenantId}.`,
      tenantId === undefined ? undefined : { tenantId },
    );
  }
  return chosen;
}

/**
 * Stores a refresh token. `refresh_tokens` has no family, used-at or session-expiry columns:
 * a token's `created_at` holds the start of its login session (so the absolute session
 * lifetime survives rotation), and `replaced_by` — set when it is rotated — links a family
 * forward and marks the token used.
 */
async function storeRefreshToken(trx: Tx, userId: string, issued: IssuedRefreshToken): Promise<string> {
  const row = await trx
    .insertInto('refresh_tokens')
    .values({
      user_id: userId,
      token_hash: issued.tokenHash,
      created_at: new Date(issued.absoluteExpiresAt.getTime() - SESSION_ABSOLUTE_TTL_MS),
      expires_at: issued.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Revokes a refresh token and every token it was rotated into (the live rest of its family). */
async function revokeFamilyFrom(trx: Tx, tokenId: string, at: Date): Promise<void> {
  await sql`
    with recursive chain(id, replaced_by) as (
      select id, replaced_by from refresh_tokens where id = ${tokenId}
      union
      select r.id, r.replaced_by from refresh_tokens r join chain c on r.id = c.replaced_by
    )
    update refresh_tokens set revoked_at = ${at}
    where id in (select id from chain) and revoked_at is null`.execute(trx);
}

/**
 * Sign-up, login, refresh, logout and tenant switching: the narrow authentication path,
 * which runs in `withSystem` because it crosses tenants (a user belongs to several).
 * Password hashing happens outside every transaction (it takes ~300 ms of CPU).
 */
export function createAuthService(deps: AuthServiceDeps) {
  const refreshOptions = { now: deps.now, absoluteTtlSeconds: SESSION_ABSOLUTE_TTL_MS / 1000 };

  async function tokensFor(user: UserRow, tenant: TenantMembership, refresh: IssuedRefreshToken): Promise<SessionTokens> {
    const access = await deps.tokens.issue({ userId: user.id, tenantId: tenant.id, role: tenant.role });
    return {
      user: toUser(user),
      tenant,
      accessToken: access.token,
      refreshToken: refresh.token,
      expiresAt: access.expiresAt.toISOString(),
      refreshExpiresAt: refresh.expiresAt.toISOString(),
    };
  }

  /** Opens a new login session (a new refresh-token family). */
  async function openSession(trx: Tx, user: UserRow): Promise<IssuedRefreshToken> {
    const refresh = issueRefreshToken(refreshOptions);
    await storeRefreshToken(trx, user.id, refresh);
    return refresh;
  }

  return {
    /** Creates a tenant and its owner, and logs the owner in. */
    async signup(input: { email: string; password: string; name?: string; tenantName: string }): Promise<SessionTokens> {
      assertPasswordPolicy(input.password);
      const passwordHash = await hashPassword(input.password);
      const email = input.email.trim();
      const { user, tenant, refresh } = await withSystem(deps.db, async (trx) => {
        const existing = await trx.selectFrom('users').select('id').where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
        if (existing) throw new ApiError('CONFLICT', `An account with the email ${email} already exists: log in instead (POST /api/v1/auth/login).`);
        const tenantRow = await trx.insertInto('tenants').values({ name: input.tenantName }).returning(['id', 'name']).executeTakeFirstOrThrow();
        const userRow = await trx
          .insertInto('users')
          .values({ email, name: input.name ?? null, password_hash: passwordHash, last_login_at: deps.now() })
          .returning(['id', 'email', 'name', 'created_at'])
          .executeTakeFirstOrThrow();
        await trx.insertInto('memberships').values({ tenant_id: tenantRow.id, user_id: userRow.id, role: 'owner' }).execute();
        const membership: TenantMembership = { id: tenantRow.id, name: tenantRow.name, role: 'owner' };
        return { user: userRow, tenant: membership, refresh: await openSession(trx, userRow) };
      });
      return tokensFor(user, tenant, refresh);
    },

    /**
     * Checks the password and opens a session in `tenantId` (default: the first membership).
     * An unknown email costs the same scrypt work as a wrong password and gets the same error.
     */
    async login(input: { email: string; password: string; tenantId?: string }): Promise<SessionTokens> {
      const found = await withSystem(deps.db, async (trx) => {
        const user = await trx
          .selectFrom('users')
          .select(['id', 'email', 'name', 'created_at', 'password_hash'])
          .where(sql<string>`lower(email)`, '=', input.email.trim().toLowerCase())
          .executeTakeFirst();
        return user ? { user, memberships: await membershipsOf(trx, user.id) } : undefined;
      });
      // A user created by an invitation has no password yet: treat it like an unknown email.
      const ok = found?.user.password_hash
        ? await verifyPassword(input.password, found.user.password_hash)
        : await verifyPasswordOfUnknownUser(input.password);
      if (!found || !ok) throw new InvalidCredentialsError();
      const { user, memberships } = found;
      const tenant = chooseTenant(memberships, input.tenantId);
      const rehash = user.password_hash && needsRehash(user.password_hash) ? await hashPassword(input.password) : undefined;
      const refresh = await withSystem(deps.db, async (trx) => {
        await trx
          .updateTable('users')
          .set({ last_login_at: deps.now(), ...(rehash ? { password_hash: rehash, updated_at: deps.now() } : {}) })
          .where('id', '=', user.id)
          .execute();
        return openSession(trx, user);
      });
      return tokensFor(user, tenant, refresh);
    },

    /**
     * Rotates a refresh token. A token that was already rotated coming back means it was
     * stolen or replayed: the rest of its family is revoked and the caller must log in again.
     * The role is read again, so a changed role applies from the next refresh.
     */
    async refresh(input: { refreshToken: string; tenantId?: string }): Promise<SessionTokens> {
      const tokenHash = hashRefreshToken(input.refreshToken);
      let reusedTokenId: string | undefined;
      try {
        const result = await withSystem(deps.db, async (trx) => {
          const row = await trx
            .selectFrom('refresh_tokens')
            .select(['id', 'user_id', 'created_at', 'expires_at', 'revoked_at', 'replaced_by'])
            .where('token_hash', '=', tokenHash)
            .executeTakeFirst();
          if (!row) throw new SecurityError('AUTH_REFRESH_TOKEN_INVALID', 'The refresh token is unknown: log in again.');
          reusedTokenId = row.id;
          const state: RefreshTokenState = {
            familyId: row.id,
            expiresAt: row.expires_at,
            absoluteExpiresAt: new Date(row.created_at.getTime() + SESSION_ABSOLUTE_TTL_MS),
            // Rotation is recorded as replaced_by: a token with a successor has been used.
            usedAt: row.replaced_by ? row.created_at : null,
            revokedAt: row.revoked_at,
          };
          const { next } = rotateRefreshToken(state, refreshOptions);
          const user = await trx.selectFrom('users').select(['id', 'email', 'name', 'created_at']).where('id', '=', row.user_id).executeTakeFirstOrThrow();
          const tenant = chooseTenant(await membershipsOf(trx, user.id), input.tenantId);
          const nextId = await storeRefreshToken(trx, user.id, next);
          // Conditional: of two concurrent refreshes with one token, only one wins.
          const updated = await trx
            .updateTable('refresh_tokens')
            .set({ replaced_by: nextId })
            .where('id', '=', row.id)
            .where('replaced_by', 'is', null)
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
          if (updated.numUpdatedRows === 0n) {
            throw new SecurityError('AUTH_REFRESH_TOKEN_REUSED', 'The refresh token was already used; for safety the session has been ended: log in again.', {
              details: { familyId: state.familyId },
            });
          }
          return { user, tenant, next };
        });
        return await tokensFor(result.user, result.tenant, result.next);
      } catch (err) {
        if (isSecurityError(err, 'AUTH_REFRESH_TOKEN_REUSED') && reusedTokenId) {
          const id = reusedTokenId;
          await withSystem(deps.db, (trx) => revokeFamilyFrom(trx, id, deps.now()));
        }
        throw err;
      }
    },

    /** Ends the session of a refresh token (it and its successors). Unknown tokens are ignored. */
    async logout(input: { refreshToken: string }): Promise<void> {
      const tokenHash = hashRefreshToken(input.refreshToken);
      await withSystem(deps.db, async (trx) => {
        const row = await trx.selectFrom('refresh_tokens').select('id').where('token_hash', '=', tokenHash).executeTakeFirst();
        if (row) await revokeFamilyFrom(trx, row.id, deps.now());
      });
    },

    /**
     * Sets the password of a user created by an invitation (POST /members), spends the
     * invitation, and logs the user in to their first tenant.
     */
    async acceptInvitation(input: { token: string; password: string; name?: string }): Promise<SessionTokens> {
      const invalid = () => new ApiError('UNAUTHENTICATED', 'The invitation is unknown, used or expired: ask an admin of the tenant to add you again.');
      if (!isInvitationFormat(input.token)) throw invalid();
      assertPasswordPolicy(input.password);
      const passwordHash = await hashPassword(input.password);
      const { user, tenant, refresh } = await withSystem(deps.db, async (trx) => {
        const now = deps.now();
        const invitation = await trx
          .selectFrom('refresh_tokens')
          .select(['id', 'user_id', 'expires_at', 'revoked_at', 'replaced_by'])
          .where('token_hash', '=', hashInvitation(input.token))
          .executeTakeFirst();
        if (!invitation || invitation.revoked_at || invitation.replaced_by || invitation.expires_at <= now) throw invalid();
        await trx.updateTable('refresh_tokens').set({ revoked_at: now }).where('id', '=', invitation.id).execute();
        // Conditional: an account that has a password already is never taken over by an old invitation.
        const userRow = await trx
          .updateTable('users')
          .set({ password_hash: passwordHash, updated_at: now, last_login_at: now, ...(input.name ? { name: input.name } : {}) })
          .where('id', '=', invitation.user_id)
          .where('password_hash', 'is', null)
          .returning(['id', 'email', 'name', 'created_at'])
          .executeTakeFirst();
        if (!userRow) throw new ApiError('CONFLICT', 'This account already has a password: log in instead (POST /api/v1/auth/login).');
        const membership = chooseTenant(await membershipsOf(trx, userRow.id), undefined);
        return { user: userRow, tenant: membership, refresh: await openSession(trx, userRow) };
      });
      return tokensFor(user, tenant, refresh);
    },

    /** The caller, their memberships, and the tenant of this request. */
    async me(auth: AuthContext) {
      return withSystem(deps.db, async (trx) => {
        const tenant = await trx.selectFrom('tenants').select(['id', 'name']).where('id', '=', auth.tenantId).executeTakeFirst();
        if (!tenant) throw notFound('Tenant', auth.tenantId);
        const activeTenant: TenantMembership = { id: tenant.id, name: tenant.name, role: auth.role };
        if (auth.apiKeyId !== null || auth.userId === null) {
          return { user: null, memberships: [], activeTenant, apiKeyId: auth.apiKeyId };
        }
        const user = await trx.selectFrom('users').select(['id', 'email', 'name', 'created_at']).where('id', '=', auth.userId).executeTakeFirst();
        if (!user) throw new ApiError('UNAUTHENTICATED', 'The user of this access token no longer exists: log in again.');
        return { user: toUser(user), memberships: await membershipsOf(trx, user.id), activeTenant, apiKeyId: null };
      });
    },

    /** New tokens (a new session) in another tenant the user belongs to; 404 for any other tenant. */
    async switchTenant(auth: AuthContext, tenantId: string): Promise<SessionTokens> {
      if (auth.apiKeyId !== null || auth.userId === null) {
        throw new ApiError('FORBIDDEN', 'An API key belongs to one tenant and cannot switch; log in as a user to switch tenants.');
      }
      const userId = auth.userId;
      const result = await withSystem(deps.db, async (trx) => {
        const user = await trx.selectFrom('users').select(['id', 'email', 'name', 'created_at']).where('id', '=', userId).executeTakeFirst();
        if (!user) throw new ApiError('UNAUTHENTICATED', 'The user of this access token no longer exists: log in again.');
        const tenant = (await membershipsOf(trx, userId)).find((m) => m.id === tenantId);
        if (!tenant) throw notFound('Tenant', tenantId);
        return { user, tenant, refresh: await openSession(trx, user) };
      });
      return tokensFor(result.user, result.tenant, result.refresh);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
