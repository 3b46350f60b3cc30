const DAY_MS = 86_400_000;

/** Whole days from `iso` to `now` (negative in the future); `undefined` for a missing or bad date. */
export function daysSince(iso: string | null | undefined, now: Date): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  return Math.floor((now.getTime() - t) / DAY_MS);
}

/** `2026-01-31` for an ISO timestamp. */
export function day(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : 'never';
}
