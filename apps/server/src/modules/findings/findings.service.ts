import { createManualFinding, deleteFinding, listFindings, withTenant } from '@vigil/db';
import type { Db, FindingRow, FindingSort, Tx } from '@vigil/db';
import type { Severity, Status } from '@vigil/engine';
import { sql } from 'kysely';
import { ApiError, notFound } from '../../errors.ts';
import { manualCheckId } from './findings.schemas.ts';

export type FindingDelta = 'new' | 'changed' | 'unchanged';
export type FindingSource = 'scan' | 'manual';

/** A finding as the API shows it: the stored row and its lifecycle state. */
export interface FindingView {
  id: string;
  findingUid: string;
  source: FindingSource;
  /** Null for a manual finding. */
  scanId: string | null;
  /** For a manual finding, when it was recorded. */
  scanCreatedAt: string;
  providerId: string;
  checkId: string;
  accountId: string;
  region: string;
  service: string;
  severity: Severity;
  status: Status;
  message: string;
  resource: { uid: string; name: string; type: string };
  compliance: Record<string, string[]>;
  errorCode: string | null;
  remediation: string | null;
  /** Muted now: a mute whose expiry has passed reads as unmuted. */
  muted: boolean;
  muteReason: string | null;
  muteExpiresAt: string | null;
  note: string | null;
  delta: FindingDelta | null;
  firstSeenAt: string;
  lastSeenAt: string;
  observedAt: string;
  /** When a full scan last stopped reporting it; null while open, and for manual findings. */
  resolvedAt: string | null;
}

