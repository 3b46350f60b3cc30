import { Type } from '@fastify/type-provider-typebox';
import { Cursor, DateTime, Limit, SeveritySchema, StatusSchema, Uuid } from './common.schemas.ts';

export const FindingIdParam = Type.Object({ id: Uuid }, { additionalProperties: false });

export const FindingSchema = Type.Object({
  id: Uuid,
  findingUid: Type.String({ description: 'Stable across scans: the same check on the same resource.' }),
  scanId: Uuid,
  scanCreatedAt: DateTime,
  providerId: Uuid,
  checkId: Type.String(),
  accountId: Type.String(),
  region: Type.String(),
  service: Type.String(),
  severity: SeveritySchema,
  status: StatusSchema,
  message: Type.String(),
  resource: Type.Object({ uid: Type.String(), name: Type.String(), type: Type.String() }),
  compliance: Type.Record(Type.String(), Type.Array(Type.String())),
  errorCode: Type.Union([Type.String(), Type.Null()]),
  muted: Type.Boolean(),
  muteReason: Type.Union([Type.String(), Type.Null()]),
  muteExpiresAt: Type.Union([DateTime, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  delta: Type.Union([Type.Literal('new'), Type.Literal('changed'), Type.Literal('unchanged'), Type.Null()]),
  firstSeenAt: DateTime,
  lastSeenAt: DateTime,
  observedAt: DateTime,
});

export const FINDING_SORTS = ['severity', 'firstSeen', 'checkId', 'scanCreatedAt'] as const;

export const ListFindingsQuery = Type.Object(
  {
    scanId: Type.Optional(Uuid),
    providerId: Type.Optional(Uuid),
    account: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    service: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    checkId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    severity: Type.Optional(Type.Array(SeveritySchema, { maxItems: 5, description: 'Repeat to select several.' })),
    status: Type.Optional(Type.Array(StatusSchema, { maxItems: 4, description: 'Repeat to select several.' })),
    delta: Type.Optional(
      Type.Array(Type.Union([Type.Literal('new'), Type.Literal('changed'), Type.Literal('unchanged')]), { maxItems: 3 }),
    ),
    muted: Type.Optional(Type.Boolean()),
    resource: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, description: 'Exact resource uid (ARN).' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Words to find in the message or resource name.' })),
    firstSeenFrom: Type.Optional(DateTime),
    firstSeenTo: Type.Optional(DateTime),
    sort: Type.Optional(Type.Union(FINDING_SORTS.map((s) => Type.Literal(s)), { default: 'severity' })),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' })),
    limit: Type.Optional(Limit(500)),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const FindingPageSchema = Type.Object({
  items: Type.Array(FindingSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page; null on the last.' }),
});

export const UpdateFindingBody = Type.Object(
  {
    muted: Type.Optional(Type.Boolean()),
    muteReason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    muteExpiresAt: Type.Optional(Type.Union([DateTime, Type.Null()], { description: 'When the mute lapses; null or absent: never.' })),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
