import { randomBytes } from 'node:crypto';
import type { Finding, Severity, Status } from '@vigil/engine';
import { CompiledQuery, sql } from 'kysely';
import type { Selectable } from 'kysely';
import { databaseEngine } from './database.ts';
import type { Db } from './database.ts';
import { CopyFromCommand } from './driver-commands.ts';
import { DbError, sqlState } from './errors.ts';
import { findingMutedAt } from './manual-findings.repo.ts';
import type { FindingsTable } from './schema.ts';
import { isUuid } from './tenancy.ts';

/** A stored finding, as listed by {@link listFindings}. */
export type FindingRow = Selectable<FindingsTable>;

/** What {@link insertFindings} stored. */
export interface InsertFindingsResult {
  inserted: number;
  /** Findings never seen before on this cloud account (or seen again after being resolved). */
  new: number;
  /** Findings whose status or severity differs from their last observation. */
  changed: number;
  unchanged: number;
}

/** PostgreSQL accepts at most 65 535 bind parameters in one statement. */
const MAX_PARAMETERS = 65_535;

const STAGING_COLUMNS = [
  'id',
  'finding_uid',
  'check_id',
  'account_id',
  'region',
  'service',
  'severity',
  'status',
  'message',
  'resource_uid',
  'resource_name',
  'resource_type',
  'compliance',
  'error_code',
  'muted',
  'mute_reason',
  'observed_at',
] as const;

/**
 * Time-ordered ids (UUID version 7: 48 bits of Unix milliseconds, then random bits) for
 * `count` new findings, ascending. Random (version 4) ids land anywhere in the indexes
 * that end with `id` — the primary key and the (tenant | scan, severity, id) listing
 * indexes — so that past a few hundred thousand findings almost every index insertion
 * touched a page that was no longer in memory; ids that grow with time append to the
 * right end of each index (of each severity's range), and sorting by (severity, id)
 * desc now lists the newest first within a severity, as its documentation says.
 */
function timeOrderedIds(count: number): string[] {
  const bytes = randomBytes(16 * count);
  const start = Date.now();
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const o = 16 * i;
    // Ascending within the batch: the 12 bits after the version count up, and the
    // millisecond moves on every 4096 ids (a batch of 20 000 ends 4 ms ahead).
    bytes.writeUIntBE(start + Math.floor(i / 4096), o, 6);
    bytes.writeUInt16BE(0x7000 | (i % 4096), o + 6);
    bytes[o + 8] = 0x80 | ((bytes[o + 8] as number) & 0x3f);
    const h = bytes.toString('hex', o, o + 16);
    out[i] = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return out;
}

function stagingRow(f: Finding, id: string): unknown[] {
  return [
    id,
    f.id,
    f.checkId,
    f.account,
    f.region,
    f.check.service,
    f.severity,
    f.status,
    f.message,
    f.resource.id,
    f.resource.name,
    f.resource.type,
    JSON.stringify(f.compliance ?? {}),
    f.errorCode ?? null,
    f.muted,
    f.muted ? (f.muteReason ?? null) : null,
    f.timestamp,
  ];
}

/**
 * Stores a batch of engine findings for a scan, in the caller's transaction (use
 * {@link withTenant}; the scan must be visible to it). Call it once per batch as the
 * engine streams (a few thousand findings per call is a good size).
 *
 * The batch goes into a temporary table — with `COPY … FROM STDIN` on PostgreSQL
 * (COPY cannot target a table under row-level security, a temporary table is not),
 * with multi-row INSERTs on PGlite — and from there into `findings` through the
 * tenant's policy in one `INSERT … SELECT` that computes each finding's `delta` and
 * `first_seen_at` from `finding_states` and applies the account's mutes. Delta compares
 * with the finding's last observation on the cloud account: for consecutive full scans,
 * the previous scan. The states themselves are not touched: {@link commitFindingStates}
 * records the scan's observations once it has ended, so a batch stored again (a retried
 * job, after {@link deleteScanFindings}) computes the same deltas.
 *
 * Each stored finding gets a time-ordered id (UUID version 7, see `timeOrderedIds`).
 * A finding id repeated within the batch keeps its last occurrence; a finding id
 * already stored for this scan (an earlier batch) fails the unique constraint.
 *
 * @throws DbError `DB_NOT_FOUND` if the scan is not visible, `DB_NO_PARTITION` if the
 *   findings partition of the scan's month does not exist.
 */
