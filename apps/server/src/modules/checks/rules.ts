/**
 * The condition language of custom checks: declarative rules over a resource's
 * attributes, validated when a check is saved and compiled to an engine `Check`.
 *
 * A rule is a condition; a resource PASSes when the condition holds and FAILs
 * otherwise. Conditions, as JSON:
 *
 * | condition | holds when |
 * |---|---|
 * | `{ "all": [c, …] }` | every condition holds (1–50 of them) |
 * | `{ "any": [c, …] }` | at least one holds (1–50) |
 * | `{ "not": c }` | `c` does not hold |
 * | `{ "path": p, "equals": v }` | the value at `p` deep-equals the JSON value `v` |
 * | `{ "path": p, "in": [v, …] }` | the value at `p` equals one of 1–100 scalars |
 * | `{ "path": p, "exists": true }` | the value at `p` is present and not null (`false`: absent or null) |
 * | `{ "path": p, "regex": r, "flags"?: "imsu" }` | the value at `p` is a string matching `r` (≤ 200 chars; nested repetition such as `(a+)+` is refused) |
 * | `{ "path": p, "lt" \| "lte" \| "gt" \| "gte": n }` | the value at `p` is a number and compares so with `n` |
 *
 * A path is dot-separated: `encryption.enabled`, `rules.0.port` (a number indexes an
 * array); segments are letters, digits and `_`, at most 10. The first segment names
 * the attribute, and every attribute a rule reads is declared in the check's
 * `requires`: when a collector failed to read one, the engine reports ERROR for the
 * resource instead of evaluating the rule. A rule has at most 200 conditions and
 * nests at most 10 deep.
 */
import { defineCheck, validateCheckSpec } from '@vigil/engine';
import type { Check, Remediation, Resource, Severity } from '@vigil/engine';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type Scalar = string | number | boolean | null;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { path: string; equals: JsonValue }
  | { path: string; in: Scalar[] }
  | { path: string; exists: boolean }
  | { path: string; regex: string; flags?: string }
  | { path: string; lt: number }
  | { path: string; lte: number }
  | { path: string; gt: number }
  | { path: string; gte: number };

/** The operators of a leaf condition (`path` plus exactly one of these). */
export const LEAF_OPERATORS = ['equals', 'in', 'exists', 'regex', 'lt', 'lte', 'gt', 'gte'] as const;
export const GROUP_OPERATORS = ['all', 'any', 'not'] as const;

export const RULE_LIMITS = { conditions: 200, depth: 10, children: 50, inValues: 100, pathSegments: 10, regexLength: 200 } as const;

