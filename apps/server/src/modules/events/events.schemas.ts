import { Type } from '@fastify/type-provider-typebox';
import type { Static } from '@fastify/type-provider-typebox';

/** Events per request: EventBridge API destinations send one; a relay may batch. */
export const MAX_EVENTS_PER_REQUEST = 100;
/** Request body limit of POST /events/aws (an EventBridge event is at most 256 KB). */
export const EVENTS_BODY_LIMIT = 1024 * 1024;

/** The EventBridge detail-type of CloudTrail management events. */
export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

/** Headers of the HMAC alternative to `Authorization`. */
export const TENANT_HEADER = 'x-vigil-tenant';
export const TIMESTAMP_HEADER = 'x-vigil-timestamp';
export const SIGNATURE_HEADER = 'x-vigil-signature';

/** One EventBridge event: the envelope is checked; `detail` is read as far as the event map needs. */
export const EventBridgeEvent = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 256 }),
    'detail-type': Type.String({ maxLength: 256 }),
    source: Type.Optional(Type.String({ maxLength: 256 })),
    account: Type.Optional(Type.String({ maxLength: 64 })),
    region: Type.Optional(Type.String({ maxLength: 64 })),
    time: Type.Optional(Type.String({ maxLength: 64 })),
    detail: Type.Object({}, { additionalProperties: true }),
  },
  { additionalProperties: true },
);
export type EventBridgeEventInput = Static<typeof EventBridgeEvent>;

export const EventsBody = Type.Union([EventBridgeEvent, Type.Array(EventBridgeEvent, { minItems: 1, maxItems: MAX_EVENTS_PER_REQUEST })], {
  description: `One EventBridge event, or an array of at most ${MAX_EVENTS_PER_REQUEST}.`,
});

export const EventOutcome = Type.Object({
  id: Type.String(),
  outcome: Type.Union([Type.Literal('accepted'), Type.Literal('ignored'), Type.Literal('duplicate')]),
  reason: Type.Optional(
    Type.String({
      description:
        'Why an event was ignored: unsupported_detail_type, unmapped_event, failed_call, unknown_account, no_resource, or duplicate.',
    }),
  ),
  targets: Type.Optional(Type.Array(Type.Object({ resourceType: Type.String(), name: Type.String(), region: Type.String() }))),
});
export type EventOutcomeDto = Static<typeof EventOutcome>;

export const EventsResponse = Type.Object({
  received: Type.Integer(),
  accepted: Type.Integer(),
  ignored: Type.Integer(),
  duplicates: Type.Integer(),
  /** Ignored events by reason. */
  reasons: Type.Record(Type.String(), Type.Integer()),
  results: Type.Array(EventOutcome),
});
export type EventsResponseDto = Static<typeof EventsResponse>;

export const EventSecretStatus = Type.Object({
  configured: Type.Boolean(),
  createdAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  rotatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  previousValidUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type EventSecretStatusDto = Static<typeof EventSecretStatus>;

export const CreatedEventSecret = Type.Object({
  secret: Type.String({ description: 'The signing secret: shown in this response only.' }),
  tenantId: Type.String({ description: `Send it in the ${TENANT_HEADER} header with signed requests.` }),
  rotatedAt: Type.String({ format: 'date-time' }),
  previousValidUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type CreatedEventSecretDto = Static<typeof CreatedEventSecret>;

export const RotateSecretBody = Type.Object(
  {
    graceSeconds: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 7 * 86400, default: 86400, description: 'How long the previous secret stays valid after a rotation.' }),
    ),
  },
  { additionalProperties: false },
);
export type RotateSecretInput = Static<typeof RotateSecretBody>;

export const RescanList = Type.Object({
  items: Type.Array(
    Type.Object({
      providerId: Type.String(),
      resourceType: Type.String(),
      resource: Type.String(),
      region: Type.String(),
      eventCount: Type.Integer(),
      firstEventAt: Type.String({ format: 'date-time' }),
      lastEventAt: Type.String({ format: 'date-time' }),
      attempts: Type.Integer(),
      lastError: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
export type RescanListDto = Static<typeof RescanList>;
