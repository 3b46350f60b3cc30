import { ApiError } from '../../errors.ts';

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
