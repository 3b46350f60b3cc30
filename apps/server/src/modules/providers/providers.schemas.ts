import { Type } from '@fastify/type-provider-typebox';
import type { Static } from '@fastify/type-provider-typebox';

export const Uuid = Type.String({ format: 'uuid', maxLength: 36, description: 'An id (UUID).' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

const AccountId = Type.String({ pattern: '^[0-9]{12}$', minLength: 12, maxLength: 12, description: 'The 12-digit AWS account id.' });
const Alias = Type.String({ minLength: 1, maxLength: 200 });
const EndpointUrl = Type.String({
  pattern: '^https?://[^\\s/?#]+(/[^\\s]*)?$',
  maxLength: 500,
  description: 'A custom AWS endpoint (http or https URL), e.g. a LocalStack or test endpoint.',
});
const Tags = Type.Record(Type.String({ minLength: 1, maxLength: 128 }), Type.String({ maxLength: 256 }), {
  maxProperties: 50,
  description: 'Free-form labels.',
});

const RoleAuth = Type.Object(
  {
    method: Type.Literal('role'),
    roleArn: Type.String({ pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}$', maxLength: 600 }),
    externalId: Type.Optional(Type.String({ minLength: 2, maxLength: 1224, pattern: '^[\\w+=,.@:/-]+$' })),
  },
  { additionalProperties: false, description: 'Preferred: the server assumes this role (with the external id).' },
);
const AccessKeysAuth = Type.Object(
  {
    method: Type.Literal('access_keys'),
    accessKeyId: Type.String({ pattern: '^[A-Z0-9]{16,128}$', maxLength: 128 }),
    secretAccessKey: Type.String({ minLength: 16, maxLength: 256 }),
    sessionToken: Type.Optional(Type.String({ minLength: 16, maxLength: 4096 })),
  },
  { additionalProperties: false, description: 'Static access keys (stored encrypted, never returned).' },
);
export const ProviderAuth = Type.Union([RoleAuth, AccessKeysAuth]);
export type ProviderAuthInput = Static<typeof ProviderAuth>;

export const DEFAULT_MEMBER_ROLE_NAME = 'OrganizationAccountAccessRole';

const MemberRoleName = Type.String({
  pattern: '^[\\w+=,.@-]+(/[\\w+=,.@-]+)*$',
  minLength: 1,
  maxLength: 512,
  description: `Organization only: the role assumed in every member account (name with an optional path). Default ${DEFAULT_MEMBER_ROLE_NAME}.`,
});
const MemberExternalId = Type.String({
  minLength: 2,
  maxLength: 1224,
  pattern: '^[\\w+=,.@:/-]+$',
  description: "Organization only: the external id the member roles' trust policies require (stored encrypted, never returned).",
});

export const CreateProviderBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('aws'), Type.Literal('organization')], {
      description: '`aws`: one account. `organization`: an AWS organization reached through its management (or delegated administrator) account.',
    }),
    alias: Type.Optional(Alias),
    accountId: AccountId,
    auth: ProviderAuth,
    endpointUrl: Type.Optional(EndpointUrl),
    tags: Type.Optional(Tags),
    memberRoleName: Type.Optional(MemberRoleName),
    memberExternalId: Type.Optional(MemberExternalId),
  },
  { additionalProperties: false },
);
export type CreateProviderInput = Static<typeof CreateProviderBody>;

export const UpdateProviderBody = Type.Object(
  {
    alias: Type.Optional(Type.Union([Alias, Type.Null()])),
    auth: Type.Optional(ProviderAuth),
    endpointUrl: Type.Optional(Type.Union([EndpointUrl, Type.Null()])),
    tags: Type.Optional(Tags),
    memberRoleName: Type.Optional(MemberRoleName),
    memberExternalId: Type.Optional(Type.Union([MemberExternalId, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProviderInput = Static<typeof UpdateProviderBody>;

export const ListProvidersQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const Connection = Type.Union([
  Type.Object({
    ok: Type.Boolean(),
    error: Type.Union([Type.String(), Type.Null()]),
    identity: Type.Union([Type.String(), Type.Null()]),
    checkedAt: Type.String({ format: 'date-time' }),
  }),
  Type.Null(),
]);

export const Provider = Type.Object({
  id: Uuid,
  kind: Type.String(),
  alias: Type.Union([Type.String(), Type.Null()]),
  accountId: Type.String(),
  authMethod: Type.Union([Type.Literal('role'), Type.Literal('access_keys')]),
  roleArn: Type.Union([Type.String(), Type.Null()]),
  endpointUrl: Type.Union([Type.String(), Type.Null()]),
  tags: Type.Record(Type.String(), Type.String()),
  hasSecret: Type.Boolean({ description: 'Whether encrypted credentials are stored (they are never returned).' }),
  memberRoleName: Type.Union([Type.String(), Type.Null()], { description: 'Organization: the role assumed in member accounts; null for `aws`.' }),
  connection: Connection,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type ProviderDto = Static<typeof Provider>;

export const ProviderPage = Type.Object({ items: Type.Array(Provider), nextCursor: Type.Union([Type.String(), Type.Null()]) });

const OrganizationConnection = Type.Object(
  {
    accounts: Type.Integer({ description: 'Active accounts of the organization.' }),
    assumed: Type.Integer({ description: 'Accounts that could be reached (the management account with its own credentials, members through the member role).' }),
    failures: Type.Array(Type.Object({ account: Type.String(), code: Type.String(), message: Type.String() })),
  },
  { description: 'Organization only: how many accounts a scan can reach.' },
);

export const ConnectionResult = Type.Object({
  ok: Type.Boolean({ description: 'For an organization: every active account could be reached.' }),
  error: Type.Union([Type.String(), Type.Null()]),
  identity: Type.Union([Type.String(), Type.Null()]),
  checkedAt: Type.String({ format: 'date-time' }),
  organization: Type.Optional(OrganizationConnection),
});
export type ConnectionResultDto = Static<typeof ConnectionResult>;
