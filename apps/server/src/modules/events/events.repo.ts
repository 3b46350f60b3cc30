import type { Tx } from '@vigil/db';
import type { Selectable } from 'kysely';
import type { EventRescansTable, EventSecretsTable } from '@vigil/db';
import { sql } from 'kysely';

export type EventSecretRow = Selectable<EventSecretsTable>;
export type RescanRow = Selectable<EventRescansTable>;

/**
 * Records an event id; false when the tenant already received it (a redelivery).
 * Runs in the tenant's transaction.
 */
export async function recordEvent(
  trx: Tx,
  e: { tenantId: string; eventId: string; accountId: string | null; eventSource: string | null; eventName: string | null; outcome: 'accepted' | 'ignored'; reason: string | null },
): Promise<boolean> {
  const row = await trx
    .insertInto('cloud_events')
    .values({
      tenant_id: e.tenantId,
      event_id: e.eventId,
      account_id: e.accountId,
      event_source: e.eventSource,
      event_name: e.eventName,
      outcome: e.outcome,
      reason: e.reason,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The tenant's provider of an account id: its AWS provider, else the organization whose
 * management account it is, else the organization whose latest scan covered it as a
 * member account.
 */
export async function providerForAccount(trx: Tx, accountId: string): Promise<string | undefined> {
  const own = await trx
    .selectFrom('providers')
    .select('id')
    .where('account_id', '=', accountId)
    .orderBy(sql`kind = 'aws'`, 'desc')
    .executeTakeFirst();
  if (own) return own.id;
  const member = await trx
    .selectFrom('scan_accounts as a')
    .innerJoin('scans as s', 's.id', 'a.scan_id')
    .innerJoin('providers as p', 'p.id', 's.provider_id')
    .select('p.id')
    .where('a.account_id', '=', accountId)
    .where('p.kind', '=', 'organization')
    .orderBy('s.created_at', 'desc')
    .executeTakeFirst();
  return member?.id;
}

/**
 * Adds an event to the pending rescan of one resource: a new row, or one more event on
 * the existing row (its debounce starts again from this event).
 */
export async function upsertRescan(
  trx: Tx,
  r: { tenantId: string; providerId: string; accountId: string; resourceType: string; resourceRef: string; region: string; eventId: string },
): Promise<void> {
  await trx
    .insertInto('event_rescans')
    .values({
      tenant_id: r.tenantId,
      provider_id: r.providerId,
      account_id: r.accountId,
      resource_type: r.resourceType,
      resource_ref: r.resourceRef,
      region: r.region,
      last_event_id: r.eventId,
    })
    .onConflict((oc) =>
      oc.columns(['provider_id', 'account_id', 'resource_type', 'resource_ref']).doUpdateSet({
        event_count: sql<number>`event_rescans.event_count + 1`,
        last_event_id: (eb) => eb.ref('excluded.last_event_id'),
        last_event_at: sql<Date>`now()`,
        region: (eb) => eb.ref('excluded.region'),
      }),
    )
    .execute();
}

export async function readEventSecret(trx: Tx): Promise<EventSecretRow | undefined> {
  return trx.selectFrom('event_secrets').selectAll().executeTakeFirst();
}

export async function listRescans(trx: Tx, limit: number): Promise<RescanRow[]> {
  return trx.selectFrom('event_rescans').selectAll().orderBy('last_event_at', 'desc').limit(limit).execute();
}

/**
 * Claims up to `limit` rescans that are due — no event for `debounceMs` (or the first one
 * older than `maxWaitMs`), not backing off, not leased — for `leaseMs`, across tenants
 * (a system transaction). `FOR UPDATE SKIP LOCKED`: processes claiming at once get
 * different rows; the lease keeps the row theirs after the claim commits.
 */
export async function claimDueRescans(trx: Tx, o: { limit: number; debounceMs: number; maxWaitMs: number; leaseMs: number }): Promise<RescanRow[]> {
  const secs = (ms: number) => sql<Date>`now() - make_interval(secs => ${ms / 1000})`;
  return trx
    .updateTable('event_rescans')
    .set({ locked_until: sql<Date>`now() + make_interval(secs => ${o.leaseMs / 1000})`, attempts: sql<number>`attempts + 1` })
    .where(
      'id',
      'in',
      trx
        .selectFrom('event_rescans')
        .select('id')
        .where((eb) => eb.or([eb('last_event_at', '<=', secs(o.debounceMs)), eb('first_event_at', '<=', secs(o.maxWaitMs))]))
        .where((eb) => eb.or([eb('not_before', 'is', null), eb('not_before', '<=', sql<Date>`now()`)]))
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
        .orderBy('last_event_at')
        .limit(o.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/**
 * Ends a processed rescan: deleted, unless an event arrived after the claim (it may
 * describe a change the re-read did not see), in which case it is released to run again.
 */
export async function completeRescan(trx: Tx, row: Pick<RescanRow, 'id' | 'event_count' | 'last_event_at'>): Promise<'done' | 'again'> {
  const r = await trx
    .deleteFrom('event_rescans')
    .where('id', '=', row.id)
    .where('event_count', '=', row.event_count)
    .where('last_event_at', '=', row.last_event_at)
    .executeTakeFirst();
  if (Number(r.numDeletedRows) > 0) return 'done';
  await trx.updateTable('event_rescans').set({ locked_until: null, attempts: 0, last_error: null, not_before: null }).where('id', '=', row.id).execute();
  return 'again';
}

/** Releases a failed rescan with a back-off, or drops it after too many attempts. */
export async function failRescan(trx: Tx, row: Pick<RescanRow, 'id' | 'attempts'>, error: string, o: { maxAttempts: number; backoffMs: number }): Promise<'retry' | 'dropped'> {
  if (row.attempts >= o.maxAttempts) {
    await trx.deleteFrom('event_rescans').where('id', '=', row.id).execute();
    return 'dropped';
  }
  const delay = o.backoffMs * 2 ** Math.max(0, row.attempts - 1);
  await trx
    .updateTable('event_rescans')
    .set({ locked_until: null, last_error: error.slice(0, 2000), not_before: sql<Date>`now() + make_interval(secs => ${delay / 1000})` })
    .where('id', '=', row.id)
    .execute();
  return 'retry';
}

/** Forgets event ids older than `olderThanMs` (system transaction): redeliveries come within a day. */
export async function purgeEvents(trx: Tx, olderThanMs: number): Promise<number> {
  const r = await trx
    .deleteFrom('cloud_events')
    .where('received_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * The uids of the resources a rescan concerns that still have open finding states: the
 * states whose last observation was a resource of this type with this name or uid. A
 * deleted resource is found this way, and its findings are resolved.
 */
export async function openResourceUids(trx: Tx, o: { providerId: string; accountId: string; resourceType: string; ref: string }): Promise<string[]> {
  const rows = await trx
    .selectFrom('finding_states as s')
    .innerJoin('findings as f', (j) => j.onRef('f.scan_id', '=', 's.last_scan_id').onRef('f.finding_uid', '=', 's.finding_uid'))
    .select('s.resource_uid')
    .distinct()
    .where('s.provider_id', '=', o.providerId)
    .where('f.account_id', '=', o.accountId)
    .where('s.resolved_at', 'is', null)
    .where('f.resource_type', '=', o.resourceType)
    .where((eb) => eb.or([eb('f.resource_name', '=', o.ref), eb('f.resource_uid', '=', o.ref)]))
    .execute();
  return rows.map((r) => r.resource_uid);
}
