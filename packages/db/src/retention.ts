import type { Db } from './database.ts';
import { detachFindingPartitionsOlderThan } from './partitions.ts';

/**
 * The retention cutoff: `now` minus `months` calendar months (UTC), the day clamped to
 * the target month's length (31 May minus 3 months is 28 or 29 February).
 */
export function findingsRetentionCutoff(now: Date, months: number): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(now.getUTCDate(), lastDay),
      now.getUTCHours(),
      now.getUTCMinutes(),
      now.getUTCSeconds(),
      now.getUTCMilliseconds(),
    ),
  );
}

/**
 * Findings retention: detaches and drops the monthly findings partitions whose whole
 * month is older than `months` months before `now` (default the current time). A
 * partition is dropped only once its last day has left the retention window, so up to
 * one month more than the retention is kept, never less. Findings of the dropped months
 * are gone; their scans stay, with their counts. Run it as the connecting role (like
 * {@link ensureFindingPartitions}), never inside {@link withTenant}.
 *
 * @param options.months retention in months, a positive integer.
 * @returns the names of the partitions dropped, oldest first.
 * @throws RangeError when `months` is not a positive integer.
 */
export async function dropExpiredFindingPartitions(db: Db, options: { months: number; now?: Date }): Promise<string[]> {
  if (!Number.isInteger(options.months) || options.months <= 0) {
    throw new RangeError(`findings retention must be a positive whole number of months, got ${options.months}`);
  }
  const cutoff = findingsRetentionCutoff(options.now ?? new Date(), options.months);
  return detachFindingPartitionsOlderThan(db, cutoff, { drop: true });
}

/**
 * Event-driven scans (`trigger = 'event'`, one resource each, one per CloudTrail event)
 * older than the findings retention: deleted with what hangs off them, since their
 * findings went with their months. Full and scheduled scans stay (their counts are the
 * history); only ended scans are deleted. Run it as the connecting role, like
 * {@link dropExpiredFindingPartitions}.
 *
 * @returns the number of scans deleted.
 * @throws RangeError when `months` is not a positive integer.
 */
export async function deleteExpiredEventScans(db: Db, options: { months: number; now?: Date }): Promise<number> {
  if (!Number.isInteger(options.months) || options.months <= 0) {
    throw new RangeError(`findings retention must be a positive whole number of months, got ${options.months}`);
  }
  const cutoff = findingsRetentionCutoff(options.now ?? new Date(), options.months);
  const r = await db
    .deleteFrom('scans')
    .where('trigger', '=', 'event')
    .where('created_at', '<', cutoff)
    .where('state', 'in', ['completed', 'completed_with_errors', 'failed', 'cancelled'])
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
