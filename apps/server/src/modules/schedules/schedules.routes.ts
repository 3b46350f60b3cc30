import { Type } from '@fastify/type-provider-typebox';
import { requireRole } from '../../auth.ts';
import type { App, AppDeps } from '../../context.ts';
import { createSchedulesService } from './schedules.service.ts';
import { CreateScheduleBody, IdParams, ListSchedulesQuery, Schedule, SchedulePage, UpdateScheduleBody } from './schedules.schemas.ts';

const tags = ['schedules'];

/** `/schedules`: recurring scans of a cloud account (cron expression in a time zone). Any role reads; admin and owner write. */
export async function schedulesRoutes(app: App, deps: AppDeps): Promise<void> {
  const service = createSchedulesService(deps);

  app.post(
    '/schedules',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags,
        summary: 'Create a scan schedule',
        description: 'Validates the cron expression (five fields or a nickname), the time zone (IANA) and the scope (like POST /scans). The response lists the next five runs in UTC.',
        body: CreateScheduleBody,
        response: { 201: Schedule },
      },
    },
    async (request, reply) => {
      const schedule = await service.create(request.auth.tenantId, request.auth.userId, request.body);
      return reply.status(201).header('location', `/api/v1/schedules/${schedule.id}`).send(schedule);
    },
  );

  app.get(
    '/schedules',
    { schema: { tags, summary: 'List scan schedules', querystring: ListSchedulesQuery, response: { 200: SchedulePage } } },
    async (request) => service.list(request.auth.tenantId, request.query),
  );

  app.get(
    '/schedules/:id',
    { schema: { tags, summary: 'Retrieve a scan schedule with its next runs and last run', params: IdParams, response: { 200: Schedule } } },
    async (request) => service.get(request.auth.tenantId, request.params.id),
  );

  app.patch(
    '/schedules/:id',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags,
        summary: 'Change, enable or disable a scan schedule',
        description: 'A new cron expression or time zone, or enabling, computes the next run from now: missed occurrences are not caught up.',
        params: IdParams,
        body: UpdateScheduleBody,
        response: { 200: Schedule },
      },
    },
    async (request) => service.update(request.auth.tenantId, request.params.id, request.body),
  );

  app.delete(
    '/schedules/:id',
    {
      preHandler: requireRole('admin'),
      schema: { tags, summary: 'Delete a scan schedule (its scans stay)', params: IdParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await service.remove(request.auth.tenantId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
