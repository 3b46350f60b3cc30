import { sql } from 'kysely';
import { withSystem, withTenant } from '@vigil/db';
import type { Db, Tx } from '@vigil/db';
import type { AuthContext, Role } from '../../context.ts';
import { ROLES } from '../../context.ts';
import { ApiError, notFound } from '../../errors.ts';
import { issueInvitation } from '../auth/invitations.ts';

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

function toRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new ApiError('INTERNAL', `Unknown role "${value}" in a membership.`);
  return value as Role;
}

/** Members of the tenant in `trx` (row-level security scopes both tables to it). */
function selectMembers(trx: Tx) {
  return trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id as userId', 'u.email', 'u.name', 'm.role', 'm.created_at', sql<boolean>`u.password_hash is not null`.as('hasPassword')]);
}

type MemberRow = { userId: string; email: string; name: string | null; role: string; created_at: Date; hasPassword: boolean };

function toView(row: MemberRow): MemberView {
  return { userId: row.userId, email: row.email, name: row.name, role: toRole(row.role), hasPassword: row.hasPassword, joinedAt: row.created_at.toISOString() };
}

/** Only owners may make someone an owner, or change or remove an owner. */
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

/** The tenant's members: list, add by email, change roles, remove. */
export function createMembersService(deps: MembersServiceDeps) {
  return {
    async list(auth: AuthContext): Promise<MemberView[]> {
      const rows = await withTenant(deps.db, auth.tenantId, (trx) => selectMembers(trx).orderBy('m.created_at').orderBy('u.id').execute());
      return rows.map(toView);
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
        const existing = await trx
          .selectFrom('users')
          .select(['id', sql<boolean>`password_hash is not null`.as('hasPassword')])
          .where(sql<string>`lower(email)`, '=', email.toLowerCase())
          .executeTakeFirst();
        if (existing) return { userId: existing.id, created: false, hasPassword: existing.hasPassword };
        const row = await trx.insertInto('users').values({ email, password_hash: null }).returning('id').executeTakeFirstOrThrow();
        return { userId: row.id, created: true, hasPassword: false };
      });
      const member = await withTenant(deps.db, auth.tenantId, async (trx) => {
        const inserted = await trx
          .insertInto('memberships')
          .values({ tenant_id: auth.tenantId, user_id: userId, role: input.role, created_at: deps.now() })
          .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing())
          .returning('user_id')
          .executeTakeFirst();
        if (!inserted) throw new ApiError('CONFLICT', `${email} is already a member of this tenant: change their role with PATCH /api/v1/members/${userId}.`, { userId });
        return selectMembers(trx).where('m.user_id', '=', userId).executeTakeFirstOrThrow();
      });
      // After the membership commits, so a refused add leaves no live invitation behind.
      const invitation = hasPassword ? null : await withSystem(deps.db, (trx) => issueInvitation(trx, userId, deps.now()));
      return {
        member: toView(member),
        created,
        invitation: invitation && { token: invitation.token, expiresAt: invitation.expiresAt.toISOString() },
      };
    },

    async updateRole(auth: AuthContext, userId: string, role: Role): Promise<MemberView> {
      return withTenant(deps.db, auth.tenantId, async (trx) => {
        const current = await trx.selectFrom('memberships').select('role').where('user_id', '=', userId).executeTakeFirst();
        if (!current) throw notFound('Member', userId);
        assertMayManage(auth, toRole(current.role), role);
        if (current.role === 'owner' && role !== 'owner') await assertAnotherOwner(trx, userId);
        await trx.updateTable('memberships').set({ role }).where('user_id', '=', userId).execute();
        return toView(await selectMembers(trx).where('m.user_id', '=', userId).executeTakeFirstOrThrow());
      });
    },

    async remove(auth: AuthContext, userId: string): Promise<void> {
      await withTenant(deps.db, auth.tenantId, async (trx) => {
        const current = await trx.selectFrom('memberships').select('role').where('user_id', '=', userId).executeTakeFirst();
        if (!current) throw notFound('Member', userId);
        assertMayManage(auth, toRole(current.role), undefined);
        if (current.role === 'owner') await assertAnotherOwner(trx, userId);
        await trx.deleteFrom('memberships').where('user_id', '=', userId).execute();
      });
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