export async function insertFindings(
  trx: Db,
  input: {
    scanId: string;
    findings: readonly Finding[];
    /** The unit of its account that found them (see `scan_units`), so a retried unit can replace exactly its own. */
    unit?: number;
  },
): Promise<InsertFindingsResult> {
  const result: InsertFindingsResult = { inserted: 0, new: 0, changed: 0, unchanged: 0 };
  if (input.findings.length === 0) return result;
  if (!isUuid(input.scanId)) throw new DbError('DB_NOT_FOUND', `scan "${input.scanId}" not found`);
  const scan = await trx
    .selectFrom('scans')
    .select(['id', 'tenant_id', 'provider_id', 'created_at'])
    .where('id', '=', input.scanId)
    .executeTakeFirst();
  if (!scan) throw new DbError('DB_NOT_FOUND', `scan "${input.scanId}" not found`);

  const unique = new Map<string, Finding>();
  for (const f of input.findings) unique.set(f.id, f);
  // In finding id order: the delta lookups in finding_states' primary key and the
  // insertions into findings' (scan_id, finding_uid) key then walk their index in order.
  const findings = [...unique.values()];
  findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = timeOrderedIds(findings.length);
  const rows = findings.map((f, i) => stagingRow(f, ids[i] as string));

  await sql`create temporary table vigil_finding_batch (
      id uuid not null, finding_uid text not null, check_id text not null, account_id text not null, region text not null,
      service text not null, severity vigil_severity not null, status text not null, message text not null,
      resource_uid text not null, resource_name text not null, resource_type text not null,
      compliance jsonb not null, error_code text, muted boolean not null, mute_reason text,
      observed_at timestamptz not null
    ) on commit drop`.execute(trx);
  try {
    const columns = STAGING_COLUMNS.join(', ');
    if (databaseEngine(trx) === 'postgres') {
      await trx.executeQuery(
        CompiledQuery.raw(`copy vigil_finding_batch (${columns}) from stdin`, [new CopyFromCommand(rows)]),
      );
    } else {
      const perStatement = Math.floor(MAX_PARAMETERS / STAGING_COLUMNS.length);
      for (let i = 0; i < rows.length; i += perStatement) {
        const chunk = rows.slice(i, i + perStatement);
        const values: string[] = [];
        chunk.forEach((_, r) => {
          const base = r * STAGING_COLUMNS.length;
          values.push(`(${STAGING_COLUMNS.map((__, c) => `$${base + c + 1}`).join(', ')})`);
        });
        await trx.executeQuery(
          CompiledQuery.raw(`insert into vigil_finding_batch (${columns}) values ${values.join(', ')}`, chunk.flat()),
        );
      }
    }

    const deltas = await sql<{ delta: 'new' | 'changed' | 'unchanged'; n: number }>`
      with inserted as (
        insert into findings (
          id, tenant_id, scan_id, scan_created_at, provider_id, finding_uid, check_id, account_id, region, service,
          severity, status, message, resource_uid, resource_name, resource_type, compliance, error_code,
          muted, mute_reason, delta, first_seen_at, observed_at, scan_unit)
        select b.id, ${scan.tenant_id}::uuid, ${scan.id}::uuid, ${scan.created_at}::timestamptz, ${scan.provider_id}::uuid,
          b.finding_uid, b.check_id, b.account_id, b.region, b.service,
          b.severity, b.status, b.message, b.resource_uid, b.resource_name, b.resource_type, b.compliance, b.error_code,
          b.muted or coalesce(s.muted and (s.mute_expires_at is null or s.mute_expires_at > now()), false),
          case
            when b.muted then b.mute_reason
            when s.muted and (s.mute_expires_at is null or s.mute_expires_at > now()) then s.mute_reason
          end,
          case
            when s.finding_uid is null or s.resolved_at is not null then 'new'
            when s.last_status <> b.status or s.last_severity <> b.severity then 'changed'
            else 'unchanged'
          end,
          least(coalesce(s.first_seen_at, b.observed_at), b.observed_at),
          b.observed_at,
          ${input.unit ?? null}::smallint
        from vigil_finding_batch b
        left join finding_states s on s.provider_id = ${scan.provider_id}::uuid and s.finding_uid = b.finding_uid
        returning delta
      )
      select delta, count(*)::int as n from inserted group by delta`.execute(trx);

    for (const { delta, n } of deltas.rows) {
      result[delta] += n;
      result.inserted += n;
    }
    await sql`drop table vigil_finding_batch`.execute(trx);
    return result;
  } catch (err) {
    if (sqlState(err) === '23514' && /no partition/i.test(String((err as Error).message))) {
      throw new DbError(
        'DB_NO_PARTITION',
        `no findings partition for scan "${scan.id}" created at ${scan.created_at.toISOString()}: ` +
          'run ensureFindingPartitions() (at start and daily)',
        { cause: err },
      );
    }
    throw err;
  }
}

