import { randomUUID } from 'node:crypto';
import type { Severity, Status } from '@vigil/engine';
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Db } from './database.ts';
import { DbError, sqlState } from './errors.ts';
import type { FindingRow } from './findings.repo.ts';
import { isUuid } from './tenancy.ts';

/** The prefix of a manual finding's `finding_uid` (`manual:<id>`): never produced by a scan. */
export const MANUAL_FINDING_UID_PREFIX = 'manual:';

/**
 * SQL condition on the `findings` table (referenced by that name, unaliased): the row
 * is muted at `now`. A stored row keeps the `muted` it was written with; a mute of the
 * finding state with an expiry at or before `now` has lapsed and no longer mutes it.
 * Read-time evaluation keeps every row right without a sweep (and under an injected clock).
 */
export function findingMutedAt(now: Date): RawBuilder<boolean> {
  return sql<boolean>`(findings.muted and not exists (
    select 1 from finding_states lapsed
    where lapsed.provider_id = findings.provider_id
      and lapsed.finding_uid = findings.finding_uid
      and lapsed.mute_expires_at is not null
      and lapsed.mute_expires_at <= ${now.toISOString()}::timestamptz))`;
}

/** What {@link createManualFinding} stores. */
export interface ManualFindingInput {
  providerId: string;
  /** Default: the provider's account id. */
  accountId?: string;
  checkId: string;
  region: string;
  service: string;
  severity: Severity;
  status: Status;
  message: string;
  resource: { uid: string; name: string; type: string };
  remediation?: string | null;
  note?: string | null;
  createdBy?: string | null;
  /** When it was observed (e.g. the day of the penetration test); first and last seen. */
  observedAt: Date;
  /** When it is recorded: its partition key (`scan_created_at`). */
  recordedAt: Date;
}

/**
 * Stores a manual finding (no scan) and its finding state, in the caller's
 * transaction (use {@link withTenant}). The row goes into the monthly partition of
 * `recordedAt`; its `finding_uid` is `manual:<id>`, and its state is marked
 * `source = 'manual'` so that resolving what a full scan no longer sees leaves it alone.
 *
 * @throws DbError `DB_NOT_FOUND` if the provider is not visible, `DB_NO_PARTITION` if
 *   the partition of `recordedAt`'s month does not exist.
 */
export async function createManualFinding(trx: Db, input: ManualFindingInput): Promise<FindingRow> {
  const provider = isUuid(input.providerId)
    ? await trx.selectFrom('providers').select(['id', 'tenant_id', 'account_id']).where('id', '=', input.providerId).executeTakeFirst()
    : undefined;
  if (!provider) throw new DbError('DB_NOT_FOUND', `provider "${input.providerId}" not found`);
  const id = randomUUID();
  const uid = `${MANUAL_FINDING_UID_PREFIX}${id}`;
  try {
    const row = await trx
      .insertInto('findings')
      .values({
        id,
        tenant_id: provider.tenant_id,
        source: 'manual',
        scan_id: null,
        scan_created_at: input.recordedAt,
        provider_id: provider.id,
        finding_uid: uid,
        check_id: input.checkId,
        account_id: input.accountId ?? provider.account_id,
        region: input.region,
        service: input.service,
        severity: input.severity,
        status: input.status,
        message: input.message,
        resource_uid: input.resource.uid,
        resource_name: input.resource.name,
        resource_type: input.resource.type,
        remediation: input.remediation ?? null,
        created_by: input.createdBy ?? null,
        first_seen_at: input.observedAt,
        observed_at: input.observedAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('finding_states')
      .values({
        tenant_id: provider.tenant_id,
        provider_id: provider.id,
        finding_uid: uid,
        check_id: input.checkId,
        resource_uid: input.resource.uid,
        first_seen_at: input.observedAt,
        last_seen_at: input.observedAt,
        last_status: input.status,
        last_severity: input.severity,
        last_scan_id: null,
        source: 'manual',
        note: input.note ?? null,
      })
      .execute();
    return row;
  } catch (err) {
    if (sqlState(err) === '23514' && /no partition/i.test(String((err as Error).message))) {
      throw new DbError(
        'DB_NO_PARTITION',
        `no findings partition for ${input.recordedAt.toISOString()}: run ensureFindingPartitions() (at start and daily)`,
        { cause: err },
      );
    }
    throw err;
  }
}

/**
 * Deletes a finding row; for a manual finding, its finding state too (it has no other
 * rows). A scan finding's state stays: it carries the mute and the history of the same
 * finding in the account's other scans.
 *
 * @returns whether a row was deleted.
 */
export async function deleteFinding(trx: Db, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const row = await trx.deleteFrom('findings').where('id', '=', id).returning(['provider_id', 'finding_uid', 'source']).executeTakeFirst();
  if (!row) return false;
  if (row.source === 'manual') {
    await trx.deleteFrom('finding_states').where('provider_id', '=', row.provider_id).where('finding_uid', '=', row.finding_uid).execute();
  }
  return true;
}
