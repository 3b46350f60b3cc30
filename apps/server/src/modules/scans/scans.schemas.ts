import { Type } from '@fastify/type-provider-typebox';
import type { Static } from '@fastify/type-provider-typebox';
import { Uuid } from '../providers/providers.schemas.ts';

export { IdParams } from '../providers/providers.schemas.ts';

export const SCAN_STATES = ['queued', 'pending', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled'] as const;
export type ScanState = (typeof SCAN_STATES)[number];
/** The states of a scan's accounts and units. */
export const UNIT_STATES = ['pending', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled'] as const;
/** States a scan never leaves. */
export const FINAL_STATES: readonly ScanState[] = ['completed', 'completed_with_errors', 'failed', 'cancelled'];

const Name = Type.String({ pattern: '^[a-z0-9_.-]+$', minLength: 1, maxLength: 128 });
const list = (item: ReturnType<typeof Type.String>, description: string) => Type.Optional(Type.Array(item, { minItems: 1, maxItems: 500, uniqueItems: true, description }));

export const ScanScope = Type.Object(
  {
    regions: list(Type.String({ pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$', maxLength: 32 }), 'Regions to scan; default every enabled region.'),
    services: list(Name, 'Services (e.g. ec2, s3); default all.'),
    checks: list(Name, 'Check ids; default all.'),
    severities: list(Type.String({ enum: ['critical', 'high', 'medium', 'low', 'informational'], maxLength: 16 }), 'Severities of the checks to run.'),
    compliance: list(Name, 'Compliance framework ids: only their checks run.'),
  },
  { additionalProperties: false },
);
export type ScanScopeInput = Static<typeof ScanScope>;

export const CreateScanBody = Type.Object(
  {
    providerId: Uuid,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    scope: Type.Optional(ScanScope),
  },
  { additionalProperties: false },
);
export type CreateScanInput = Static<typeof CreateScanBody>;

export const CreateScanQuery = Type.Object(
  { queue: Type.Optional(Type.Boolean({ description: 'Queue the scan when the account already has an active one, instead of answering 409.' })) },
  { additionalProperties: false },
);

export const UpdateScanBody = Type.Object(
  {
    name: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
    cancel: Type.Optional(Type.Literal(true, { description: 'Request cancellation; a running scan stops within seconds.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateScanInput = Static<typeof UpdateScanBody>;

export const ListScansQuery = Type.Object(
  {
    providerId: Type.Optional(Uuid),
    state: Type.Optional(Type.Array(Type.String({ enum: [...SCAN_STATES], maxLength: 32 }), { maxItems: 7 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const Counts = Type.Object(
  {
    status: Type.Record(Type.String(), Type.Integer(), { description: 'Findings by status (PASS, FAIL, MANUAL, ERROR).' }),
    severity: Type.Record(Type.String(), Type.Integer(), { description: 'FAIL findings (muted ones included) by severity.' }),
  },
  { description: 'Finding counts so far.' },
);
const Progress = Type.Object({ unitsDone: Type.Integer(), unitsTotal: Type.Integer() }, { description: 'Work units done / total: collectors × regions of every account, plus one evaluation step per account.' });
const Time = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const Scan = Type.Object({
  id: Uuid,
  providerId: Uuid,
  name: Type.Union([Type.String(), Type.Null()]),
  state: Type.String({ enum: [...SCAN_STATES] }),
  trigger: Type.String(),
  scope: ScanScope,
  progress: Progress,
  counts: Counts,
  resourceCount: Type.Integer(),
  findingCount: Type.Integer(),
  apiCalls: Type.Integer(),
  errorCount: Type.Integer(),
  failureReason: Type.Union([Type.String(), Type.Null()]),
  cancelRequestedAt: Time,
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Time,
  finishedAt: Time,
  durationMs: Type.Union([Type.Integer(), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type ScanDto = Static<typeof Scan>;

/** The state of a scan's account or unit. */
const WorkState = Type.Union([
  Type.Literal('pending'),
  Type.Literal('running'),
  Type.Literal('completed'),
  Type.Literal('completed_with_errors'),
  Type.Literal('failed'),
  Type.Literal('cancelled'),
]);

/** What an account and a unit report alike: progress, figures, why it failed, when it ran. */
const workOutcome = {
  progress: Progress,
  resourceCount: Type.Integer(),
  findingCount: Type.Integer(),
  apiCalls: Type.Integer(),
  errorCount: Type.Integer(),
  failureReason: Type.Union([Type.String(), Type.Null()]),
  startedAt: Time,
  finishedAt: Time,
};

/** One cloud account of a scan (an AWS account's scan has one; an organization's, one per account). */
export const ScanAccount = Type.Object({
  accountId: Type.String(),
  state: WorkState,
  attempt: Type.Integer({ description: "Deliveries of the account's preparation job so far (its units count their own attempts: GET /scans/{id}/units)." }),
  counts: Counts,
  ...workOutcome,
});
export const ScanAccounts = Type.Object({ items: Type.Array(ScanAccount) });

/** One unit of a scan's account: the collectors of one service in one region (or of a global service), or the account's evaluation step (unit 0). */
export const ScanUnit = Type.Object({
  accountId: Type.String(),
  unit: Type.Integer({ description: "The unit's number in its account: 0 is the account's evaluation step (checks that read other resources), 1… the collection units." }),
  kind: Type.Union([Type.Literal('collect'), Type.Literal('evaluate')]),
  region: Type.String({ description: '`global` for a global service, `account` for the evaluation step.' }),
  service: Type.String(),
  state: WorkState,
  attempt: Type.Integer({ description: "Attempts of the unit's job so far (a retry replaces the earlier attempt's findings)." }),
  ...workOutcome,
});
export const ScanUnitPage = Type.Object({ items: Type.Array(ScanUnit), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const ListScanUnitsQuery = Type.Object(
  {
    accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    state: Type.Optional(Type.Array(Type.String({ enum: [...UNIT_STATES], maxLength: 32 }), { maxItems: 6 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    cursor: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type ListScanUnitsInput = Static<typeof ListScanUnitsQuery>;

export const ScanPage = Type.Object({ items: Type.Array(Scan), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const ScanStatus = Type.Object({
  state: Type.String({ enum: [...SCAN_STATES] }),
  progress: Progress,
  counts: Counts,
  updatedAt: Type.String({ format: 'date-time' }),
});
export type ScanStatusDto = Static<typeof ScanStatus>;

export const EventsHeaders = Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', maxLength: 18 })) });
export const StatusHeaders = Type.Object({ 'if-none-match': Type.Optional(Type.String({ maxLength: 200 })) });
