import type { Resource } from '@vigil/engine';
import type { KmsKeyAttributes, KmsPolicyStatement } from '../../resources/kms.ts';

type Key = Resource<Partial<KmsKeyAttributes>>;

/** `1234abcd-… (alias/app-data)`: the key id, with its first alias when it has one. */
export function keyLabel(key: Key): string {
  const alias = key.attributes.aliases?.[0];
  return alias ? `${key.name} (${alias})` : key.name;
}

/**
 * For `appliesTo`: true for customer managed keys, and for keys whose manager is unknown
 * because DescribeKey failed (the check then reports ERROR rather than skipping them).
 */
export function customerManagedOrUnknown(key: Key): boolean {
  const manager = key.attributes.keyManager;
  return manager === undefined || manager === 'CUSTOMER';
}

const toList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** True when a statement's principal is everyone (`*` or `{"AWS": "*"}`). */
function principalIsEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') {
    return toList((principal as Record<string, unknown>).AWS).some((p) => p === '*');
  }
  return false;
}

/** Condition keys that tie a request to known accounts, organizations, networks or sources. */
const RESTRICTING_KEYS = new Set([
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourcearn',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'kms:calleraccount',
]);

function valueRestricts(key: string, value: unknown): boolean {
  if (typeof value !== 'string' || value === '' || value === '*') return false;
  if (value.includes(':*:') || value.includes('::*')) return false; // any account in an ARN
  if (key === 'aws:sourceip' && (value === '0.0.0.0/0' || value === '::/0')) return false;
  return true;
}

/** True when a condition block limits who can use the statement (a positive match on a restricting key). */
export function conditionRestricts(condition: KmsPolicyStatement['Condition']): boolean {
  if (!condition || typeof condition !== 'object') return false;
  for (const [rawOperator, block] of Object.entries(condition)) {
    const operator = rawOperator.replace(/^ForAnyValue:/i, '');
    // Negated operators, "IfExists" and "ForAllValues" can all match requests that lack the key.
    if (/Not|IfExists|^ForAllValues:|^Null$|^Bool$/i.test(operator)) continue;
    if (!block || typeof block !== 'object') continue;
    for (const [rawKey, values] of Object.entries(block)) {
      const key = rawKey.toLowerCase();
      if (!RESTRICTING_KEYS.has(key)) continue;
      const list = toList(values);
      if (list.length > 0 && list.every((v) => valueRestricts(key, v))) return true;
    }
  }
  return false;
}

/** Statements of a key policy that allow anyone (any AWS account or anonymous caller) without a restricting condition. */
export function publicStatements(statements: readonly KmsPolicyStatement[] | undefined): KmsPolicyStatement[] {
  return toList(statements).filter((raw): raw is KmsPolicyStatement => {
    const s = raw as KmsPolicyStatement;
    if (!s || s.Effect !== 'Allow') return false;
    const open = s.NotPrincipal !== undefined || principalIsEveryone(s.Principal);
    return open && !conditionRestricts(s.Condition);
  });
}
