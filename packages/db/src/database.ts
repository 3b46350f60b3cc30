import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresAdapter, PostgresDialect } from 'kysely';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyText, CopyFromCommand, driverCommand, ScriptCommand } from './driver-commands.ts';
import { DbError } from './errors.ts';
import type { Database } from './schema.ts';

/** The Kysely handle of a Vigil database; a transaction (`Transaction<Database>`) is one too. */
export type Db = Kysely<Database>;

/** Which engine a {@link Db} runs on. */
export type DatabaseEngine = 'postgres' | 'pglite';

/** Options of {@link createDatabase}. */
export interface DatabaseOptions {
  /** `postgres://…` or `postgresql://…`: use PostgreSQL through a `pg` pool. */
  url?: string;
  /** PGlite data directory, used when `url` is absent; in memory when this is absent too. */
  dataDir?: string;
  /** Size of the PostgreSQL pool (default 10). Ignored for PGlite, a single connection. */
  poolSize?: number;
  /** How long a query may wait for PGlite's single connection before failing (default 60 s). */
  acquireTimeoutMs?: number;
  /**
   * PostgreSQL only: where the pool reports a connection it lost (the server restarted,
   * the network dropped), for a log. Nothing else is to be done: the query running on it
   * (and so its transaction) fails, the pool drops the connection and opens a new one
   * for the next query. Default: not reported. Errors of queries reach their callers as usual.
   */
  onConnectionError?: (err: Error) => void;
}

/**
 * Opens a database: PostgreSQL when `url` is a `postgres://` URL, else PGlite in
 * `dataDir` (or in memory). Both are driven by Kysely's PostgresDialect, so every
 * query runs unchanged on both. `int8` values (counts, `scan_events.id`) are read as
 * JavaScript numbers on both engines. Close with `db.destroy()`.
 *
 * Nothing is migrated here: call {@link migrate} next.
 */
export async function createDatabase(options: DatabaseOptions = {}): Promise<Db> {
  const { url } = options;
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new DbError('DB_CONFIG', 'database url must start with postgres:// or postgresql://');
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      // A server that stopped answering (not refusing) fails a new connection after this
      // long instead of leaving the query waiting forever.
      connectionTimeoutMillis: 10_000,
      types: { getTypeParser: typeParser as never },
    });
    const report = (err: Error) => {
      try {
        options.onConnectionError?.(err);
      } catch {
        // A failing log hook must not turn a handled connection loss into a crash.
      }
    };
    // An idle client that loses its server emits 'error' on the pool (which drops the
    // client); without a listener that would crash the process. The client's own
    // listener (PgCommandPool) has reported it already.
    pool.on('error', () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PgCommandPool(pool, report) }) });
  }
  const pglite = new PGlite(options.dataDir);
  try {
    await pglite.waitReady;
  } catch (err) {
    throw new DbError('DB_CONFIG', `could not open the embedded database in ${options.dataDir ?? 'memory'}`, {
      cause: err,
    });
  }
  return new Kysely<Database>({
    dialect: new PGliteDialect(new PGlitePool(pglite, options.acquireTimeoutMs ?? 60_000)),
  });
}

/** The engine behind a handle or a transaction. */
export function databaseEngine(db: Kysely<unknown> | Db): DatabaseEngine {
  return db.getExecutor().adapter instanceof PGliteAdapter ? 'pglite' : 'postgres';
}

const INT8_OID = 20;

function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID) return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}

