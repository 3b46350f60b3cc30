/**
 * Pure helpers to read IAM policy documents: statements as object or array, Action /
 * Resource as string or array, wildcards matched the way IAM does (`*` and `?`,
 * case-insensitive for actions). Conditions are not evaluated: a grant with a condition
 * still counts as a grant.
 */
import type { PolicyDocument, PolicyStatement } from '../../../resources/iam.ts';

export interface Statement {
  sid: string | undefined;
  effect: 'Allow' | 'Deny';
  /** `null` when the statement uses `NotAction` instead. */
  actions: string[] | null;
  notActions: string[] | null;
  resources: string[] | null;
  notResources: string[] | null;
  principal: Principals | null;
  notPrincipal: Principals | null;
  condition: Record<string, Record<string, unknown>>;
}

export interface Principals {
  /** `"Principal": "*"` or `{"AWS": "*"}`. */
  everyone: boolean;
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
}

export function toArray(v: string | readonly string[] | undefined | null): string[] {
  if (v === undefined || v === null) return [];
  return typeof v === 'string' ? [v] : [...v];
}

function principals(p: PolicyStatement['Principal']): Principals | null {
  if (p === undefined || p === null) return null;
  if (p === '*') return { everyone: true, aws: ['*'], service: [], federated: [], canonicalUser: [] };
  const get = (key: string) => {
    const found = Object.entries(p).find(([k]) => k.toLowerCase() === key.toLowerCase());
    return toArray(found?.[1] as string | string[] | undefined);
  };
  const aws = get('AWS');
  return {
    everyone: aws.includes('*'),
    aws,
    service: get('Service'),
    federated: get('Federated'),
    canonicalUser: get('CanonicalUser'),
  };
}

/** The statements of a document, normalized. A missing document has none. */
export function statementsOf(doc: PolicyDocument | null | undefined): Statement[] {
  if (!doc || typeof doc !== 'object') return [];
  const raw = doc.Statement;
  const list: PolicyStatement[] = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  return list
    .filter((s): s is PolicyStatement => Boolean(s) && typeof s === 'object')
    .map((s) => ({
      sid: s.Sid,
      effect: String(s.Effect).toLowerCase() === 'allow' ? 'Allow' : 'Deny',
      actions: s.Action === undefined ? null : toArray(s.Action),
      notActions: s.NotAction === undefined ? null : toArray(s.NotAction),
      resources: s.Resource === undefined ? null : toArray(s.Resource),
      notResources: s.NotResource === undefined ? null : toArray(s.NotResource),
      principal: principals(s.Principal),
      notPrincipal: principals(s.NotPrincipal),
      condition: s.Condition && typeof s.Condition === 'object' ? s.Condition : {},
    }));
}

const regexCache = new Map<string, RegExp>();
/** IAM wildcard match: `*` any run of characters, `?` one character. */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = true): boolean {
  const key = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, caseInsensitive ? 'i' : '');
    regexCache.set(key, re);
  }
  return re.test(value);
}

/** True if the statement's action part covers `action` (e.g. `sts:AssumeRole`). */
export function coversAction(s: Statement, action: string): boolean {
  if (s.actions) return s.actions.some((p) => wildcardMatch(p, action));
  if (s.notActions) return !s.notActions.some((p) => wildcardMatch(p, action));
  return false;
}

/** True if the statement applies to every resource (`Resource: "*"`, or a `NotResource`). */
export function onAllResources(s: Statement): boolean {
  if (s.resources) return s.resources.includes('*');
  return s.notResources !== null;
}

/** An Allow of every action (`*` or `*:*`) on every resource: full administrator access. */
export function isAdminStatement(s: Statement): boolean {
  return s.effect === 'Allow' && (s.actions ?? []).some((a) => a === '*' || a === '*:*') && onAllResources(s);
}

/** True if the document grants full `*:*` administrator access. */
export function allowsFullAdmin(doc: PolicyDocument | null | undefined): boolean {
  return statementsOf(doc).some(isAdminStatement);
}

/**
 * The Allow statements that grant every action of `service` (e.g. `kms`): `kms:*`, or a
 * `NotAction` that excludes nothing of the service. `*` alone is left to the admin checks.
 */
export function serviceWildcardStatements(doc: PolicyDocument | null | undefined, service: string): Statement[] {
  const all = `${service}:*`.toLowerCase();
  return statementsOf(doc).filter((s) => {
    if (s.effect !== 'Allow') return false;
    if (s.actions) return s.actions.some((a) => a.toLowerCase() === all);
    if (s.notActions) {
      // Any NotAction pattern whose service part could match `service` carves something out.
      return !s.notActions.some((p) => wildcardMatch(p.split(':')[0] ?? p, service));
    }
    return false;
  });
}

/** True if some Allow statement grants `action` on every resource (`*`). */
export function allowsActionOnAllResources(doc: PolicyDocument | null | undefined, action: string): boolean {
  return statementsOf(doc).some((s) => s.effect === 'Allow' && coversAction(s, action) && onAllResources(s));
}

/** Condition keys (any operator) that tie an AWS service's request to a source account or resource. */
export const SOURCE_CONDITION_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths'];

export function conditionKeys(s: Statement): string[] {
  return Object.values(s.condition).flatMap((block) =>
    block && typeof block === 'object' ? Object.keys(block).map((k) => k.toLowerCase()) : [],
  );
}

/** True if the statement constrains the caller by a source account, ARN or organization. */
export function hasSourceCondition(s: Statement): boolean {
  return conditionKeys(s).some((k) => SOURCE_CONDITION_KEYS.includes(k));
}

/** The account id in an AWS principal (`123456789012`, `arn:aws:iam::123456789012:…`); `*` for everyone. */
export function principalAccount(principal: string): string | undefined {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return principal;
  const m = /^arn:[^:]+:(?:iam|sts)::(\d{12}|\*):/.exec(principal);
  return m?.[1];
}