const SEGMENT = /^(?:[A-Za-z_][A-Za-z0-9_]{0,63}|\d{1,6})$/;
const REGEX_FLAGS = /^[imsu]{0,4}$/;
/**
 * A group containing a quantifier that is itself quantified: the classic shape of
 * catastrophic backtracking. A heuristic (Node has no linear-time regex engine); values
 * are also cut to {@link MAX_REGEX_INPUT} characters before matching.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

/** A rule that does not validate; `problems` name the place (`rule.all[1].path`) and what to fix. */
export class RuleError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid rule: ${problems.join('; ')}`);
    this.name = 'RuleError';
    this.problems = problems;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function isJson(v: unknown, depth = 0): v is JsonValue {
  if (depth > 20) return false;
  if (isScalar(v)) return typeof v !== 'number' || Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJson(x, depth + 1));
  if (isObject(v)) return Object.values(v).every((x) => isJson(x, depth + 1));
  return false;
}

function pathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path === '') return 'must be a non-empty string of dot-separated attribute names';
  const segments = path.split('.');
  if (segments.length > RULE_LIMITS.pathSegments) return `has ${segments.length} segments; at most ${RULE_LIMITS.pathSegments}`;
  const bad = segments.find((s) => !SEGMENT.test(s));
  if (bad !== undefined) return `"${path}" has an invalid segment "${bad}": use letters, digits and _ (or an array index)`;
  if (/^\d/.test(segments[0] ?? '')) return `"${path}" must start with an attribute name, not an index`;
  return undefined;
}

/**
 * Checks a rule and returns it typed, or throws {@link RuleError} listing every problem
 * with its place in the rule.
 */
export function validateRule(input: unknown): Condition {
  const problems: string[] = [];
  let count = 0;
  const visit = (c: unknown, at: string, depth: number): void => {
    count++;
    if (count > RULE_LIMITS.conditions) {
      if (count === RULE_LIMITS.conditions + 1) problems.push(`rule: more than ${RULE_LIMITS.conditions} conditions`);
      return;
    }
    if (depth > RULE_LIMITS.depth) {
      problems.push(`${at}: nested deeper than ${RULE_LIMITS.depth} levels`);
      return;
    }
    if (!isObject(c)) {
      problems.push(`${at}: must be an object such as {"path": "…", "equals": …} or {"all": […]}`);
      return;
    }
    const keys = Object.keys(c);
    const group = keys.filter((k) => (GROUP_OPERATORS as readonly string[]).includes(k));
    if (group.length > 0) {
      const op = group[0] as (typeof GROUP_OPERATORS)[number];
      if (keys.length !== 1) {
        problems.push(`${at}: "${op}" must be the only key of its condition (found ${keys.map((k) => `"${k}"`).join(', ')})`);
        return;
      }
      if (op === 'not') return visit(c.not, `${at}.not`, depth + 1);
      const list = c[op];
      if (!Array.isArray(list) || list.length === 0 || list.length > RULE_LIMITS.children) {
        problems.push(`${at}.${op}: must be an array of 1–${RULE_LIMITS.children} conditions`);
        return;
      }
      list.forEach((child, i) => visit(child, `${at}.${op}[${i}]`, depth + 1));
      return;
    }
    if (!('path' in c)) {
      problems.push(
        `${at}: unknown condition with keys ${keys.map((k) => `"${k}"`).join(', ') || '(none)'}: ` +
          `use all, any, not, or path with one of ${LEAF_OPERATORS.join(', ')}`,
      );
      return;
    }
    const pp = pathProblem(c.path);
    if (pp) problems.push(`${at}.path: ${pp}`);
    const ops = keys.filter((k) => k !== 'path' && k !== 'flags');
    const unknown = ops.filter((k) => !(LEAF_OPERATORS as readonly string[]).includes(k));
    if (unknown.length > 0) {
      problems.push(`${at}: unknown operator ${unknown.map((k) => `"${k}"`).join(', ')}; use one of ${LEAF_OPERATORS.join(', ')}`);
      return;
    }
    if (ops.length !== 1) {
      problems.push(`${at}: a condition on a path needs exactly one operator (${LEAF_OPERATORS.join(', ')}); found ${ops.length}`);
      return;
    }
    const op = ops[0] as (typeof LEAF_OPERATORS)[number];
    if ('flags' in c && op !== 'regex') problems.push(`${at}.flags: only allowed with "regex"`);
    const v = c[op];
    switch (op) {
      case 'equals':
        if (!isJson(v)) problems.push(`${at}.equals: must be a JSON value`);
        break;
      case 'in':
        if (!Array.isArray(v) || v.length === 0 || v.length > RULE_LIMITS.inValues || !v.every(isScalar)) {
          problems.push(`${at}.in: must be an array of 1–${RULE_LIMITS.inValues} strings, numbers, booleans or nulls`);
        }
        break;
      case 'exists':
        if (typeof v !== 'boolean') problems.push(`${at}.exists: must be true or false`);
        break;
      case 'regex': {
        const flags = c.flags ?? '';
        if (typeof flags !== 'string' || !REGEX_FLAGS.test(flags)) problems.push(`${at}.flags: must be a combination of i, m, s and u`);
        if (typeof v !== 'string' || v.length === 0 || v.length > RULE_LIMITS.regexLength) {
          problems.push(`${at}.regex: must be a pattern of 1–${RULE_LIMITS.regexLength} characters`);
          break;
        }
        try {
          new RegExp(v, typeof flags === 'string' && REGEX_FLAGS.test(flags) ? flags : '');
        } catch (err) {
          problems.push(`${at}.regex: /${v}/ is not a valid regular expression (${(err as Error).message})`);
          break;
        }
        if (NESTED_QUANTIFIER.test(v)) {
          problems.push(`${at}.regex: /${v}/ repeats a group that itself repeats (like (a+)+), which can take exponential time; rewrite it without the nesting`);
        }
        break;
      }
      default:
        if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${at}.${op}: must be a finite number`);
    }
  };
  visit(input, 'rule', 1);
  if (problems.length > 0) throw new RuleError(problems);
  return input as Condition;
}

/** The attributes a rule reads: the first segment of every path, in order of appearance. */
export function ruleAttributes(rule: Condition): string[] {
  const out = new Set<string>();
  const visit = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else out.add(c.path.split('.')[0] ?? c.path);
  };
  visit(rule);
  return [...out];
}

