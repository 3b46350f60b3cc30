import { Type } from '@fastify/type-provider-typebox';
import type { Static } from '@fastify/type-provider-typebox';
import { RoleSchema, Timestamp, Uuid } from '../auth/auth.schemas.ts';

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    expiresAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'When the key stops working (default: never).' })),
  },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;

export const ApiKeyParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/** An API key's metadata: never its secret or hash. */
export const ApiKey = Type.Object({
  id: Uuid,
  name: Type.String(),
  role: RoleSchema,
  /** The public part of the key (`vgl_<prefix>_…`), to recognise it. */
  prefix: Type.String(),
  createdBy: Type.Union([Uuid, Type.Null()]),
  createdAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
  expiresAt: Type.Union([Timestamp, Type.Null()]),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
});

export const CreatedApiKey = Type.Object({
  apiKey: ApiKey,
  /** The full key, shown this once: it cannot be retrieved again. */
  key: Type.String(),
});

export const ListApiKeysQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page (at most 200).' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The nextCursor of the previous page.' })),
  },
  { additionalProperties: false },
);
export type ListApiKeysQuery = Static<typeof ListApiKeysQuery>;

/** The tenant's keys, newest first. */
export const ApiKeyList = Type.Object({
  items: Type.Array(ApiKey),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page; null on the last page.' }),
});
