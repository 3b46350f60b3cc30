import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Db } from './database.ts';
import { DbError } from './errors.ts';
import type { JsonObject, ScansTable } from './schema.ts';
import { isUuid } from './tenancy.ts';

/** A stored scan. */
export type ScanRow = Selectable<ScansTable>;

/** States in which a scan holds its cloud account's lock (at most one per provider). */
export const ACTIVE_SCAN_STATES = ['pending', 'running'] as const;

/** What {@link createScan} did: created the scan, or found the account busy. */
export type CreateScanResult = { created: true; scan: ScanRow } | { created: false; activeScanId: string };

/**
 * Creates a scan of a cloud account in the caller's tenant transaction. The
 * database is the lock: a partial unique index allows one active (pending or
 * running) scan per provider, so when one exists nothing is inserted and its id is
 * returned (the API answers 409 with it). With `queue`, a busy account's scan is
 * stored as `queued` instead, outside the lock (an idle account's scan is `pending`
 * at once); the worker promotes it to `pending` when the active scan ends (an UPDATE
 * that fails on the same index if another got there first).
 *
 * @throws DbError `DB_NOT_FOUND` when the provider is not visible to the tenant.
 */
export async function createScan(
  trx: Db,
  input: {
    providerId: string;
    name?: string | null;
    scope?: JsonObject;
    trigger?: ScanRow['trigger'];
    createdBy?: string | null;
    queue?: boolean;
  },
): Promise<CreateScanResult> {
  const provider = isUuid(input.providerId)
    ? await trx.selectFrom('providers').select(['id', 'tenant_id']).where('id', '=', input.providerId).executeTakeFirst()
    : undefined;
  if (!provider) throw new DbError('DB_NOT_FOUND', `provider "${input.providerId}" not found`);
  const values = {
    tenant_id: provider.tenant_id,
    provider_id: provider.id,
    name: input.name ?? null,
    scope: JSON.stringify(input.scope ?? {}),
    trigger: input.trigger ?? 'manual',
    created_by: input.createdBy ?? null,
    state: 'pending' as const,
  };
  // A queued scan keeps its turn: a new one queues behind it even when the account is idle for a moment.
  if (input.queue) {
    const waiting = await trx.selectFrom('scans').select('id').where('provider_id', '=', provider.id).where('state', '=', 'queued').executeTakeFirst();
    if (waiting) {
      const queued = await trx.insertInto('scans').values({ ...values, state: 'queued' }).returningAll().executeTakeFirstOrThrow();
      return { created: true, scan: queued };
    }
  }
  // Between a conflicting insert and the read of the active scan, that scan may end:
  // then the insert can succeed, so try again (a few times at most).
  for (let attempt = 0; attempt < 3; attempt++) {
    const scan = await trx
      .insertInto('scans')
      .values(values)
      .onConflict((oc) =>
        oc
          .column('provider_id')
          .where(sql.ref('state'), 'in', [...ACTIVE_SCAN_STATES])
          .doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
    if (scan) return { created: true, scan };
    if (input.queue) {
      const queued = await trx.insertInto('scans').values({ ...values, state: 'queued' }).returningAll().executeTakeFirstOrThrow();
      return { created: true, scan: queued };
    }
    const active = await trx
      .selectFrom('scans')
      .select('id')
      .where('provider_id', '=', provider.id)
      .where('state', 'in', [...ACTIVE_SCAN_STATES])
      .executeTakeFirst();
    if (active) return { created: false, activeScanId: active.id };
  }
  throw new DbError('DB_SCAN_CONFLICT', `could not create a scan of provider "${provider.id}": its active scan keeps changing; retry`);
}
