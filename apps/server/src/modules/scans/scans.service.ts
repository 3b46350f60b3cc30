import { createScan, isUuid, withTenant } from '@vigil/db';
import type { Db, ScanRow, Tx } from '@vigil/db';
import { UsageError } from '@vigil/engine';
import { ApiError, notFound } from '../../errors.ts';
import type { ScanQueue } from '../../worker/queue.ts';
import { newestFirstPage } from '../../pagination.ts';
import { appendScanEvent, promoteQueued, scanToDto, stateEvent } from './scans.repo.ts';
import { resolveScope, tenantCatalogue } from './scans.scope.ts';
import { loadCheckOverrides, loadCustomChecks } from '../checks/checks.repo.ts';
import { FINAL_STATES } from './scans.schemas.ts';
import type { CreateScanInput, ListScanUnitsInput, ScanAccount, ScanDto, ScanState, ScanUnitPage, UNIT_STATES, UpdateScanInput } from './scans.schemas.ts';
import type { Static } from '@fastify/type-provider-typebox';

export interface ScansServiceDeps {
  db: Db;
  /** Where new scans are handed over after commit; without one they stay pending. */
  scanQueue?: ScanQueue;
}

/** One stored scan event, as streamed by `GET /scans/{id}/events`. */
export interface StoredScanEvent {
  id: number;
  type: string;
  payload: unknown;
}

const isFinal = (state: string) => (FINAL_STATES as readonly string[]).includes(state);

/** The figures an account's and a unit's rows share, as the API shows them. */
function workOutcomeOf(r: {
  progress_done: number;
  progress_total: number;
  resource_count: number;
  finding_count: number;
  api_calls: number | string | bigint;
  error_count: number;
  failure_reason: string | null;
  started_at: Date | null;
  finished_at: Date | null;
}) {
  return {
    progress: { unitsDone: r.progress_done, unitsTotal: r.progress_total },
    resourceCount: r.resource_count,
    findingCount: r.finding_count,
    apiCalls: Number(r.api_calls),
    errorCount: r.error_count,
    failureReason: r.failure_reason,
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

function decodeUnitCursor(cursor: string): { account: string; unit: number } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && Number.isInteger(v[1])) return { account: v[0], unit: v[1] as number };
  } catch {
    // reported below
  }
  throw new ApiError('BAD_REQUEST', `cursor "${cursor.slice(0, 64)}" is not a cursor of the units list: pass the nextCursor of the previous page.`);
}

