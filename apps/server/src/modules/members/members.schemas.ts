import { Type } from '@fastify/type-provider-typebox';
import type { Static } from '@fastify/type-provider-typebox';
import { Email, RoleSchema, Timestamp, Uuid } from '../auth/auth.schemas.ts';

export const AddMemberBody = Type.Object({ email: Email, role: RoleSchema }, { additionalProperties: false });
export type AddMemberBody = Static<typeof AddMemberBody>;

export const UpdateMemberBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });

export const MemberParams = Type.Object({ userId: Uuid }, { additionalProperties: false });

/** `limit` and `cursor` of a paged list (newest first), as on every other list. */
export const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page (at most 200).' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The nextCursor of the previous page.' })),
  },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuery>;

const NextCursor = Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page; null on the last page.' });

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

/** The tenant's members, newest first. */
export const MemberList = Type.Object({ items: Type.Array(Member), nextCursor: NextCursor });

export const CreateInvitationBody = Type.Object({ email: Email, role: RoleSchema }, { additionalProperties: false });
export type CreateInvitationBody = Static<typeof CreateInvitationBody>;

export const InvitationParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/** An invitation: never its token. */
export const Invitation = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: RoleSchema,
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('revoked'), Type.Literal('expired')], {
    description: 'pending until accepted, revoked or past expiresAt.',
  }),
  invitedBy: Type.Union([Uuid, Type.Null()]),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  acceptedAt: Type.Union([Timestamp, Type.Null()]),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
});

export const CreatedInvitation = Type.Object({
  invitation: Invitation,
  /** The one-time token to send to the invitee (shown only here): they accept it at POST /api/v1/auth/accept-invitation. */
  token: Type.String(),
});

/** The tenant's invitations, newest first. */
export const InvitationList = Type.Object({ items: Type.Array(Invitation), nextCursor: NextCursor });
