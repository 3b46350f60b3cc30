import { Type } from '@fastify/type-provider-typebox';
import type { Static } from '@fastify/type-provider-typebox';

/** A role in a tenant (lowest last). */
export const RoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member'), Type.Literal('read_only')], {
  description: 'A role in a tenant: owner > admin > member > read_only.',
});

export const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 320 });
export const Timestamp = Type.String({ format: 'date-time' });
/** Never hashed above 1024 code points (the policy's maximum). */
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const RefreshToken = Type.String({ minLength: 1, maxLength: 128, description: 'A refresh token (vgr_…).' });

export const SignupBody = Type.Object(
  {
    email: Email,
    password: Password,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    tenantName: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

export const LoginBody = Type.Object(
  {
    email: Email,
    password: Password,
    tenantId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const RefreshBody = Type.Object(
  {
    refreshToken: RefreshToken,
    tenantId: Type.Optional(
      Type.String({
        format: 'uuid',
        maxLength: 36,
        description: "Move the session to another of the user's tenants (default: the session stays in its tenant, the one it was opened in).",
      }),
    ),
  },
  { additionalProperties: false },
);
export type RefreshBody = Static<typeof RefreshBody>;

export const LogoutBody = Type.Object({ refreshToken: RefreshToken }, { additionalProperties: false });
export type LogoutBody = Static<typeof LogoutBody>;

export const AcceptInvitationBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 128, description: 'The invitation token (vgi_…) from POST /invitations or POST /members.' }),
    password: Password,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;

export const SwitchTenantBody = Type.Object({ tenantId: Uuid }, { additionalProperties: false });
export type SwitchTenantBody = Static<typeof SwitchTenantBody>;

export const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
});

export const Tenant = Type.Object({ id: Uuid, name: Type.String(), role: RoleSchema });

/** Tokens of a session: the access token (Bearer) and the refresh token, each shown once. */
export const Session = Type.Object({
  user: User,
  tenant: Tenant,
  accessToken: Type.String(),
  refreshToken: Type.String(),
  /** When the access token expires. */
  expiresAt: Timestamp,
  /** When the refresh token expires (never after the session's absolute expiry, 30 days after login). */
  refreshExpiresAt: Timestamp,
});

export const Me = Type.Object({
  /** Null when the caller is an API key. */
  user: Type.Union([User, Type.Null()]),
  memberships: Type.Array(Tenant),
  activeTenant: Tenant,
  apiKeyId: Type.Union([Uuid, Type.Null()]),
});

export const ErrorResponse = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  requestId: Type.Optional(Type.String()),
});
