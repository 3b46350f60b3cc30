import { Type } from '@fastify/type-provider-typebox';
import type { Static } from '@fastify/type-provider-typebox';
import { Email, RoleSchema, Timestamp, Uuid } from '../auth/auth.schemas.ts';

export const AddMemberBody = Type.Object({ email: Email, role: RoleSchema }, { additionalProperties: false });
export type AddMemberBody = Static<typeof AddMemberBody>;

export const UpdateMemberBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });

export const MemberParams = Type.Object({ userId: Uuid }, { additionalProperties: false });

export const Member = Type.Object({
  userId: Uuid,
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  /** False for a user added by email who has not set a password yet. */
  hasPassword: Type.Boolean(),
  joinedAt: Timestamp,
});

export const AddedMember = Type.Object({
  member: Member,
  /** True when the email had no account: one was created without a password. */
  created: Type.Boolean(),
  /**
   * For a user without a password: a one-time token to send them (shown only here), which
   * they exchange for a password at POST /api/v1/auth/accept-invitation.
   */
  invitation: Type.Union([Type.Object({ token: Type.String(), expiresAt: Timestamp }), Type.Null()]),
});

export const MemberList = Type.Object({ items: Type.Array(Member) });
