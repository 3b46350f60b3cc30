import { sql } from 'kysely';
import { withSystem, withTenant } from '@vigil/db';
import type { Db, Tx } from '@vigil/db';
import type { AuthContext, Role } from '../../context.ts';
import { ApiError, notFound } from '../../errors.ts';
import { newestFirstPage } from '../../pagination.ts';
import type { Page } from '../../pagination.ts';
import { findUserByEmail, toRole } from '../auth/auth.repo.ts';
import { findInvitation, insertInvitation, listInvitations, revokeOpenInvitations, toInvitationView } from '../auth/invitations.repo.ts';
import type { InvitationView } from '../auth/invitations.repo.ts';

export interface MembersServiceDeps {
  db: Db;
  now: () => Date;
}

export interface MemberView {
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  hasPassword: boolean;
  joinedAt: string;
}

/** Bounds of a page (the route schema validates them; the default applies when absent). */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

const DEFAULT_LIMIT = 50;

/**
 * Members of the tenant in `trx` (row-level security scopes both tables to it), as a
 * derived table whose `id` (the user) and `created_at` (of the membership) page it.
 */
function selectMembers(trx: Tx) {
  const joined = trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id as id', 'u.email', 'u.name', 'm.role', 'm.created_at', sql<boolean>`u.password_hash is not null`.as('has_password')]);
  return trx.selectFrom(joined.as('member')).selectAll();
}

type MemberRow = { id: string; email: string; name: string | null; role: string; created_at: Date; has_password: boolean };

function toView(row: MemberRow): MemberView {
  return { userId: row.id, email: row.email, name: row.name, role: toRole(row.role), hasPassword: row.has_password, joinedAt: row.created_at.toISOString() };
}

/** Only owners may make someone an owner, or change or remove an owner (or an invitation to be one). */
function assertMayManage(auth: AuthContext, targetRole: Role | undefined, newRole: Role | undefined): void {
  if (auth.role !== 'owner' && (targetRole === 'owner' || newRole === 'owner')) {
    throw new ApiError('FORBIDDEN', 'Only an owner can grant the owner role or change or remove an owner.', { required: 'owner', role: auth.role });
  }
}

/** Fails when the tenant would be left without an owner. Locks the owners' rows, so concurrent demotions serialise. */
async function assertAnotherOwner(trx: Tx, userId: string): Promise<void> {
  const owners = await trx.selectFrom('memberships').select('user_id').where('role', '=', 'owner').forUpdate().execute();
  if (!owners.some((o) => o.user_id !== userId)) {
    throw new ApiError('CONFLICT', `User ${userId} is the last owner of this tenant: make another member owner first.`, { userId });
  }
}

