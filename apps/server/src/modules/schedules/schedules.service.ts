import { withTenant } from '@vigil/db';
import type { Db, Tx } from '@vigil/db';
import { UsageError } from '@vigil/engine';
import { ApiError, notFound } from '../../errors.ts';
import { newestFirstPage } from '../../pagination.ts';
import { loadCheckOverrides, loadCustomChecks } from '../checks/checks.repo.ts';
import type { ScanScopeInput } from '../scans/scans.schemas.ts';
import { resolveScope, tenantCatalogue } from '../scans/scans.scope.ts';
import { checkCron, nextOccurrence, normalizeCron } from './schedules.cron.ts';
import type { ScheduleMirrorDeps } from './schedules.mirror.ts';
import { findSchedule, scheduleToDto } from './schedules.repo.ts';
import type { ScheduleRow } from './schedules.repo.ts';
import type { CreateScheduleInput, ListSchedulesInput, ScheduleDto, UpdateScheduleInput } from './schedules.schemas.ts';

export interface SchedulesServiceDeps extends ScheduleMirrorDeps {
  db: Db;
  /** The clock: next runs are computed from it. */
  now: () => Date;
}

/** Resolves a scope against the tenant's catalogue exactly as scan creation does. */
async function checkScope(trx: Tx, scope: ScanScopeInput): Promise<void> {
  try {
    resolveScope(scope, tenantCatalogue(await loadCheckOverrides(trx), await loadCustomChecks(trx)));
  } catch (err) {
    if (err instanceof UsageError) throw new ApiError('BAD_REQUEST', err.message, { field: 'scope' });
    throw err;
  }
}

async function checkProvider(trx: Tx, providerId: string): Promise<void> {
  const provider = await trx.selectFrom('providers').select('id').where('id', '=', providerId).executeTakeFirst();
  if (!provider) throw notFound('Provider', providerId);
}

function firstRunAfter(cron: string, timeZone: string, now: Date): Date {
  const next = nextOccurrence(cron, timeZone, now);
  // checkCron refused expressions without a future occurrence.
  if (!next) throw new ApiError('VALIDATION', `Invalid body/cron "${cron}": it has no occurrence after ${now.toISOString()}.`, { field: 'cron' });
  return next;
}

/**
 * Scan schedules of a tenant: CRUD; the scheduler (src/scheduler) fires them. With a
 * `scheduleMirror` (BullMQ mode), each committed change that affects when a schedule
 * fires is passed on to it; a mirror never fails the call.
 */
export function createSchedulesService(deps: SchedulesServiceDeps) {
  // After the commit, so a job scheduler never exists for a row that was rolled back.
  const mirrorSaved = async (row: ScheduleRow) => {
    await deps.scheduleMirror?.saved(row).catch(() => undefined);
  };
  return {
    async create(tenantId: string, userId: string | null, input: CreateScheduleInput): Promise<ScheduleDto> {
      const now = deps.now();
      const cron = normalizeCron(input.cron);
      const timeZone = input.timeZone ?? 'UTC';
      checkCron(cron, timeZone, now);
      const enabled = input.enabled ?? true;
      const scope = input.scope ?? {};
      const row = await withTenant(deps.db, tenantId, async (trx) => {
        await checkScope(trx, scope);
        await checkProvider(trx, input.providerId);
        return trx
          .insertInto('schedules')
          .values({
            tenant_id: tenantId,
            provider_id: input.providerId,
            name: input.name,
            cron,
            time_zone: timeZone,
            scope: JSON.stringify(scope),
            enabled,
            next_run_at: enabled ? firstRunAfter(cron, timeZone, now) : null,
            created_by: userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      });
      if (row.enabled) await mirrorSaved(row);
      return scheduleToDto(row, now);
    },

    async list(tenantId: string, q: ListSchedulesInput): Promise<{ items: ScheduleDto[]; nextCursor: string | null }> {
      const now = deps.now();
      return withTenant(deps.db, tenantId, async (trx) => {
        let query = trx.selectFrom('schedules').selectAll();
        if (q.providerId) query = query.where('provider_id', '=', q.providerId);
        if (q.enabled !== undefined) query = query.where('enabled', '=', q.enabled);
        return newestFirstPage(query, { limit: q.limit ?? 50, cursor: q.cursor, toDto: (r) => scheduleToDto(r, now) });
      });
    },

    async get(tenantId: string, id: string): Promise<ScheduleDto> {
      const now = deps.now();
      return withTenant(deps.db, tenantId, async (trx) => scheduleToDto(await findSchedule(trx, id), now));
    },

    /**
     * Changes a schedule. A new expression or time zone, or enabling it, computes the
     * next run from now (missed occurrences are not caught up); disabling clears it.
     */
    async update(tenantId: string, id: string, input: UpdateScheduleInput): Promise<ScheduleDto> {
      const now = deps.now();
      const { row, timingChanged } = await withTenant(deps.db, tenantId, async (trx) => {
        const current = await findSchedule(trx, id);
        const cron = input.cron !== undefined ? normalizeCron(input.cron) : current.cron;
        const timeZone = input.timeZone ?? current.time_zone;
        const enabled = input.enabled ?? current.enabled;
        const timingChanged = cron !== current.cron || timeZone !== current.time_zone || enabled !== current.enabled;
        if (input.cron !== undefined || input.timeZone !== undefined) checkCron(cron, timeZone, now);
        if (input.scope !== undefined) await checkScope(trx, input.scope);
        if (input.providerId !== undefined) await checkProvider(trx, input.providerId);
        let nextRunAt = current.next_run_at;
        if (!enabled) nextRunAt = null;
        else if (timingChanged || !nextRunAt) nextRunAt = firstRunAfter(cron, timeZone, now);
        const updated = await trx
          .updateTable('schedules')
          .set({
            ...(input.providerId !== undefined ? { provider_id: input.providerId } : {}),
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.scope !== undefined ? { scope: JSON.stringify(input.scope) } : {}),
            cron,
            time_zone: timeZone,
            enabled,
            next_run_at: nextRunAt,
            updated_at: new Date(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return { row: updated, timingChanged };
      });
      // A name, scope or provider change leaves the job scheduler (and its pending run) alone.
      if (timingChanged || !row.enabled) await mirrorSaved(row);
      return scheduleToDto(row, now);
    },

    async remove(tenantId: string, id: string): Promise<void> {
      await withTenant(deps.db, tenantId, async (trx) => {
        const r = await trx.deleteFrom('schedules').where('id', '=', id).executeTakeFirst();
        if (Number(r.numDeletedRows) === 0) throw notFound('Schedule', id);
      });
      await deps.scheduleMirror?.deleted(id).catch(() => undefined);
    },
  };
}

export type SchedulesService = ReturnType<typeof createSchedulesService>;
