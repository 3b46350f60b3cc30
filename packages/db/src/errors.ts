/** Stable codes of the errors this package throws; the API maps them to HTTP answers. */
export type DbErrorCode =
  | 'DB_CONFIG'
  | 'DB_CONNECTION_BUSY'
  | 'DB_MIGRATION_FAILED'
  | 'DB_INVALID_TENANT'
  | 'DB_NOT_PRIVILEGED'
  | 'DB_NOT_FOUND'
  | 'DB_SCAN_CONFLICT'
  | 'DB_NO_PARTITION'
  | 'DB_INVALID_CURSOR';

/** An error of the database layer with a stable {@link DbErrorCode}. */
export class DbError extends Error {
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DbError';
    this.code = code;
  }
}

/** The SQLSTATE of a PostgreSQL error raised by `pg` or PGlite, if it is one. */
export function sqlState(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
