import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Db } from './database.ts';
import { DbError } from './errors.ts';
import type { Database } from './schema.ts';

/** The role every tenant transaction runs as: no BYPASSRLS, row-level security applies. */
export const APP_ROLE = 'vigil_app';

/** A transaction of a Vigil database, as passed to {@link withTenant} and {@link withSystem} callbacks. */
export type Tx = Transaction<Database>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID in canonical form (the shape of every Vigil id but findings' uids). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Runs `fn` in a transaction scoped to one tenant: the transaction switches to the
 * role `vigil_app` (`SET LOCAL ROLE`) and sets `app.tenant_id` for its duration only,
 * so row-level security shows and accepts that tenant's rows alone — another
 * tenant's rows are invisible, and writing one fails the policy's WITH CHECK.
 * Everything the request does goes through `trx`; never use the outer `db` inside
 * `fn` (on PGlite, a single connection, that would wait for this transaction).
 *
 * @throws DbError `DB_INVALID_TENANT` when `tenantId` is not a UUID.
 */
export async function withTenant<T>(db: Db, tenantId: string, fn: (trx: Tx) => Promise<T>): Promise<T> {
  if (!isUuid(tenantId)) throw new DbError('DB_INVALID_TENANT', `tenant id "${tenantId}" is not a UUID`);
  return db.transaction().execute(async (trx) => {
    // set_config('role', …, true) is SET LOCAL ROLE; one round trip for both settings.
    await sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true)`.execute(
      trx,
    );
    return fn(trx);
  });
}

const privileged = new WeakMap<Db, Promise<boolean>>();

/**
 * Runs `fn` in a transaction as the connecting role, without the tenant role: for
 * the narrow paths that must cross tenants — sign-up (create a tenant and its
 * owner), login (find a user and their memberships), API-key and refresh-token
 * lookup — and for maintenance (migrations, partitions). Keep what runs here small;
 * everything a tenant's request does belongs in {@link withTenant}.
 *
 * Row-level security is FORCEd, so the connecting role must be a superuser or have
 * BYPASSRLS; this is checked once per database handle.
 *
 * @throws DbError `DB_NOT_PRIVILEGED` when the connecting role would be filtered by row-level security.
 */
export async function withSystem<T>(db: Db, fn: (trx: Tx) => Promise<T>): Promise<T> {
  let check = privileged.get(db);
  if (!check) {
    check = sql<{ ok: boolean }>`select rolsuper or rolbypassrls as ok from pg_roles where rolname = current_user`
      .execute(db)
      .then((r) => r.rows[0]?.ok === true)
      .catch((err: unknown) => {
        // Not known yet (the database was unreachable): ask again next time.
        privileged.delete(db);
        throw err;
      });
    privileged.set(db, check);
  }
  if (!(await check)) {
    privileged.delete(db);
    throw new DbError(
      'DB_NOT_PRIVILEGED',
      'the database user must be a superuser or have BYPASSRLS for sign-up, login and maintenance ' +
        '(ALTER ROLE <user> BYPASSRLS); tenant requests run as vigil_app either way',
    );
  }
  return db.transaction().execute(fn);
}
