/**
 * Matching of CloudWatch Logs JSON metric filter patterns against the conditions a CIS
 * monitoring requirement needs. Patterns are normalised (whitespace, quotes, `$.` selectors,
 * keyword case) into terms `field op value`; a pattern covers a requirement when every
 * required term is present, whatever the order, spacing, quoting or extra terms.
 *
 * This is a presence test, not a logical proof: it does not check how the terms are combined
 * with `&&` and `||`.
 */

export interface FilterTerm {
  /** Selector without `$.`, e.g. `eventName`, `userIdentity.type`. */
  field: string;
  /** `=`, `!=`, `<`, `>`, `<=`, `>=`, `NOT EXISTS`, `EXISTS`, `IS NULL`, `IS TRUE`, `IS FALSE`. */
  op: string;
  /** Unquoted value; empty for the keyword operators. */
  value: string;
}

const TERM =
  /\$\.([A-Za-z0-9_$.\-[\]]+)\s*(?:(!=|<=|>=|=|<|>)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s()&|}]+)|(NOT\s+EXISTS|EXISTS|IS\s+NULL|IS\s+TRUE|IS\s+FALSE)\b)/gi;

function unquote(v: string): string {
  const q = v[0];
  if ((q === '"' || q === "'") && v.endsWith(q) && v.length >= 2) return v.slice(1, -1).replace(/\\(.)/g, '$1');
  return v;
}

/** The terms of a JSON filter pattern, normalised. Text (non-JSON) patterns have none. */
export function parseFilterTerms(pattern: string): FilterTerm[] {
  const terms: FilterTerm[] = [];
  for (const m of pattern.matchAll(TERM)) {
    const field = (m[1] ?? '').replace(/\.$/, '');
    if (m[4]) terms.push({ field, op: m[4].toUpperCase().replace(/\s+/g, ' '), value: '' });
    else terms.push({ field, op: m[2] ?? '=', value: unquote((m[3] ?? '').trim()) });
  }
  return terms;
}

export const termKey = (t: FilterTerm): string => `${t.field}\u0000${t.op}\u0000${t.value}`;

/** `$.eventName = "CreateTrail"`. */
export function formatTerm(t: FilterTerm): string {
  return t.value === '' && /^[A-Z ]+$/.test(t.op) ? `$.${t.field} ${t.op}` : `$.${t.field} ${t.op} "${t.value}"`;
}

/** The required terms missing from `pattern` (empty when the pattern covers them all). */
export function missingTerms(pattern: string, required: readonly FilterTerm[]): FilterTerm[] {
  const present = new Set(parseFilterTerms(pattern).map(termKey));
  return required.filter((t) => !present.has(termKey(t)));
}

/** True when the pattern has every required term. */
export function patternCovers(pattern: string, required: readonly FilterTerm[]): boolean {
  return required.length > 0 && missingTerms(pattern, required).length === 0;
}
