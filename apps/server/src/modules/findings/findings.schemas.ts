import { Type } from '@fastify/type-provider-typebox';
import { Cursor, DateTime, Limit, SeveritySchema, StatusSchema, Uuid } from './common.schemas.ts';

export const FindingSourceSchema = Type.Union([Type.Literal('scan'), Type.Literal('manual')], {
  description: '`scan`: produced by a scan; `manual`: recorded by a person (POST /findings), e.g. from a penetration test.',
});

export const FindingIdParam = Type.Object({ id: Uuid }, { additionalProperties: false });

export const FindingSchema = Type.Object({
  id: Uuid,
  findingUid: Type.String({ description: 'Stable across scans: the same check on the same resource (`manual:<id>` for a manual finding).' }),
  source: FindingSourceSchema,
  scanId: Type.Union([Uuid, Type.Null()], { description: 'The scan that produced it; null for a manual finding.' }),
  scanCreatedAt: Type.String({ format: 'date-time', maxLength: 40, description: 'When its scan was created; for a manual finding, when it was recorded.' }),
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
  remediation: Type.Union([Type.String(), Type.Null()], { description: 'How to fix it (manual findings).' }),
  muted: Type.Boolean({ description: 'Muted now: a mute whose expiry has passed no longer counts.' }),
  muteReason: Type.Union([Type.String(), Type.Null()]),
  muteExpiresAt: Type.Union([DateTime, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  delta: Type.Union([Type.Literal('new'), Type.Literal('changed'), Type.Literal('unchanged'), Type.Null()]),
  firstSeenAt: DateTime,
  lastSeenAt: DateTime,
  observedAt: DateTime,
  resolvedAt: Type.Union([DateTime, Type.Null()], {
    description: 'When a full scan of the account last stopped reporting it (resource deleted or fixed away); null while open, and for manual findings.',
  }),
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
    muted: Type.Optional(Type.Boolean({ description: 'Muted now (a lapsed mute does not count).' })),
    source: Type.Optional(FindingSourceSchema),
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

/** The check id of a manual finding without one: `manual_<service>` (no shipped check id starts with `manual_`). */
export const manualCheckId = (service: string) => `manual_${service.replace(/-/g, '_')}`;

export const CreateFindingBody = Type.Object(
  {
    providerId: Uuid,
    message: Type.String({ minLength: 1, maxLength: 1000, description: 'What is wrong: the title of the finding.' }),
    severity: SeveritySchema,
    status: Type.Optional(
      Type.Union([Type.Literal('FAIL'), Type.Literal('PASS'), Type.Literal('MANUAL')], { default: 'FAIL', description: 'Default FAIL.' }),
    ),
    service: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', maxLength: 64, description: 'e.g. `s3`, `ec2`.' }),
    region: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', maxLength: 64, description: 'e.g. `eu-west-1`, or `global`.' }),
    accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: "Default: the provider's account id." })),
    resource: Type.Object(
      {
        uid: Type.String({ minLength: 1, maxLength: 2048, description: 'The resource uid (ARN).' }),
        name: Type.Optional(Type.String({ maxLength: 512, default: '' })),
        type: Type.String({ minLength: 1, maxLength: 256, description: 'e.g. `AwsS3Bucket`.' }),
      },
      { additionalProperties: false },
    ),
    checkId: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9_]{1,128}$',
        maxLength: 128,
        description: 'A check this finding is an instance of; default `manual_<service>` (dashes become underscores).',
      }),
    ),
    remediation: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    observedAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: 'When it was observed; default now; not in the future.' })),
  },
  { additionalProperties: false },
);
