import { isUuid, listFindings, withTenant } from '@vigil/db';
import type { Db } from '@vigil/db';
import { sql } from 'kysely';
import { ApiError, notFound } from '../../errors.ts';
import { findingViews } from '../findings/findings.service.ts';
import type { FindingView } from '../findings/findings.service.ts';

export interface ResourceView {
  id: string;
  providerId: string;
  uid: string;
  type: string;
  service: string;
  region: string;
  accountId: string;
  name: string;
  tags: Record<string, string>;
  firstSeenAt: string;
  lastSeenAt: string;
  lastScanId: string | null;
}

export interface ResourceDetail extends ResourceView {
  attributes: Record<string, unknown>;
  /** The findings of the resource in the latest scan that reported it (at most 500). */
  findings: FindingView[];
  findingsScanId: string | null;
}

export interface ResourceQuery {
  providerId?: string;
  type?: string;
  region?: string;
  service?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** Findings shown with a resource: one resource rarely has more than a few dozen. */
export const RESOURCE_FINDINGS_LIMIT = 500;

interface Row {
  id: string;
  provider_id: string;
  uid: string;
  type: string;
  service: string;
  region: string;
  account_id: string;
  name: string;
  tags: Record<string, string>;
  first_seen_at: Date;
  last_seen_at: Date;
  last_scan_id: string | null;
}

const view = (r: Row): ResourceView => ({
  id: r.id,
  providerId: r.provider_id,
  uid: r.uid,
  type: r.type,
  service: r.service,
  region: r.region,
  accountId: r.account_id,
  name: r.name,
  tags: r.tags,
  firstSeenAt: r.first_seen_at.toISOString(),
  lastSeenAt: r.last_seen_at.toISOString(),
  lastScanId: r.last_scan_id,
});

const COLUMNS = ['id', 'provider_id', 'uid', 'type', 'service', 'region', 'account_id', 'name', 'tags', 'first_seen_at', 'last_seen_at', 'last_scan_id'] as const;

function encodeCursor(r: { uid: string; id: string }): string {
  return Buffer.from(JSON.stringify([r.uid, r.id])).toString('base64url');
}

function decodeCursor(cursor: string): { uid: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && isUuid(v[1])) return { uid: v[0], id: v[1] };
  } catch {
    // reported below
  }
  throw new ApiError('BAD_REQUEST', `cursor "${cursor.slice(0, 64)}" is not a cursor of the resources list: pass the nextCursor of the previous page.`);
}

/** The tenant's inventory, and each resource's latest findings. */
export function createResourcesService(deps: { db: Db; now?: () => Date }) {
  return {
    /** Keyset pages ordered by resource uid (ARN), then id. */
    async list(tenantId: string, q: ResourceQuery): Promise<{ items: ResourceView[]; nextCursor: string | null }> {
      const limit = q.limit ?? 50;
      const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
      return withTenant(deps.db, tenantId, async (trx) => {
        let s = trx.selectFrom('resources').select(COLUMNS);
        if (q.providerId !== undefined) s = s.where('provider_id', '=', q.providerId);
        if (q.type !== undefined) s = s.where('type', '=', q.type);
        if (q.region !== undefined) s = s.where('region', '=', q.region);
        if (q.service !== undefined) s = s.where('service', '=', q.service);
        if (q.q !== undefined) {
          const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          s = s.where((eb) => eb.or([eb('name', 'ilike', like), eb('uid', 'ilike', like)]));
        }
        if (cursor) s = s.where(sql<boolean>`(uid, id) > (${cursor.uid}, ${cursor.id}::uuid)`);
        const rows = await s.orderBy('uid').orderBy('id').limit(limit + 1).execute();
        const items = rows.slice(0, limit);
        const last = items.at(-1);
        return { items: items.map(view), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
      });
    },

    async get(tenantId: string, id: string): Promise<ResourceDetail> {
      return withTenant(deps.db, tenantId, async (trx) => {
        const r = await trx.selectFrom('resources').select([...COLUMNS, 'attributes']).where('id', '=', id).executeTakeFirst();
        if (!r) throw notFound('Resource', id);
        let scanId = r.last_scan_id;
        if (scanId === null) {
          const latest = await trx
            .selectFrom('findings')
            .select('scan_id')
            .where('provider_id', '=', r.provider_id)
            .where('resource_uid', '=', r.uid)
            .orderBy('scan_created_at', 'desc')
            .limit(1)
            .executeTakeFirst();
          scanId = latest?.scan_id ?? null;
        }
        const page = scanId
          ? await listFindings(trx, {
              filters: { scanId, providerId: r.provider_id, resourceUid: r.uid },
              limit: RESOURCE_FINDINGS_LIMIT,
            })
          : { items: [] };
        return { ...view(r), attributes: r.attributes, findings: await findingViews(trx, page.items, deps.now?.()), findingsScanId: scanId };
      });
    },
  };
}
