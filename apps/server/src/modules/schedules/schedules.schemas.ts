import { Type } from '@fastify/type-provider-typebox';
import type { Static } from '@fastify/type-provider-typebox';
import { Uuid } from '../providers/providers.schemas.ts';
import { ScanScope } from '../scans/scans.schemas.ts';

export { IdParams } from '../providers/providers.schemas.ts';

/** What the last run of a schedule did. */
export const SCHEDULE_OUTCOMES = ['started', 'queued', 'skipped', 'error'] as const;
export type ScheduleOutcome = (typeof SCHEDULE_OUTCOMES)[number];

const Name = Type.String({ minLength: 1, maxLength: 200 });
const CronExpression = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'Five cron fields (minute hour day-of-month month day-of-week) or a nickname (@hourly, @daily, @weekly, @monthly, @yearly), read in timeZone, e.g. 0 3 * * * or 30 6 * * MON-FRI.',
});
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone of the cron expression, e.g. Europe/Paris. Default UTC.' });

export const CreateScheduleBody = Type.Object(
  {
    providerId: Uuid,
    name: Name,
    cron: CronExpression,
    timeZone: Type.Optional(TimeZone),
    scope: Type.Optional(ScanScope),
    enabled: Type.Optional(Type.Boolean({ description: 'Default true.' })),
  },
  { additionalProperties: false },
);
export type CreateScheduleInput = Static<typeof CreateScheduleBody>;

export const UpdateScheduleBody = Type.Object(
  {
    providerId: Type.Optional(Uuid),
    name: Type.Optional(Name),
    cron: Type.Optional(CronExpression),
    timeZone: Type.Optional(TimeZone),
    scope: Type.Optional(ScanScope),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateScheduleInput = Static<typeof UpdateScheduleBody>;

export const ListSchedulesQuery = Type.Object(
  {
    providerId: Type.Optional(Uuid),
    enabled: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ListSchedulesInput = Static<typeof ListSchedulesQuery>;

const LastRun = Type.Union(
  [
    Type.Object({
      at: Type.String({ format: 'date-time' }),
      outcome: Type.Union([Type.String({ enum: [...SCHEDULE_OUTCOMES] }), Type.Null()], {
        description: 'started: a scan started; queued: a scan waits for the account\'s active scan; skipped: the previous run\'s scan was still queued and covers this run; error: no scan (see error). Null while the run is being started.',
      }),
      scanId: Type.Union([Uuid, Type.Null()], { description: 'The scan of the last run (null when none was created or it was deleted).' }),
      error: Type.Union([Type.String(), Type.Null()]),
    }),
    Type.Null(),
  ],
  { description: 'The last run, or null when the schedule never ran.' },
);

export const Schedule = Type.Object({
  id: Uuid,
  providerId: Uuid,
  name: Type.String(),
  cron: Type.String(),
  timeZone: Type.String(),
  scope: ScanScope,
  enabled: Type.Boolean(),
  nextRunAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description:
      'When the scheduler fires next (null while disabled); a time in the past means the run is due and starts shortly: on the next pass of the database poller (every 15 s) without Redis; with Redis (BullMQ), from its job, or within about two minutes if no job fired it.',
  }),
  nextRuns: Type.Array(Type.String({ format: 'date-time' }), { description: 'The next five occurrences after now, in UTC (empty while disabled).' }),
  lastRun: LastRun,
  createdBy: Type.Union([Uuid, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type ScheduleDto = Static<typeof Schedule>;

export const SchedulePage = Type.Object({ items: Type.Array(Schedule), nextCursor: Type.Union([Type.String(), Type.Null()]) });
