import type { SelectQueryBuilder } from 'kysely';
import { ApiError } from './errors.ts';

/** An opaque keyset cursor over `(created_at desc, id desc)`. */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new ApiError('BAD_REQUEST', `The cursor "${cursor.slice(0, 60)}" is not valid: pass the nextCursor of a previous page.`);
  }
  return { createdAt, id };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * One page, newest first, of a table with `created_at` and `id`: orders the query, applies
 * the cursor, fetches one row more than the page to know whether another page follows.
 */
export async function newestFirstPage<DB, TB extends keyof DB, R extends { created_at: Date; id: string }, T>(
  query: SelectQueryBuilder<DB, TB, R>,
  o: { limit: number; cursor?: string; toDto: (row: R) => T },
): Promise<Page<T>> {
  const after = o.cursor ? decodeCursor(o.cursor) : undefined;
  // The column names are shared by every paged table; the builder cannot type them generically.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let q = (query as SelectQueryBuilder<any, any, R>).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(o.limit + 1);
  if (after) {
    q = q.where((eb) => eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]));
  }
  const rows = await q.execute();
  const page = rows.slice(0, o.limit);
  const last = page[page.length - 1];
  return { items: page.map(o.toDto), nextCursor: rows.length > o.limit && last ? encodeCursor(last.created_at, last.id) : null };
}
