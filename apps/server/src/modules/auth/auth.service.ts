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
import type { AccessTokenService, IssuedRefreshToken } from '@vigil/security';
import type { AuthContext } from '../../context.ts';
import { ApiError, notFound } from '../../errors.ts';
import {
  findRefreshToken,
  findUserByEmail,
  findUserById,
  insertRefreshToken,
  markRefreshTokenUsed,
  membershipsOf,
  revokeRefreshFamily,
  toRole,
  USER_COLUMNS,
} from './auth.repo.ts';
import type { TenantMembership, UserRow } from './auth.repo.ts';
import { findInvitationByHash, invitationStatus } from './invitations.repo.ts';
import { hashInvitation, isInvitationFormat } from './invitations.ts';

export type { TenantMembership } from './auth.repo.ts';

/** Lifetime of a login session (a refresh-token family): rotation never extends it. */
export const SESSION_ABSOLUTE_TTL_MS = 30 * 86_400_000;

export interface AuthUser {
  id: string;
  email: string;
  name: string | null;
  createdAt: string;
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

function toUser(row: UserRow): AuthUser {
  return { id: row.id, email: row.email, name: row.name, createdAt: row.created_at.toISOString() };
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
 * Sign-up, login, refresh, logout, invitations and tenant switching: the narrow
 * authentication path, which runs in `withSystem` because it crosses tenants (a user
 * belongs to several). Password hashing happens outside every transaction (~300 ms of CPU).
 *
 * A login opens a session: a refresh-token family bound to one tenant, with an absolute
 * expiry. Each refresh uses up its token and issues the next one in the family; a used
 * token coming back revokes the whole family.
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

  /** Opens a new login session (a new refresh-token family) in `tenant`. */
  async function openSession(trx: Tx, user: UserRow, tenant: TenantMembership): Promise<IssuedRefreshToken> {
    const refresh = issueRefreshToken(refreshOptions);
    await insertRefreshToken(trx, { userId: user.id, tenantId: tenant.id, issued: refresh });
    return refresh;
  }

  return {
    /** Creates a tenant and its owner, and logs the owner in. */
    async signup(input: { email: string; password: string; name?: string; tenantName: string }): Promise<SessionTokens> {
      assertPasswordPolicy(input.password);
      const passwordHash = await hashPassword(input.password);
      const email = input.email.trim();
      const { user, tenant, refresh } = await withSystem(deps.db, async (trx) => {
        if (await findUserByEmail(trx, email)) {
          throw new ApiError('CONFLICT', `An account with the email ${email} already exists: log in instead (POST /api/v1/auth/login).`);
        }
        const tenantRow = await trx.insertInto('tenants').values({ name: input.tenantName }).returning(['id', 'name']).executeTakeFirstOrThrow();
        const userRow = await trx
          .insertInto('users')
          .values({ email, name: input.name ?? null, password_hash: passwordHash, last_login_at: deps.now() })
          .returning(USER_COLUMNS)
          .executeTakeFirstOrThrow();
        await trx.insertInto('memberships').values({ tenant_id: tenantRow.id, user_id: userRow.id, role: 'owner' }).execute();
        const membership: TenantMembership = { id: tenantRow.id, name: tenantRow.name, role: 'owner' };
        return { user: userRow, tenant: membership, refresh: await openSession(trx, userRow, membership) };
      });
      return tokensFor(user, tenant, refresh);
    },

    /**
     * Checks the password and opens a session in `tenantId` (default: the first membership).
     * An unknown email costs the same scrypt work as a wrong password and gets the same error.
     */
    async login(input: { email: string; password: string; tenantId?: string }): Promise<SessionTokens> {
      const found = await withSystem(deps.db, async (trx) => {
        const user = await findUserByEmail(trx, input.email);
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
        return openSession(trx, user, tenant);
      });
      return tokensFor(user, tenant, refresh);
    },

    /**
     * Rotates a refresh token within its session, which stays in its tenant unless
     * `tenantId` names another of the user's tenants (then the session moves there). A
     * token that was already rotated coming back means it was stolen or replayed: its
     * whole family is revoked and the caller must log in again. The role is read again,
     * so a changed role applies from the next refresh.
     */
    async refresh(input: { refreshToken: string; tenantId?: string }): Promise<SessionTokens> {
      const tokenHash = hashRefreshToken(input.refreshToken);
      let familyId: string | undefined;
      try {
        const result = await withSystem(deps.db, async (trx) => {
          const row = await findRefreshToken(trx, tokenHash);
          familyId = row?.family_id;
          const { next, usedAt } = rotateRefreshToken(
            row && {
              familyId: row.family_id,
              expiresAt: row.expires_at,
              absoluteExpiresAt: row.absolute_expires_at,
              usedAt: row.used_at,
              revokedAt: row.revoked_at,
            },
            refreshOptions,
          );
          // The row exists: rotateRefreshToken throws for a missing one.
          const current = row as NonNullable<typeof row>;
          const user = await findUserById(trx, current.user_id);
          if (!user) throw new SecurityError('AUTH_REFRESH_TOKEN_INVALID', 'The user of this session no longer exists.');
          const memberships = await membershipsOf(trx, user.id);
          // The membership foreign key ends sessions of removed members, so the session's tenant is one of these.
          const tenant = chooseTenant(memberships, input.tenantId ?? current.tenant_id);
          const nextId = await insertRefreshToken(trx, { userId: user.id, tenantId: tenant.id, issued: next });
          if (!(await markRefreshTokenUsed(trx, current.id, usedAt, nextId))) {
            // Another refresh with this token committed first.
            throw new SecurityError('AUTH_REFRESH_TOKEN_REUSED', 'The refresh token was already used; for safety the session has been ended: log in again.', {
              details: { familyId: current.family_id },
            });
          }
          return { user, tenant, next };
        });
        return await tokensFor(result.user, result.tenant, result.next);
      } catch (err) {
        if (isSecurityError(err, 'AUTH_REFRESH_TOKEN_REUSED') && familyId) {
          const family = familyId;
          await withSystem(deps.db, (trx) => revokeRefreshFamily(trx, family, deps.now()));
        }
        throw err;
      }
    },

    /** Ends the session of a refresh token: every token of its family. Unknown tokens are ignored. */
    async logout(input: { refreshToken: string }): Promise<void> {
      const tokenHash = hashRefreshToken(input.refreshToken);
      await withSystem(deps.db, async (trx) => {
        const row = await findRefreshToken(trx, tokenHash);
        if (row) await revokeRefreshFamily(trx, row.family_id, deps.now());
      });
    },

    /**
     * Accepts an invitation: sets the password of the invited account (creating it when the
     * email has none), adds the membership the invitation grants, spends the invitation,
     * and logs the user in to the invitation's tenant. An account that has a password
     * already is never taken over.
     */
    async acceptInvitation(input: { token: string; password: string; name?: string }): Promise<SessionTokens> {
      const invalid = () =>
        new ApiError('UNAUTHENTICATED', 'The invitation is unknown, used, revoked or expired: ask an admin of the tenant to invite you again.');
      if (!isInvitationFormat(input.token)) throw invalid();
      assertPasswordPolicy(input.password);
      const passwordHash = await hashPassword(input.password);
      const { user, tenant, refresh } = await withSystem(deps.db, async (trx) => {
        const now = deps.now();
        const invitation = await findInvitationByHash(trx, hashInvitation(input.token));
        if (!invitation || invitationStatus(invitation, now) !== 'pending') throw invalid();
        const existing = await findUserByEmail(trx, invitation.email);
        if (existing?.password_hash) {
          throw new ApiError('CONFLICT', 'This account already has a password: log in instead (POST /api/v1/auth/login), and ask an admin to add you as a member.');
        }
        const profile = { password_hash: passwordHash, updated_at: now, last_login_at: now, ...(input.name ? { name: input.name } : {}) };
        const userRow = existing
          ? // Conditional: a password set meanwhile is never overwritten.
            await trx.updateTable('users').set(profile).where('id', '=', existing.id).where('password_hash', 'is', null).returning(USER_COLUMNS).executeTakeFirst()
          : await trx.insertInto('users').values({ email: invitation.email, ...profile }).returning(USER_COLUMNS).executeTakeFirstOrThrow();
        if (!userRow) throw new ApiError('CONFLICT', 'This account already has a password: log in instead (POST /api/v1/auth/login).');
        // A member added by POST /members already has the membership (and perhaps a changed role): keep it.
        await trx
          .insertInto('memberships')
          .values({ tenant_id: invitation.tenant_id, user_id: userRow.id, role: toRole(invitation.role), created_at: now })
          .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing())
          .execute();
        await trx.updateTable('invitations').set({ accepted_at: now }).where('id', '=', invitation.id).execute();
        const membership = chooseTenant(await membershipsOf(trx, userRow.id), invitation.tenant_id);
        return { user: userRow, tenant: membership, refresh: await openSession(trx, userRow, membership) };
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
        const user = await findUserById(trx, auth.userId);
        if (!user) throw new ApiError('UNAUTHENTICATED', 'The user of this access token no longer exists: log in again.');
        return { user: toUser(user), memberships: await membershipsOf(trx, user.id), activeTenant, apiKeyId: null };
      });
    },

    /** New tokens (a new session, whose refreshes stay there) in another tenant the user belongs to; 404 for any other tenant. */
    async switchTenant(auth: AuthContext, tenantId: string): Promise<SessionTokens> {
      if (auth.apiKeyId !== null || auth.userId === null) {
        throw new ApiError('FORBIDDEN', 'An API key belongs to one tenant and cannot switch; log in as a user to switch tenants.');
      }
      const userId = auth.userId;
      const result = await withSystem(deps.db, async (trx) => {
        const user = await findUserById(trx, userId);
        if (!user) throw new ApiError('UNAUTHENTICATED', 'The user of this access token no longer exists: log in again.');
        const tenant = (await membershipsOf(trx, userId)).find((m) => m.id === tenantId);
        if (!tenant) throw notFound('Tenant', tenantId);
        return { user, tenant, refresh: await openSession(trx, user, tenant) };
      });
      return tokensFor(result.user, result.tenant, result.refresh);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
