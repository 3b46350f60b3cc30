import { sqlState } from '@vigil/db';
import { sql } from 'kysely';
import type { ScanRow, Tx } from '@vigil/db';
import type { ScanDto, ScanScopeInput, ScanState, ScanStatusDto } from './scans.schemas.ts';

/** Counts as kept in `scans.counts`: findings by status, FAIL findings by severity. */
export interface ScanCounts {
  status: Record<string, number>;
  severity: Record<string, number>;
}

export function countsOf(row: Pick<ScanRow, 'counts'>): ScanCounts {
  return { status: row.counts?.status ?? {}, severity: row.counts?.severity ?? {} };
}

export function scanToDto(r: ScanRow): ScanDto {
  const end = r.finished_at ?? null;
  return {
    id: r.id,
    providerId: r.provider_id,
    name: r.name,
    state: r.state,
    trigger: r.trigger,
    scope: r.scope as ScanScopeInput,
    progress: { unitsDone: r.progress_done, unitsTotal: r.progress_total },
    counts: countsOf(r),
    resourceCount: r.resource_count,
    findingCount: r.finding_count,
    apiCalls: Number(r.api_calls),
    errorCount: r.error_count,
    failureReason: r.failure_reason,
    cancelRequestedAt: r.cancel_requested_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: end?.toISOString() ?? null,
    durationMs: r.started_at && end ? end.getTime() - r.started_at.getTime() : null,
    updatedAt: r.updated_at.toISOString(),
  };
}

export function scanToStatus(r: ScanRow): ScanStatusDto {
  return {
    state: r.state,
    progress: { unitsDone: r.progress_done, unitsTotal: r.progress_total },
    counts: countsOf(r),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Event types in `scan_events`: `state` (every transition; the last one is final) and `progress`. */
export type ScanEventType = 'state' | 'progress';

export async function appendScanEvent(trx: Tx, scan: Pick<ScanRow, 'id' | 'tenant_id'>, type: ScanEventType, payload: Record<string, unknown>): Promise<void> {
  await trx.insertInto('scan_events').values({ tenant_id: scan.tenant_id, scan_id: scan.id, type, payload: JSON.stringify(payload) }).execute();
}

/** The payload of a `state` event. */
export function stateEvent(r: ScanRow, state: ScanState = r.state): Record<string, unknown> {
  return { ...scanToStatus(r), state, failureReason: r.failure_reason };
}

/**
 * Promotes the oldest `queued` scan of a provider to `pending` when the provider has
 * no active scan. Returns the promoted scan, or undefined (nothing queued, or the
 * provider is busy: the unique index refuses a second active scan). Runs in a
 * savepoint so that a lost race does not abort the caller's transaction.
 */
export async function promoteQueued(trx: Tx, providerId: string): Promise<ScanRow | undefined> {
  const next = await trx
    .selectFrom('scans')
    .select('id')
    .where('provider_id', '=', providerId)
    .where('state', '=', 'queued')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!next) return undefined;
  await sql`savepoint vigil_promote`.execute(trx);
  try {
    const row = await trx
      .updateTable('scans')
      .set({ state: 'pending', updated_at: new Date() })
      .where('id', '=', next.id)
      .where('state', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    await sql`release savepoint vigil_promote`.execute(trx);
    if (row) await appendScanEvent(trx, row, 'state', stateEvent(row));
    return row;
  } catch (err) {
    await sql`rollback to savepoint vigil_promote`.execute(trx);
    if (sqlState(err) === '23505') return undefined;
    throw err;
  }
}