/** Streams the command's rows, in COPY text format, into `COPY … FROM STDIN` on this client. */
async function copyInto(client: pg.PoolClient, sql: string, command: CopyFromCommand): Promise<number> {
  const stream = client.query(copyFrom(sql));
  function* lines(): Generator<string> {
    let chunk = '';
    for (const row of command.rows) {
      chunk += row.map(copyText).join('\t') + '\n';
      if (chunk.length >= 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), stream);
  return stream.rowCount;
}

/**
 * A `pg` pool whose clients also understand the driver commands (scripts, COPY).
 * Each pg client keeps one wrapper so Kysely sees a stable connection identity.
 *
 * A connection lost while its client is checked out (a query or a transaction in
 * progress) makes the `pg` client emit 'error' on itself, where `pg-pool` listens only
 * while the client is idle: unheard, it would crash the process. Every client gets a
 * listener of its own for its whole life; the query in flight fails with the error
 * anyway, later queries on the client fail ("not queryable"), and on release the pool
 * drops the client (it is no longer queryable) and connects a new one when needed.
 */
class PgCommandPool implements PostgresPool {
  readonly #pool: pg.Pool;
  readonly #onConnectionError: (err: Error) => void;
  readonly #wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  constructor(pool: pg.Pool, onConnectionError: (err: Error) => void) {
    this.#pool = pool;
    this.#onConnectionError = onConnectionError;
  }

  get options(): object {
    return this.#pool.options;
  }

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.#pool.connect();
    let wrapper = this.#wrappers.get(client);
    if (!wrapper) {
      // Once per client (a client lives in one wrapper): one report per lost connection.
      let lost = false;
      client.on('error', (err: Error) => {
        if (lost) return;
        lost = true;
        this.#onConnectionError(err);
      });
      const query = async (sql: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>) => {
        if (typeof sql !== 'string') throw new Error('cursors are not supported by the Vigil database layer');
        const command = driverCommand(parameters);
        if (command instanceof ScriptCommand) {
          await client.query(sql);
          return { command: 'SELECT', rowCount: 0, rows: [] };
        }
        if (command instanceof CopyFromCommand) {
          const rowCount = await copyInto(client, sql, command);
          return { command: 'INSERT', rowCount, rows: [] };
        }
        return client.query(sql, parameters as unknown[]);
      };
      wrapper = {
        query,
        release: (destroy?: boolean) => client.release(destroy),
        get processID() {
          return (client as unknown as { processID?: number }).processID;
        },
      } as unknown as PostgresPoolClient;
      this.#wrappers.set(client, wrapper);
    }
    return wrapper;
  }

  end(): Promise<void> {
    return this.#pool.end();
  }
}

/** Marks Kysely instances running on PGlite (see {@link databaseEngine}). */
class PGliteAdapter extends PostgresAdapter {}

class PGliteDialect extends PostgresDialect {
  constructor(pool: PGlitePool) {
    super({ pool });
  }

  override createAdapter(): PostgresAdapter {
    return new PGliteAdapter();
  }
}

/**
 * PGlite is one connection. This pool hands it to one borrower at a time (a FIFO
 * mutex), so two transactions never interleave their statements, and it maps
 * PGlite's results to the `pg` shape Kysely's driver reads.
 *
 * A borrower that waits on the pool while holding it (a query on the database
 * handle inside a transaction instead of on the transaction) would wait forever;
 * the acquire timeout turns that into an error that says so.
 */
class PGlitePool implements PostgresPool {
  readonly options = {};
  readonly #pglite: PGlite;
  readonly #timeoutMs: number;
  #tail: Promise<void> = Promise.resolve();

  constructor(pglite: PGlite, timeoutMs: number) {
    this.#pglite = pglite;
    this.#timeoutMs = timeoutMs;
  }

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        previous,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            reject(
              new DbError(
                'DB_CONNECTION_BUSY',
                `the embedded database was busy for ${this.#timeoutMs} ms: a transaction is open for too long, ` +
                  'or code inside a transaction queries the database handle instead of the transaction',
              ),
            );
          }, this.#timeoutMs);
        }),
      ]);
    } catch (err) {
      // Our turn is given up: pass it on as soon as it comes.
      void previous.then(release);
      throw err;
    } finally {
      clearTimeout(timer);
    }
    const pglite = this.#pglite;
    let released = false;
    const query = async (sql: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>) => {
      if (typeof sql !== 'string') throw new Error('cursors are not supported by the Vigil database layer');
      if (released) throw new Error('PGlite connection used after release');
      const command = driverCommand(parameters);
      if (command instanceof ScriptCommand) {
        await pglite.exec(sql);
        return { command: 'SELECT', rowCount: 0, rows: [] };
      }
      if (command instanceof CopyFromCommand) {
        throw new Error('COPY FROM STDIN is not available on PGlite: use a multi-row INSERT');
      }
      const result = await pglite.query<Record<string, unknown>>(sql, parameters as unknown[]);
      return {
        command: (result.command ?? 'SELECT').toUpperCase(),
        rowCount: result.rowCount ?? result.affectedRows ?? 0,
        rows: result.rows,
      } as PostgresQueryResult<unknown>;
    };
    return {
      query,
      release: () => {
        if (released) return;
        released = true;
        release();
      },
    } as unknown as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.#pglite.close();
  }
}