/** The tenant's members (list, add by email, change roles, remove) and its invitations (create, list, revoke). */
export function createMembersService(deps: MembersServiceDeps) {
  return {
    /** One page of the tenant's members, newest first. */
    async list(auth: AuthContext, page: PageRequest = {}): Promise<Page<MemberView>> {
      return withTenant(deps.db, auth.tenantId, (trx) =>
        newestFirstPage(selectMembers(trx), { limit: page.limit ?? DEFAULT_LIMIT, cursor: page.cursor, toDto: toView }),
      );
    },

    /**
     * Adds a user by email. An unknown email gets an account without a password, and a user
     * without a password gets a one-time invitation token to set one.
     */
    async add(
      auth: AuthContext,
      input: { email: string; role: Role },
    ): Promise<{ member: MemberView; created: boolean; invitation: { token: string; expiresAt: string } | null }> {
      assertMayManage(auth, undefined, input.role);
      const email = input.email.trim();
      // Users are shared by tenants: finding or creating one is the authentication path's job.
      const { userId, created, hasPassword } = await withSystem(deps.db, async (trx) => {
        const existing = await findUserByEmail(trx, email);
        if (existing) return { userId: existing.id, created: false, hasPassword: existing.password_hash !== null };
        const row = await trx.insertInto('users').values({ email, password_hash: null }).returning('id').executeTakeFirstOrThrow();
        return { userId: row.id, created: true, hasPassword: false };
      });
      return withTenant(deps.db, auth.tenantId, async (trx) => {
        const now = deps.now();
        const inserted = await trx
          .insertInto('memberships')
          .values({ tenant_id: auth.tenantId, user_id: userId, role: input.role, created_at: now })
          .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing())
          .returning('user_id')
          .executeTakeFirst();
        if (!inserted) throw new ApiError('CONFLICT', `${email} is already a member of this tenant: change their role with PATCH /api/v1/members/${userId}.`, { userId });
        const member = (await selectMembers(trx).where('id', '=', userId).executeTakeFirstOrThrow()) as MemberRow;
        // In the membership's transaction: a refused add leaves no live invitation behind.
        const invitation = hasPassword ? null : await insertInvitation(trx, { tenantId: auth.tenantId, email: member.email, role: input.role, invitedBy: auth.userId, now });
        return {
          member: toView(member),
          created,
          invitation: invitation && { token: invitation.token, expiresAt: invitation.row.expires_at.toISOString() },
        };
      });
    },

    async updateRole(auth: AuthContext, userId: string, role: Role): Promise<MemberView> {
      return withTenant(deps.db, auth.tenantId, async (trx) => {
        const current = await trx.selectFrom('memberships').select('role').where('user_id', '=', userId).executeTakeFirst();
        if (!current) throw notFound('Member', userId);
        assertMayManage(auth, toRole(current.role), role);
        if (current.role === 'owner' && role !== 'owner') await assertAnotherOwner(trx, userId);
        await trx.updateTable('memberships').set({ role }).where('user_id', '=', userId).execute();
        return toView((await selectMembers(trx).where('id', '=', userId).executeTakeFirstOrThrow()) as MemberRow);
      });
    },

    /** Removes a member: their sessions in the tenant end with the membership, and their open invitations are revoked. */
    async remove(auth: AuthContext, userId: string): Promise<void> {
      await withTenant(deps.db, auth.tenantId, async (trx) => {
        const current = (await selectMembers(trx).where('id', '=', userId).executeTakeFirst()) as MemberRow | undefined;
        if (!current) throw notFound('Member', userId);
        assertMayManage(auth, toRole(current.role), undefined);
        if (current.role === 'owner') await assertAnotherOwner(trx, userId);
        await trx.deleteFrom('memberships').where('user_id', '=', userId).execute();
        await revokeOpenInvitations(trx, current.email, deps.now());
      });
    },

    /**
     * Invites an email to the tenant: the invitee sets a password (creating their account)
     * and joins with `role` at POST /auth/accept-invitation. A new invitation replaces an
     * open one for the same email, which also re-sends the invitation of a member added by
     * POST /members who has not set a password yet (their membership and its role stay).
     * Someone with a password is added with POST /members instead.
     */
    async invite(auth: AuthContext, input: { email: string; role: Role }): Promise<{ invitation: InvitationView; token: string }> {
      assertMayManage(auth, undefined, input.role);
      const email = input.email.trim();
      const account = await withSystem(deps.db, (trx) => findUserByEmail(trx, email));
      if (account?.password_hash) {
        throw new ApiError('CONFLICT', `${email} already has an account: add them with POST /api/v1/members instead.`);
      }
      return withTenant(deps.db, auth.tenantId, async (trx) => {
        const now = deps.now();
        const { row, token } = await insertInvitation(trx, { tenantId: auth.tenantId, email, role: input.role, invitedBy: auth.userId, now });
        return { invitation: toInvitationView(row, now), token };
      });
    },

    /** One page of the tenant's invitations (every state), newest first. */
    async listInvitations(auth: AuthContext, page: PageRequest = {}): Promise<Page<InvitationView>> {
      return withTenant(deps.db, auth.tenantId, (trx) => listInvitations(trx, { limit: page.limit ?? DEFAULT_LIMIT, cursor: page.cursor, now: deps.now() }));
    },

    /** Revokes an invitation (idempotent); 404 when the tenant has no such invitation, 409 once accepted. */
    async revokeInvitation(auth: AuthContext, id: string): Promise<void> {
      await withTenant(deps.db, auth.tenantId, async (trx) => {
        const row = await findInvitation(trx, id);
        if (!row) throw notFound('Invitation', id);
        assertMayManage(auth, toRole(row.role), undefined);
        if (row.accepted_at) {
          throw new ApiError('CONFLICT', `Invitation ${id} was accepted already: remove the member instead (DELETE /api/v1/members/<userId>).`, { id });
        }
        if (!row.revoked_at) await trx.updateTable('invitations').set({ revoked_at: deps.now() }).where('id', '=', id).execute();
      });
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