/** Scans of a tenant's cloud accounts: creation (with the one-active-scan lock), listing, cancel, deletion, live status. */
export function createScansService(deps: ScansServiceDeps) {
  const find = async (trx: Tx, id: string): Promise<ScanRow> => {
    const row = await trx.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Scan', id);
    return row;
  };
  const enqueue = async (row: ScanRow | undefined) => {
    if (row?.state === 'pending') await deps.scanQueue?.enqueue({ kind: 'scan', scanId: row.id, tenantId: row.tenant_id });
  };

  return {
    async create(tenantId: string, userId: string | null, input: CreateScanInput, queue: boolean): Promise<ScanDto> {
      const scope = input.scope ?? {};
      const row = await withTenant(deps.db, tenantId, async (trx) => {
        // Validate against the tenant's catalogue: its custom checks are valid names too.
        try {
          resolveScope(scope, tenantCatalogue(await loadCheckOverrides(trx), await loadCustomChecks(trx)));
        } catch (err) {
          if (err instanceof UsageError) throw new ApiError('BAD_REQUEST', err.message, { field: 'scope' });
          throw err;
        }
        const provider = await trx.selectFrom('providers').select('id').where('id', '=', input.providerId).executeTakeFirst();
        if (!provider) throw notFound('Provider', input.providerId);
        const result = await createScan(trx, { providerId: provider.id, name: input.name ?? null, scope, createdBy: userId, queue });
        if (!result.created) {
          throw new ApiError(
            'CONFLICT',
            `Provider ${input.providerId} already has an active scan ${result.activeScanId}: wait for it, cancel it, or retry with ?queue=true.`,
            { activeScanId: result.activeScanId },
          );
        }
        await appendScanEvent(trx, result.scan, 'state', stateEvent(result.scan));
        return result.scan;
      });
      await enqueue(row);
      return scanToDto(row);
    },

    async list(
      tenantId: string,
      q: { providerId?: string; state?: string[]; limit?: number; cursor?: string },
    ): Promise<{ items: ScanDto[]; nextCursor: string | null }> {
      const limit = q.limit ?? 50;
      return withTenant(deps.db, tenantId, async (trx) => {
        let query = trx.selectFrom('scans').selectAll();
        if (q.providerId) query = query.where('provider_id', '=', q.providerId);
        if (q.state?.length) query = query.where('state', 'in', q.state as ScanState[]);
        return newestFirstPage(query, { limit, cursor: q.cursor, toDto: scanToDto });
      });
    },

    async getRow(tenantId: string, id: string): Promise<ScanRow> {
      return withTenant(deps.db, tenantId, (trx) => find(trx, id));
    },

    async update(tenantId: string, id: string, input: UpdateScanInput): Promise<ScanDto> {
      const { row, promoted, finalizeNow } = await withTenant(deps.db, tenantId, async (trx) => {
        const current = await find(trx, id);
        let promotedRow: ScanRow | undefined;
        const set: Partial<Record<string, unknown>> = { updated_at: new Date() };
        if (input.name !== undefined) set.name = input.name;
        if (input.cancel) {
          if (isFinal(current.state)) {
            throw new ApiError('CONFLICT', `Scan ${id} already ended (${current.state}); there is nothing to cancel.`, { state: current.state });
          }
          set.cancel_requested_at = current.cancel_requested_at ?? new Date();
          // A scan no worker has claimed yet ends here; a running one is stopped by its worker within seconds.
          if (current.state === 'queued' || current.state === 'pending') {
            set.state = 'cancelled';
            set.finished_at = new Date();
            set.failure_reason = 'Cancelled before it started.';
          }
        }
        const updated = await trx.updateTable('scans').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
        if (updated.state !== current.state) {
          await appendScanEvent(trx, updated, 'state', stateEvent(updated));
          if (current.state === 'pending') promotedRow = await promoteQueued(trx, updated.provider_id);
        }
        let finalizeNow = false;
        if (input.cancel && updated.state === 'running') {
          // Units and accounts no worker has started end here (their queued jobs are
          // discarded below); running ones stop within seconds and finalize the scan.
          await trx
            .updateTable('scan_units')
            .set({ state: 'cancelled', failure_reason: 'Cancelled on request.', finished_at: new Date(), updated_at: new Date() })
            .where('scan_id', '=', id)
            .where('unit_no', '>', 0)
            .where('state', '=', 'pending')
            .execute();
          await trx
            .updateTable('scan_accounts')
            .set({ state: 'cancelled', failure_reason: 'Cancelled on request.', finished_at: new Date(), updated_at: new Date() })
            .where('scan_id', '=', id)
            .where((eb) =>
              eb.or([
                eb('state', '=', 'pending'),
                // Prepared, with no unit running any more: nothing is left to stop it.
                eb.and([
                  eb('state', '=', 'running'),
                  eb.exists(eb.selectFrom('scan_units as u').select('u.unit_no').whereRef('u.scan_id', '=', 'scan_accounts.scan_id').whereRef('u.account_id', '=', 'scan_accounts.account_id')),
                  eb.not(
                    eb.exists(
                      eb
                        .selectFrom('scan_units as u')
                        .select('u.unit_no')
                        .whereRef('u.scan_id', '=', 'scan_accounts.scan_id')
                        .whereRef('u.account_id', '=', 'scan_accounts.account_id')
                        .where('u.state', '=', 'running'),
                    ),
                  ),
                ]),
              ]),
            )
            .execute();
          const accounts = await trx.selectFrom('scan_accounts').select('state').where('scan_id', '=', id).execute();
          finalizeNow = accounts.length > 0 && accounts.every((a) => a.state !== 'running');
        }
        return { row: updated, promoted: promotedRow, finalizeNow };
      });
      if (input.cancel && row.state === 'running') {
        await deps.scanQueue?.discard(id);
        if (finalizeNow) await deps.scanQueue?.enqueue({ kind: 'finalize', scanId: id, tenantId });
      }
      await enqueue(promoted);
      return scanToDto(row);
    },

    async remove(tenantId: string, id: string): Promise<void> {
      await withTenant(deps.db, tenantId, async (trx) => {
        const current = await find(trx, id);
        if (!isFinal(current.state)) {
          throw new ApiError('CONFLICT', `Scan ${id} is ${current.state}: cancel it first (PATCH {"cancel": true}), then delete it.`, { state: current.state });
        }
        // Name the partition key so only the scan's month is touched.
        await trx.deleteFrom('findings').where('scan_id', '=', id).where('scan_created_at', '=', current.created_at).execute();
        await trx.deleteFrom('scans').where('id', '=', id).execute();
      });
    },

    /** The scan's accounts, in account order; 404 for a scan the tenant cannot see. */
    async accounts(tenantId: string, id: string): Promise<Static<typeof ScanAccount>[]> {
      if (!isUuid(id)) throw notFound('Scan', id);
      return withTenant(deps.db, tenantId, async (trx) => {
        await find(trx, id);
        const rows = await trx.selectFrom('scan_accounts').selectAll().where('scan_id', '=', id).orderBy('account_id').execute();
        return rows.map((r) => ({
          accountId: r.account_id,
          state: r.state,
          attempt: r.attempt,
          counts: { status: {}, severity: {}, ...(r.counts as object) } as Static<typeof ScanAccount>['counts'],
          ...workOutcomeOf(r),
        }));
      });
    },

    /**
     * The scan's units, ordered by account then unit number, a keyset page at a time
     * (an organization's scan has thousands); 404 for a scan the tenant cannot see.
     */
    async units(tenantId: string, id: string, q: ListScanUnitsInput): Promise<Static<typeof ScanUnitPage>> {
      if (!isUuid(id)) throw notFound('Scan', id);
      const limit = q.limit ?? 100;
      const after = q.cursor === undefined ? undefined : decodeUnitCursor(q.cursor);
      return withTenant(deps.db, tenantId, async (trx) => {
        await find(trx, id);
        let query = trx
          .selectFrom('scan_units')
          .select(['account_id', 'unit_no', 'region', 'service', 'state', 'attempt', 'progress_done', 'progress_total', 'resource_count', 'finding_count', 'api_calls', 'error_count', 'failure_reason', 'started_at', 'finished_at'])
          .where('scan_id', '=', id)
          .orderBy('account_id')
          .orderBy('unit_no')
          .limit(limit + 1);
        if (q.accountId !== undefined) query = query.where('account_id', '=', q.accountId);
        if (q.state?.length) query = query.where('state', 'in', q.state as (typeof UNIT_STATES)[number][]);
        if (after) query = query.where((eb) => eb.or([eb('account_id', '>', after.account), eb.and([eb('account_id', '=', after.account), eb('unit_no', '>', after.unit)])]));
        const rows = await query.execute();
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          items: page.map((r) => ({
            accountId: r.account_id,
            unit: r.unit_no,
            kind: r.unit_no === 0 ? ('evaluate' as const) : ('collect' as const),
            region: r.region,
            service: r.service,
            state: r.state,
            attempt: r.attempt,
            ...workOutcomeOf(r),
          })),
          nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.account_id, last.unit_no])).toString('base64url') : null,
        };
      });
    },

    /** Events after `afterId` (at most `limit`), and the scan's state; 404 for a scan the tenant cannot see. */
    async events(tenantId: string, id: string, afterId: number, limit = 200): Promise<{ state: string; events: StoredScanEvent[] }> {
      if (!isUuid(id)) throw notFound('Scan', id);
      return withTenant(deps.db, tenantId, async (trx) => {
        const scan = await trx.selectFrom('scans').select('state').where('id', '=', id).executeTakeFirst();
        if (!scan) throw notFound('Scan', id);
        const rows = await trx
          .selectFrom('scan_events')
          .select(['id', 'type', 'payload'])
          .where('scan_id', '=', id)
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(limit)
          .execute();
        return { state: scan.state, events: rows.map((r) => ({ id: Number(r.id), type: r.type, payload: r.payload })) };
      });
    },
  };
}

export type ScansService = ReturnType<typeof createScansService>;