export interface FindingQuery {
  scanId?: string;
  providerId?: string;
  account?: string;
  region?: string;
  service?: string;
  checkId?: string;
  severity?: Severity[];
  status?: Status[];
  delta?: FindingDelta[];
  muted?: boolean;
  source?: FindingSource;
  resource?: string;
  q?: string;
  firstSeenFrom?: string;
  firstSeenTo?: string;
  sort?: 'severity' | 'firstSeen' | 'checkId' | 'scanCreatedAt';
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

/** A manual finding to record (POST /findings). */
export interface FindingCreate {
  providerId: string;
  message: string;
  severity: Severity;
  status?: 'FAIL' | 'PASS' | 'MANUAL';
  service: string;
  region: string;
  accountId?: string;
  resource: { uid: string; name?: string; type: string };
  checkId?: string;
  remediation?: string;
  note?: string;
  observedAt?: string;
}

export interface FindingUpdate {
  muted?: boolean;
  muteReason?: string;
  muteExpiresAt?: string | null;
  note?: string | null;
}

const SORT_COLUMNS: Record<NonNullable<FindingQuery['sort']>, FindingSort> = {
  severity: 'severity',
  firstSeen: 'first_seen_at',
  checkId: 'check_id',
  scanCreatedAt: 'scan_created_at',
};

interface StateRow {
  provider_id: string;
  finding_uid: string;
  last_seen_at: Date;
  mute_expires_at: Date | null;
  note: string | null;
  resolved_at: Date | null;
}

const key = (providerId: string, uid: string) => `${providerId}\u0000${uid}`;

/** Reads the lifecycle states of some findings in one query. */
async function statesOf(trx: Tx, rows: readonly FindingRow[]): Promise<Map<string, StateRow>> {
  if (rows.length === 0) return new Map();
  const states = await trx
    .selectFrom('finding_states')
    .select(['provider_id', 'finding_uid', 'last_seen_at', 'mute_expires_at', 'note', 'resolved_at'])
    .where('provider_id', 'in', [...new Set(rows.map((r) => r.provider_id))])
    .where('finding_uid', 'in', [...new Set(rows.map((r) => r.finding_uid))])
    .execute();
  return new Map(states.map((s) => [key(s.provider_id, s.finding_uid), s]));
}

/**
 * The API view of a stored finding and its state at `now`. The row keeps the `muted`
 * it was written with; a state mute whose expiry is at or before `now` has lapsed, so
 * the finding reads as unmuted (the same rule as `findingMutedAt` in SQL).
 */
export function toFindingView(r: FindingRow, s: StateRow | undefined, now: Date): FindingView {
  const lapsed = s?.mute_expires_at != null && s.mute_expires_at.getTime() <= now.getTime();
  const muted = r.muted && !lapsed;
  return {
    id: r.id,
    findingUid: r.finding_uid,
    source: r.source,
    scanId: r.scan_id,
    scanCreatedAt: r.scan_created_at.toISOString(),
    providerId: r.provider_id,
    checkId: r.check_id,
    accountId: r.account_id,
    region: r.region,
    service: r.service,
    severity: r.severity,
    status: r.status,
    message: r.message,
    resource: { uid: r.resource_uid, name: r.resource_name, type: r.resource_type },
    compliance: r.compliance,
    errorCode: r.error_code,
    remediation: r.remediation,
    muted,
    muteReason: muted ? r.mute_reason : null,
    muteExpiresAt: muted ? (s?.mute_expires_at?.toISOString() ?? null) : null,
    note: s?.note ?? null,
    delta: r.delta,
    firstSeenAt: r.first_seen_at.toISOString(),
    lastSeenAt: (s && s.last_seen_at > r.observed_at ? s.last_seen_at : r.observed_at).toISOString(),
    observedAt: r.observed_at.toISOString(),
    resolvedAt: r.source === 'scan' ? (s?.resolved_at?.toISOString() ?? null) : null,
  };
}

/** Findings rows with their states at `now`, in order. */
export async function findingViews(trx: Tx, rows: readonly FindingRow[], now: Date = new Date()): Promise<FindingView[]> {
  const states = await statesOf(trx, rows);
  return rows.map((r) => toFindingView(r, states.get(key(r.provider_id, r.finding_uid)), now));
}

export interface FindingsServiceDeps {
  db: Db;
  now: () => Date;
}

/** Listing, retrieval, manual recording, muting and deletion of a tenant's findings. */
export function createFindingsService(deps: FindingsServiceDeps) {
  async function load(trx: Tx, id: string): Promise<FindingRow> {
    const row = await trx.selectFrom('findings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Finding', id);
    return row;
  }

  async function list(tenantId: string, q: FindingQuery): Promise<{ items: FindingView[]; nextCursor: string | null }> {
    const from = q.firstSeenFrom === undefined ? undefined : new Date(q.firstSeenFrom);
    const to = q.firstSeenTo === undefined ? undefined : new Date(q.firstSeenTo);
    if (from && to && from >= to) {
      throw new ApiError('BAD_REQUEST', `firstSeenFrom (${q.firstSeenFrom}) must be before firstSeenTo (${q.firstSeenTo}).`);
    }
    return withTenant(deps.db, tenantId, async (trx) => {
      const page = await listFindings(trx, {
        filters: {
          scanId: q.scanId,
          providerId: q.providerId,
          accountId: q.account,
          region: q.region,
          service: q.service,
          checkId: q.checkId,
          severity: q.severity,
          status: q.status,
          delta: q.delta,
          muted: q.muted,
          now: deps.now(),
          source: q.source,
          resourceUid: q.resource,
          text: q.q,
          firstSeenFrom: from,
          firstSeenTo: to,
        },
        sort: SORT_COLUMNS[q.sort ?? 'severity'],
        order: q.order ?? 'desc',
        limit: q.limit ?? 50,
        cursor: q.cursor,
      });
      return { items: await findingViews(trx, page.items, deps.now()), nextCursor: page.nextCursor };
    });
  }

  async function get(tenantId: string, id: string): Promise<FindingView> {
    return withTenant(deps.db, tenantId, async (trx) => {
      const [view] = await findingViews(trx, [await load(trx, id)], deps.now());
      return view as FindingView;
    });
  }

  /**
   * Mutes or unmutes a finding, and/or sets its note. The mute is kept in
   * `finding_states`, so it applies to this finding, to the same finding in later
   * scans already stored, and to every later scan of the cloud account (until it
   * expires).
   */
  async function update(tenantId: string, userId: string | null, id: string, u: FindingUpdate): Promise<FindingView> {
    const now = deps.now();
    if (u.muted === true && !u.muteReason) {
      throw new ApiError('BAD_REQUEST', 'Muting a finding needs a muteReason saying why (e.g. "accepted risk, ticket SEC-12").');
    }
    if (u.muted !== true && (u.muteReason !== undefined || u.muteExpiresAt !== undefined)) {
      throw new ApiError('BAD_REQUEST', 'muteReason and muteExpiresAt go with "muted": true.');
    }
    const expires = u.muteExpiresAt ? new Date(u.muteExpiresAt) : null;
    if (expires && expires <= now) {
      throw new ApiError('BAD_REQUEST', `muteExpiresAt (${u.muteExpiresAt}) is in the past; give a future time or leave it out.`);
    }
    await withTenant(deps.db, tenantId, async (trx) => {
      const f = await load(trx, id);
      const mute =
        u.muted === undefined
          ? {}
          : u.muted
            ? { muted: true, mute_reason: u.muteReason ?? null, mute_expires_at: expires, muted_by: userId, muted_at: now }
            : { muted: false, mute_reason: null, mute_expires_at: null, muted_by: null, muted_at: null };
      const note = u.note === undefined ? {} : { note: u.note };
      await trx
        .insertInto('finding_states')
        .values({
          tenant_id: f.tenant_id,
          provider_id: f.provider_id,
          finding_uid: f.finding_uid,
          check_id: f.check_id,
          resource_uid: f.resource_uid,
          first_seen_at: f.first_seen_at,
          last_seen_at: f.observed_at,
          last_status: f.status,
          last_severity: f.severity,
          last_scan_id: f.scan_id,
          source: f.source,
          ...mute,
          ...note,
        })
        .onConflict((oc) => oc.columns(['provider_id', 'finding_uid']).doUpdateSet({ ...mute, ...note, updated_at: sql<Date>`now()` }))
        .execute();
      if (u.muted !== undefined) {
        await trx
          .updateTable('findings')
          .set({ muted: u.muted, mute_reason: u.muted ? (u.muteReason ?? null) : null })
          .where('provider_id', '=', f.provider_id)
          .where('finding_uid', '=', f.finding_uid)
          .where('scan_created_at', '>=', f.scan_created_at)
          .execute();
      }
    });
    return get(tenantId, id);
  }

  /**
   * Records a manual finding (no scan): it is listed with the scan findings (filter
   * `source=manual`), can be muted and noted like them, and stays until deleted.
   */
  async function create(tenantId: string, userId: string | null, c: FindingCreate): Promise<FindingView> {
    const now = deps.now();
    const observedAt = c.observedAt === undefined ? now : new Date(c.observedAt);
    if (observedAt.getTime() > now.getTime()) {
      throw new ApiError('BAD_REQUEST', `observedAt (${c.observedAt}) is in the future; give the time the finding was observed.`);
    }
    const id = await withTenant(deps.db, tenantId, async (trx) => {
      const provider = await trx.selectFrom('providers').select('id').where('id', '=', c.providerId).executeTakeFirst();
      if (!provider) throw notFound('Provider', c.providerId);
      const row = await createManualFinding(trx, {
        providerId: c.providerId,
        accountId: c.accountId,
        checkId: c.checkId ?? manualCheckId(c.service),
        region: c.region,
        service: c.service,
        severity: c.severity,
        status: c.status ?? 'FAIL',
        message: c.message,
        resource: { uid: c.resource.uid, name: c.resource.name ?? '', type: c.resource.type },
        remediation: c.remediation ?? null,
        note: c.note ?? null,
        createdBy: userId,
        observedAt,
        recordedAt: now,
      });
      return row.id;
    });
    return get(tenantId, id);
  }

  /** Deletes a finding row (a scan finding or a manual one; a manual one with its state). */
  async function remove(tenantId: string, id: string): Promise<void> {
    await withTenant(deps.db, tenantId, async (trx) => {
      if (!(await deleteFinding(trx, id))) throw notFound('Finding', id);
    });
  }

  return { list, get, create, update, remove };
}

export type FindingsService = ReturnType<typeof createFindingsService>;