function lookup(attributes: unknown, path: string): unknown {
  let v: unknown = attributes;
  for (const segment of path.split('.')) {
    if (Array.isArray(v) && /^\d+$/.test(segment)) v = v[Number(segment)];
    else if (isObject(v) && Object.hasOwn(v, segment)) v = v[segment];
    else return undefined;
  }
  return v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

const show = (v: unknown): string => {
  if (v === undefined) return 'absent';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

/** Regular expressions only ever see this much of a value, bounding the cost of a bad pattern. */
const MAX_REGEX_INPUT = 4096;

type Outcome = { ok: true } | { ok: false; why: string };

function describe(c: Condition): string {
  if ('all' in c) return `all of (${c.all.map(describe).join(', ')})`;
  if ('any' in c) return `any of (${c.any.map(describe).join(', ')})`;
  if ('not' in c) return `not ${describe(c.not)}`;
  const [op, v] = Object.entries(c).find(([k]) => k !== 'path' && k !== 'flags') ?? ['?', undefined];
  return `${c.path} ${op} ${show(v)}`;
}

/** Compiles a validated condition to a function of the attributes that explains a failure. */
function compile(c: Condition): (attributes: unknown) => Outcome {
  if ('all' in c) {
    const parts = c.all.map(compile);
    return (a) => {
      for (const p of parts) {
        const r = p(a);
        if (!r.ok) return r;
      }
      return { ok: true };
    };
  }
  if ('any' in c) {
    const parts = c.any.map(compile);
    const text = c.any.map(describe).join(', ');
    return (a) => (parts.some((p) => p(a).ok) ? { ok: true } : { ok: false, why: `none of (${text}) holds` });
  }
  if ('not' in c) {
    const inner = compile(c.not);
    const text = describe(c.not);
    return (a) => (inner(a).ok ? { ok: false, why: `${text} holds` } : { ok: true });
  }
  const path = c.path;
  const fail = (value: unknown, expected: string): Outcome => ({ ok: false, why: `${path} is ${show(value)}, expected ${expected}` });
  if ('equals' in c) {
    const want = c.equals;
    return (a) => {
      const v = lookup(a, path);
      return deepEqual(v, want) ? { ok: true } : fail(v, show(want));
    };
  }
  if ('in' in c) {
    const set = c.in;
    return (a) => {
      const v = lookup(a, path);
      return set.some((x) => x === v) ? { ok: true } : fail(v, `one of ${show(set)}`);
    };
  }
  if ('exists' in c) {
    const want = c.exists;
    return (a) => {
      const v = lookup(a, path);
      return (v !== undefined && v !== null) === want ? { ok: true } : fail(v, want ? 'a value' : 'absent');
    };
  }
  if ('regex' in c) {
    const re = new RegExp(c.regex, c.flags ?? '');
    return (a) => {
      const v = lookup(a, path);
      return typeof v === 'string' && re.test(v.slice(0, MAX_REGEX_INPUT)) ? { ok: true } : fail(v, `a string matching /${c.regex}/${c.flags ?? ''}`);
    };
  }
  const [op, n] = 'lt' in c ? (['lt', c.lt] as const) : 'lte' in c ? (['lte', c.lte] as const) : 'gt' in c ? (['gt', c.gt] as const) : (['gte', c.gte] as const);
  const cmp = { lt: (x: number) => x < n, lte: (x: number) => x <= n, gt: (x: number) => x > n, gte: (x: number) => x >= n }[op];
  const sign = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[op];
  return (a) => {
    const v = lookup(a, path);
    return typeof v === 'number' && cmp(v) ? { ok: true } : fail(v, `a number ${sign} ${n}`);
  };
}

/** What a custom check is made of (the stored row, in engine terms). */
export interface CustomCheckSpec {
  checkId: string;
  service: string;
  title: string;
  severity: Severity;
  resourceType: string;
  description: string;
  risk: string;
  remediation: Remediation;
  rule: unknown;
}

/** Custom check ids start with this, so a future built-in check never takes a tenant's id. */
export const CUSTOM_CHECK_PREFIX = 'custom_';

/**
 * Problems with a custom check's metadata and rule (empty when it compiles): the
 * engine's own metadata rules, the id prefix, and {@link validateRule}.
 */
export function customCheckProblems(spec: CustomCheckSpec): string[] {
  const problems = validateCheckSpec({ ...spec, id: spec.checkId }).map((p) => (p.startsWith('id ') ? `checkId${p.slice(2)}` : p));
  if (!spec.checkId.startsWith(CUSTOM_CHECK_PREFIX)) problems.push(`checkId must start with "${CUSTOM_CHECK_PREFIX}" (got "${spec.checkId}")`);
  try {
    validateRule(spec.rule);
  } catch (err) {
    if (err instanceof RuleError) problems.push(...err.problems);
    else throw err;
  }
  return problems;
}

/**
 * Compiles a custom check to an engine check (provider aws) that scans run like the
 * built-in ones: `requires` lists the attributes its rule reads, so a resource whose
 * attribute failed to collect is ERROR, never FAIL.
 *
 * @throws RuleError when the spec does not validate.
 */
export function compileCustomCheck(spec: CustomCheckSpec): Check {
  const problems = customCheckProblems(spec);
  if (problems.length > 0) throw new RuleError(problems);
  const rule = spec.rule as Condition;
  const test = compile(rule);
  return defineCheck<Record<string, unknown>>({
    id: spec.checkId,
    provider: 'aws',
    service: spec.service,
    title: spec.title,
    severity: spec.severity,
    resourceType: spec.resourceType,
    requires: ruleAttributes(rule),
    categories: ['custom'],
    description: spec.description,
    risk: spec.risk,
    remediation: spec.remediation,
    evaluate(resource: Resource<Record<string, unknown>>) {
      const r = test(resource.attributes);
      return r.ok
        ? { status: 'PASS', message: `${resource.name} satisfies ${spec.checkId}.` }
        : { status: 'FAIL', message: `${resource.name} fails ${spec.checkId}: ${r.why}.` };
    },
  });
}