/** Narrows {@link commitFindingStates}, {@link resolveMissingFindings} and {@link deleteScanFindings}. */
export interface ScanFindingsScope {
  /** Only the findings of these resources (an event-driven scan of one resource). */
  resourceUids?: readonly string[];
  /** Only the findings of this cloud account (one account of an organization scan). */
  accountId?: string;
  /** Only the findings of this unit of the account (with `accountId`; see `scan_units`). */
  unit?: number;
}

async function scanKey(trx: Db, scanId: string) {
  if (!isUuid(scanId)) throw new DbError('DB_NOT_FOUND', `scan "${scanId}" not found`);
  const scan = await trx
    .selectFrom('scans')
    .select(['id', 'tenant_id', 'provider_id', 'created_at'])
    .where('id', '=', scanId)
    .executeTakeFirst();
  if (!scan) throw new DbError('DB_NOT_FOUND', `scan "${scanId}" not found`);
  return scan;
}

/**
 * Deletes the findings a scan stored (all, or one account's / some resources'): a
 * retried job calls it before storing its findings again, so a scan holds exactly
 * the findings of its last attempt per account.
 *
 * @returns the number of findings deleted.
 */
export async function deleteScanFindings(trx: Db, scanId: string, scope: ScanFindingsScope = {}): Promise<number> {
  const scan = await scanKey(trx, scanId);
  let q = trx.deleteFrom('findings').where('scan_id', '=', scan.id).where('scan_created_at', '=', scan.created_at);
  if (scope.accountId !== undefined) q = q.where('account_id', '=', scope.accountId);
  if (scope.unit !== undefined) q = q.where('scan_unit', '=', scope.unit);
  if (scope.resourceUids) {
    if (scope.resourceUids.length === 0) return 0;
    q = q.where('resource_uid', 'in', [...scope.resourceUids]);
  }
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * The lifecycle after an observation: a failing finding that had been resolved (it
 * passed, or its resource was gone) is reopened; a finding that passes is resolved;
 * otherwise (still failing, MANUAL, ERROR) it keeps its lifecycle. A finding that was
 * gone and fails again is reopened too.
 */
const LIFECYCLE_NEXT = sql`(case
  when excluded.last_status = 'FAIL' and (finding_states.lifecycle = 'resolved' or finding_states.resolved_at is not null) then 'reopened'
  when excluded.last_status = 'PASS' then 'resolved'
  else finding_states.lifecycle end)`;

/**
 * Records a scan's observations in `finding_states` (first / last seen, last status
 * and severity, last scan; a resolved finding seen again is open again), from the
 * findings the scan stored. Call it once the scan's findings are complete, in the
 * transaction that ends the scan. Idempotent: running it again changes nothing.
 *
 * @returns the number of finding states written.
 */
export async function commitFindingStates(trx: Db, scanId: string, scope: ScanFindingsScope = {}): Promise<number> {
  const scan = await scanKey(trx, scanId);
  if (scope.resourceUids?.length === 0) return 0;
  const byAccount = scope.accountId === undefined ? sql`` : sql`and f.account_id = ${scope.accountId}`;
  const byResource = scope.resourceUids ? sql`and f.resource_uid in (${sql.join([...scope.resourceUids])})` : sql``;
  const r = await sql`
    insert into finding_states (
      tenant_id, provider_id, finding_uid, check_id, resource_uid, account_id, first_seen_at, last_seen_at,
      last_status, last_severity, last_scan_id, lifecycle, lifecycle_changed_at)
    select f.tenant_id, f.provider_id, f.finding_uid, f.check_id, f.resource_uid, f.account_id,
      f.first_seen_at, f.observed_at, f.status, f.severity, f.scan_id,
      case when f.status = 'PASS' then 'resolved' else 'open' end, f.observed_at
    from findings f
    where f.scan_id = ${scan.id}::uuid and f.scan_created_at = ${scan.created_at}::timestamptz ${byAccount} ${byResource}
    on conflict (provider_id, finding_uid) do update set
      first_seen_at = least(finding_states.first_seen_at, excluded.first_seen_at),
      last_seen_at = greatest(finding_states.last_seen_at, excluded.last_seen_at),
      last_status = excluded.last_status,
      last_severity = excluded.last_severity,
      last_scan_id = excluded.last_scan_id,
      account_id = excluded.account_id,
      lifecycle = ${LIFECYCLE_NEXT},
      lifecycle_changed_at = case when ${LIFECYCLE_NEXT} <> finding_states.lifecycle
        then excluded.last_seen_at else finding_states.lifecycle_changed_at end,
      resolved_at = null,
      updated_at = now()
    -- An observation never overwrites a newer one (an event-driven rescan during a long scan).
    where finding_states.last_seen_at <= excluded.last_seen_at`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Refreshes the planner's statistics of `finding_states` (and of the findings parent):
 * after a scan recorded many states, the next scan's delta join plans on them, whether
 * or not autovacuum has run. Runs on the database's own connection (the table owner's),
 * outside any tenant transaction.
 */
export async function analyzeFindingStates(db: Db): Promise<void> {
  await sql`analyze finding_states`.execute(db);
}

/**
 * Marks resolved the findings of the scan's cloud account that this scan did not
 * report: call it after {@link commitFindingStates} when a scan that covered the whole
 * account completes (a scan limited to some regions or checks would resolve what it
 * did not look at), or with `resourceUids` after a scan of those resources (a deleted
 * resource resolves its findings).
 *
 * @returns the number of finding states marked resolved.
 */
export async function resolveMissingFindings(trx: Db, scanId: string, scope: ScanFindingsScope = {}): Promise<number> {
  const scan = await scanKey(trx, scanId);
  if (scope.resourceUids?.length === 0) return 0;
  const started = await trx.selectFrom('scans').select(sql<Date>`coalesce(started_at, created_at)`.as('at')).where('id', '=', scan.id).executeTakeFirstOrThrow();
  let q = trx
    .updateTable('finding_states')
    .set({
      resolved_at: sql<Date>`now()`,
      lifecycle: 'resolved',
      lifecycle_changed_at: sql<Date>`case when lifecycle = 'resolved' then lifecycle_changed_at else now() end`,
      updated_at: sql<Date>`now()`,
    })
    .where('provider_id', '=', scan.provider_id)
    .where('resolved_at', 'is', null)
    // Manual findings are not the scan's to resolve, nor what another scan saw after this one began.
    .where('source', '=', 'scan')
    .where('last_seen_at', '<', started.at)
    .where((eb) => eb.or([eb('last_scan_id', 'is', null), eb('last_scan_id', '!=', scanId)]));
  if (scope.resourceUids) q = q.where('resource_uid', 'in', [...scope.resourceUids]);
  if (scope.accountId !== undefined) q = q.where('account_id', '=', scope.accountId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Filters of {@link listFindings}; all optional and combined with AND. */
export interface FindingFilters {
  scanId?: string;
  providerId?: string;
  accountId?: string;
  region?: string;
  service?: string;
  checkId?: string;
  severity?: Severity[];
  status?: Status[];
  /** Muted at `now` (default the current time): a lapsed mute no longer counts. */
  muted?: boolean;
  /** The clock for `muted` (inject one in tests). */
  now?: Date;
  /** Scan findings or manual findings only. */
  source?: 'scan' | 'manual';
  delta?: Array<'new' | 'changed' | 'unchanged'>;
  /** Exact resource uid (ARN). */
  resourceUid?: string;
  /** Words to find in the message or the resource name (PostgreSQL `websearch_to_tsquery`, 'simple' config). */
  text?: string;
  firstSeenFrom?: Date;
  firstSeenTo?: Date;
  /** Only findings of scans created in this range (prunes partitions). */
  scannedFrom?: Date;
  scannedTo?: Date;
}

/** Sort keys of {@link listFindings}; ties are broken by id in the same direction. */
export type FindingSort = 'severity' | 'first_seen_at' | 'check_id' | 'scan_created_at';

/** A page of findings and the cursor of the next one (`null` on the last page). */
export interface FindingPage {
  items: FindingRow[];
  nextCursor: string | null;
}

const SORTS: Record<FindingSort, { column: FindingSort; cast: string }> = {
  severity: { column: 'severity', cast: 'vigil_severity' },
  first_seen_at: { column: 'first_seen_at', cast: 'timestamptz' },
  check_id: { column: 'check_id', cast: 'text' },
  scan_created_at: { column: 'scan_created_at', cast: 'timestamptz' },
};

function encodeCursor(sort: string, value: unknown, id: string): string {
  const v = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([sort, v, id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: string): { value: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === sort &&
      typeof parsed[1] === 'string' &&
      typeof parsed[2] === 'string' &&
      isUuid(parsed[2])
    ) {
      return { value: parsed[1], id: parsed[2] };
    }
  } catch {
    // reported below
  }
  throw new DbError('DB_INVALID_CURSOR', `cursor "${cursor.slice(0, 64)}" is not a cursor of a findings list sorted by ${sort}`);
}

/**
 * One page of findings, filtered and sorted, with keyset pagination: pass the
 * `nextCursor` of a page to get the next one (stable under concurrent inserts, no
 * OFFSET). Runs in the caller's transaction, so row-level security limits it to the
 * tenant. With `scanId`, the scan's creation time is looked up and added to the
 * query so that only the scan's partition is read.
 *
 * @param options.sort default `severity`; `order` default `desc` (most severe, newest first).
 * @param options.limit 1–1000, default 50.
 * @throws DbError `DB_INVALID_CURSOR` for a cursor this list did not produce.
 */
export async function listFindings(
  trx: Db,
  options: {
    filters?: FindingFilters;
    sort?: FindingSort;
    order?: 'asc' | 'desc';
    limit?: number;
    cursor?: string;
  } = {},
): Promise<FindingPage> {
  const f = options.filters ?? {};
  const sortKey = options.sort ?? 'severity';
  const sort = SORTS[sortKey];
  const order = options.order ?? 'desc';
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 1000);
  const cursor = options.cursor === undefined ? undefined : decodeCursor(options.cursor, `${sortKey}:${order}`);

  let q = trx.selectFrom('findings').selectAll();
  if (f.scanId !== undefined) {
    if (!isUuid(f.scanId)) return { items: [], nextCursor: null };
    const scan = await trx.selectFrom('scans').select('created_at').where('id', '=', f.scanId).executeTakeFirst();
    if (!scan) return { items: [], nextCursor: null };
    q = q.where('scan_id', '=', f.scanId).where('scan_created_at', '=', scan.created_at);
  }
  if (f.providerId !== undefined) q = q.where('provider_id', '=', f.providerId);
  if (f.accountId !== undefined) q = q.where('account_id', '=', f.accountId);
  if (f.region !== undefined) q = q.where('region', '=', f.region);
  if (f.service !== undefined) q = q.where('service', '=', f.service);
  if (f.checkId !== undefined) q = q.where('check_id', '=', f.checkId);
  if (f.severity?.length) q = q.where('severity', 'in', f.severity);
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.delta?.length) q = q.where('delta', 'in', f.delta);
  if (f.muted !== undefined) {
    const muted = findingMutedAt(f.now ?? new Date());
    q = q.where(f.muted ? muted : sql<boolean>`not ${muted}`);
  }
  if (f.source !== undefined) q = q.where('source', '=', f.source);
  if (f.resourceUid !== undefined) q = q.where('resource_uid', '=', f.resourceUid);
  if (f.firstSeenFrom !== undefined) q = q.where('first_seen_at', '>=', f.firstSeenFrom);
  if (f.firstSeenTo !== undefined) q = q.where('first_seen_at', '<', f.firstSeenTo);
  if (f.scannedFrom !== undefined) q = q.where('scan_created_at', '>=', f.scannedFrom);
  if (f.scannedTo !== undefined) q = q.where('scan_created_at', '<', f.scannedTo);
  if (f.text !== undefined && f.text.trim() !== '') {
    // No index serves this filter: queries run under row-level security, and `@@` is not
    // leakproof, so PostgreSQL may not use it as an index condition before the policy (a
    // GIN index on the expression went unused, see migration 0007); the filter is
    // evaluated row by row. Parsing each row with to_tsvector is what costs (tens of µs a
    // row), so a cheap necessary condition goes first: when the query is only required
    // words (no `or`, no `-word`), every plain ASCII lexeme of it is a lowercased
    // substring of the document, tested with LIKE; to_tsvector then parses only the
    // rows that pass. Same rows as the @@ alone. (In coalesce, so that the planner
    // counts it as a 50 % filter: a LIKE ALL it cannot see into counts as 0.5 % and made
    // it expect so few matches that it read every row rather than the listing index.)
    const query = sql`websearch_to_tsquery('simple'::regconfig, ${f.text})`;
    q = q
      .where(
        sql<boolean>`coalesce(${query}::text ~ '[|!]' or lower(message || ' ' || resource_name) like all (array(
          select '%' || m[1] || '%' from regexp_matches(${query}::text, '''([a-z0-9]+)''', 'g') as m)), false)`,
      )
      .where(sql<boolean>`to_tsvector('simple'::regconfig, message || ' ' || resource_name) @@ ${query}`);
  }
  if (cursor) {
    const op = order === 'desc' ? sql.raw('<') : sql.raw('>');
    q = q.where(
      sql<boolean>`(${sql.ref(sort.column)}, id) ${op} (cast(${cursor.value} as ${sql.raw(sort.cast)}), cast(${cursor.id} as uuid))`,
    );
  }
  const rows = await q
    .orderBy(sort.column, order)
    .orderBy('id', order)
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(`${sortKey}:${order}`, last[sort.column], last.id) : null,
  };
}
