import { sql } from 'kysely';
import type { Db } from './database.ts';

/** The findings partition holding a month: `findings_y2026m11` for November 2026 (UTC). */
export function findingPartitionName(month: Date): string {
  return `findings_y${month.getUTCFullYear()}m${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

function monthStart(date: Date, offset = 0): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
}

/**
 * Creates the monthly findings partitions from the month of `from` (default now) to
 * `monthsAhead` months after it (default 3), skipping those that exist: idempotent,
 * cheap, and safe to run at every start and daily. Run it as the connecting role
 * (not in {@link withTenant}): partitions get no grants of their own, on purpose —
 * the application reaches them only through the `findings` parent and its policy.
 *
 * @returns the names of the partitions created by this call.
 */
export async function ensureFindingPartitions(
  db: Db,
  options: { from?: Date; monthsAhead?: number } = {},
): Promise<string[]> {
  const from = options.from ?? new Date();
  const monthsAhead = options.monthsAhead ?? 3;
  const created: string[] = [];
  const existing = new Set(await findingPartitions(db));
  for (let i = 0; i <= monthsAhead; i++) {
    const start = monthStart(from, i);
    const name = findingPartitionName(start);
    if (existing.has(name)) continue;
    const end = monthStart(from, i + 1);
    // Names and bounds are built from numbers above, never from input.
    await sql
      .raw(
        `create table if not exists ${name} partition of findings ` +
          `for values from ('${start.toISOString()}') to ('${end.toISOString()}')`,
      )
      .execute(db);
    created.push(name);
  }
  return created;
}

/** Names of the findings partitions attached now, oldest first. */
export async function findingPartitions(db: Db): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    select c.relname as name
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'findings'::regclass
    order by c.relname`.execute(db);
  return rows.rows.map((r) => r.name);
}

/**
 * Retention: detaches the monthly findings partitions that end on or before `date`
 * (a partition is detached only when all its month is older). A detached partition
 * is an ordinary table with no policy and no grant: the application cannot read it;
 * archive it and drop it, or pass `drop: true` to drop it here.
 *
 * @returns the names of the partitions detached (and dropped, with `drop`).
 */
export async function detachFindingPartitionsOlderThan(
  db: Db,
  date: Date,
  options: { drop?: boolean } = {},
): Promise<string[]> {
  const detached: string[] = [];
  for (const name of await findingPartitions(db)) {
    const m = /^findings_y(\d{4})m(\d{2})$/.exec(name);
    if (!m) continue;
    const end = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1));
    if (end.getTime() > date.getTime()) continue;
    await db.transaction().execute(async (trx) => {
      await sql.raw(`alter table findings detach partition ${name}`).execute(trx);
      if (options.drop) await sql.raw(`drop table ${name}`).execute(trx);
    });
    detached.push(name);
  }
  return detached;
}
