/**
 * Pure analysis of AWS resource-based policies (SNS topic, SQS queue, Lambda function,
 * Secrets Manager secret, EFS file system, … policies): does a policy grant access to
 * anyone, without a condition that narrows who can use it?
 *
 * The analysis is deliberately simple and conservative:
 * - only `Allow` statements grant access; `Deny` statements are not subtracted, so a policy
 *   that allows everyone and then denies most callers still counts as public;
 * - a statement is public when its principal is everyone (`"*"`, `{"AWS": "*"}`,
 *   `{"CanonicalUser": "*"}`, an account wildcard such as `arn:aws:iam::*:root`) or when it
 *   uses `NotPrincipal` with `Allow`;
 * - such a statement is restricted (not public) when it carries at least one condition on a
 *   key that pins down the caller or the source (`aws:SourceAccount`, `aws:SourceArn`,
 *   `aws:PrincipalOrgID`, `aws:SourceVpce`, …) with a positive operator (not `…Not…`, not
 *   `…IfExists`) and concrete values (no bare `*`, no `0.0.0.0/0`).
 */

/** The JSON shape of an IAM policy document, as parsed from a resource policy string. */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement?: PolicyStatement | PolicyStatement[];
}

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: PolicyPrincipal;
  NotPrincipal?: PolicyPrincipal;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  /** Operator → condition key → value(s). */
  Condition?: Record<string, Record<string, unknown>>;
}

export type PolicyPrincipal = '*' | Record<string, string | string[]>;

/** Condition keys that narrow the callers of a statement, compared case-insensitively. */
export const RESTRICTING_CONDITION_KEYS: readonly string[] = [
  'aws:SourceAccount',
  'aws:SourceArn',
  'aws:SourceOwner',
  'aws:SourceOrgID',
  'aws:SourceOrgPaths',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:SourceIp',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:userid',
  'aws:username',
];

export interface PublicAccessOptions {
  /**
   * Further condition keys that count as restricting for this kind of resource, e.g.
   * `elasticfilesystem:AccessedViaMountTarget` for EFS. Bool keys must be `true`.
   */
  extraRestrictingKeys?: readonly string[];
}

/** One statement that makes a policy public. */
export interface PublicStatement {
  /** The statement's Sid, or `#<index>` when it has none. */
  sid: string;
  /** The actions it allows (`NotAction` statements are reported as `NotAction`). */
  actions: string[];
}

/** Parses a resource policy string. Empty or missing → `null`; invalid JSON throws. */
export function parsePolicy(text: string | null | undefined): PolicyDocument | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('Resource policy is not a JSON object');
  }
  return parsed as PolicyDocument;
}

/** The statements of a policy as an array (a single statement object is allowed by IAM). */
export function policyStatements(policy: PolicyDocument | null | undefined): PolicyStatement[] {
  const s = policy?.Statement;
  if (!s) return [];
  return Array.isArray(s) ? s : [s];
}

const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

const WILDCARD_ACCOUNT_ARN = /^arn:aws[a-z-]*:(iam|sts)::\*:/i;

/** True when a principal value designates everyone. */
export function isEveryonePrincipal(principal: PolicyPrincipal | undefined): boolean {
  if (principal === undefined) return false;
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  for (const [kind, value] of Object.entries(principal)) {
    for (const v of asArray(value)) {
      if (typeof v !== 'string') continue;
      if (v === '*') return true;
      if (kind.toUpperCase() === 'AWS' && WILDCARD_ACCOUNT_ARN.test(v)) return true;
    }
  }
  return false;
}

const OPEN_IP_RANGES = new Set(['0.0.0.0/0', '::/0']);

function isRestrictingCondition(operator: string, key: string, value: unknown, keys: ReadonlySet<string>): boolean {
  const op = operator.toLowerCase();
  const k = key.toLowerCase();
  if (!keys.has(k)) return false;
  // Negated operators, IfExists variants and Null checks do not pin the caller down.
  if (op.includes('not') || op.endsWith('ifexists') || op === 'null') return false;
  const values = asArray(value).map((v) => String(v));
  if (values.length === 0) return false;
  if (op === 'bool') return values.every((v) => v.toLowerCase() === 'true');
  if (values.some((v) => v === '*' || v === '')) return false;
  if (k === 'aws:sourceip' && values.some((v) => OPEN_IP_RANGES.has(v))) return false;
  return true;
}

/** True when the statement's conditions narrow who can use it. */
export function hasRestrictingCondition(statement: PolicyStatement, o: PublicAccessOptions = {}): boolean {
  const keys = new Set([...RESTRICTING_CONDITION_KEYS, ...(o.extraRestrictingKeys ?? [])].map((k) => k.toLowerCase()));
  const condition = statement.Condition;
  if (!condition || typeof condition !== 'object') return false;
  for (const [operator, block] of Object.entries(condition)) {
    if (!block || typeof block !== 'object') continue;
    for (const [key, value] of Object.entries(block)) {
      if (isRestrictingCondition(operator, key, value, keys)) return true;
    }
  }
  return false;
}

/** The `Allow` statements that grant access to everyone without a restricting condition. */
export function publicStatements(
  policy: PolicyDocument | null | undefined,
  o: PublicAccessOptions = {},
): PublicStatement[] {
  const out: PublicStatement[] = [];
  policyStatements(policy).forEach((st, i) => {
    if (typeof st !== 'object' || st === null) return;
    if (String(st.Effect ?? '').toLowerCase() !== 'allow') return;
    const everyone = isEveryonePrincipal(st.Principal) || st.NotPrincipal !== undefined;
    if (!everyone || hasRestrictingCondition(st, o)) return;
    out.push({
      sid: st.Sid ? st.Sid : `#${i}`,
      actions: st.Action !== undefined ? asArray(st.Action).map(String) : ['NotAction'],
    });
  });
  return out;
}

/** True when the policy grants access to everyone without a restricting condition. */
export function isPolicyPublic(policy: PolicyDocument | null | undefined, o: PublicAccessOptions = {}): boolean {
  return publicStatements(policy, o).length > 0;
}

/** A short human description of public statements for finding messages. */
export function describePublicStatements(statements: readonly PublicStatement[], maxShown = 3): string {
  const parts = statements.slice(0, maxShown).map((s) => `${s.sid} (${s.actions.join(', ')})`);
  const more = statements.length > maxShown ? ` and ${statements.length - maxShown} more` : '';
  return `${parts.join('; ')}${more}`;
}
