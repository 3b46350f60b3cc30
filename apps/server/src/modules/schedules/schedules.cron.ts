import { Cron } from 'croner';
import { ApiError } from '../../errors.ts';

/** How many upcoming runs a schedule's response lists. */
export const NEXT_RUNS = 5;

/** An IANA name (Europe/Paris, America/Argentina/Buenos_Aires, UTC, EST5EDT): not a bare offset such as +01:00. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

const invalid = (field: string, value: string, reason: string) =>
  new ApiError('VALIDATION', `Invalid body/${field} "${value.slice(0, 100)}": ${reason}`, {
    field,
    errors: [{ path: `body/${field}`, message: reason }],
  });

/** Collapses runs of blanks so that equal expressions are stored equally. */
export function normalizeCron(expression: string): string {
  return expression.trim().split(/\s+/).join(' ');
}

/**
 * Checks an IANA time zone name against the runtime's time zone database.
 *
 * @throws ApiError `VALIDATION` naming the field `timeZone`.
 */
export function checkTimeZone(timeZone: string): void {
  let known = false;
  if (ZONE_NAME.test(timeZone)) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      known = true;
    } catch {
      known = false;
    }
  }
  if (!known) throw invalid('timeZone', timeZone, 'not an IANA time zone name; give one such as UTC, Europe/Paris or America/New_York.');
}

function parse(expression: string, timeZone: string): Cron {
  // Five fields or a nickname only: croner would also take six or seven fields (seconds,
  // years) and read a lone ISO date as a one-off run, neither of which a schedule means.
  const fields = expression.split(' ');
  if (!(fields.length === 5 || (fields.length === 1 && /^@[a-z]+$/i.test(expression)))) {
    throw invalid(
      'cron',
      expression,
      `expected five fields (minute hour day-of-month month day-of-week) or a nickname such as @daily, got ${fields.length} field${fields.length === 1 ? '' : 's'}.`,
    );
  }
  try {
    return new Cron(expression, { timezone: timeZone, mode: '5-part' });
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).replace(/^CronPattern:\s*/, '');
    throw invalid('cron', expression, `${reason.replace(/\.$/, '')}. Give five fields (minute hour day-of-month month day-of-week) or a nickname such as @daily.`);
  }
}

/**
 * Validates a schedule's cron expression in its time zone: five fields or a nickname,
 * parsed by croner, and matching at least one future date.
 *
 * @throws ApiError `VALIDATION` naming the field (`cron` or `timeZone`).
 */
export function checkCron(expression: string, timeZone: string, now: Date): void {
  checkTimeZone(timeZone);
  if (parse(expression, timeZone).nextRun(now) === null) {
    throw invalid('cron', expression, 'it never matches a date (e.g. 31 February); check the day-of-month and month fields.');
  }
}

/**
 * The next `count` occurrences strictly after `after`, computed in the schedule's time
 * zone (so 02:00 stays 02:00 local across daylight-saving changes; a time that does not
 * exist that day runs at the first valid time after the gap, a time that occurs twice runs once).
 */
export function nextOccurrences(expression: string, timeZone: string, after: Date, count = NEXT_RUNS): Date[] {
  return parse(expression, timeZone).nextRuns(count, after);
}

/** The next occurrence strictly after `after`, or null when there is none. */
export function nextOccurrence(expression: string, timeZone: string, after: Date): Date | null {
  return parse(expression, timeZone).nextRun(after);
}
