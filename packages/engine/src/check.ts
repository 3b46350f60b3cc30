import type { z } from 'zod';
import type { CheckMetadata, Remediation, Resource, Severity } from './model.ts';
import { SEVERITIES } from './model.ts';

/** What `evaluate` returns: the status and one sentence naming the resource and the deciding fact. */
export interface CheckResult {
  status: 'PASS' | 'FAIL' | 'MANUAL';
  message: string;
}

/** Read-only context handed to `evaluate`. */
export interface CheckContext<O = Record<string, unknown>> {
  /** The check's options, validated and with defaults applied. */
  options: O;
  /** The time of the scan (fixed for a whole scan so results are reproducible). */
  now: Date;
  /** The account being evaluated. */
  account: string;
  /**
   * Resources of another type in the same account, all regions. Only the types the
   * check declares in `uses` are available.
   */
  related<T extends object = Record<string, unknown>>(type: string): readonly Resource<T>[];
  /**
   * Computes a value once per account for this check and reuses it for every resource,
   * e.g. an index over related resources, so cross-resource checks stay linear.
   */
  memo<T>(key: string, compute: () => T): T;
}

type AnyOptionsSchema = z.ZodObject<z.ZodRawShape>;

export interface CheckSpec<A extends object, S extends AnyOptionsSchema | undefined> {
  id: string;
  provider: string;
  service: string;
  /** At most 150 characters; states the good state, never starts with "Ensure". */
  title: string;
  severity: Severity;
  resourceType: string;
  /** Attributes of the resource that `evaluate` reads. A failure to collect one → ERROR. */
  requires: readonly (keyof A & string)[];
  /** Other resource types (and their attributes) the check reads through `ctx.related`. */
  uses?: Readonly<Record<string, readonly string[]>>;
  categories?: readonly string[];
  description: string;
  risk: string;
  remediation: Remediation;
  /** Options with defaults, e.g. `z.object({ maxKeyAgeDays: z.number().int().positive().default(90) })`. */
  options?: S;
  /** Resources the check does not apply to (e.g. AWS-managed keys) get no finding. */
  appliesTo?: (resource: Resource<A>) => boolean;
  evaluate: (
    resource: Resource<A>,
    ctx: CheckContext<S extends AnyOptionsSchema ? z.output<S> : Record<string, never>>,
  ) => CheckResult;
}

/** A registered check: metadata plus the functions the engine calls. */
export interface Check extends CheckMetadata {
  requires: readonly string[];
  uses: Readonly<Record<string, readonly string[]>>;
  options?: AnyOptionsSchema;
  appliesTo?: (resource: Resource) => boolean;
  evaluate: (resource: Resource, ctx: CheckContext<Record<string, unknown>>) => CheckResult;
}

const ID_PATTERN = /^[a-z0-9]+(_[a-z0-9]+)+$/;

/**
 * Defines a check. The metadata is validated when the module loads so a malformed
 * check fails the build, not a scan.
 */
export function defineCheck<A extends object, S extends AnyOptionsSchema | undefined = undefined>(
  spec: CheckSpec<A, S>,
): Check {
  const problems = validateCheckSpec(spec);
  if (problems.length > 0) {
    throw new Error(`Invalid check ${spec.id}: ${problems.join('; ')}`);
  }
  return {
    id: spec.id,
    provider: spec.provider,
    service: spec.service,
    title: spec.title,
    severity: spec.severity,
    resourceType: spec.resourceType,
    categories: [...(spec.categories ?? [])],
    description: spec.description,
    risk: spec.risk,
    remediation: spec.remediation,
    requires: spec.requires,
    uses: spec.uses ?? {},
    options: spec.options,
    appliesTo: spec.appliesTo as Check['appliesTo'],
    evaluate: spec.evaluate as unknown as Check['evaluate'],
  };
}

export function validateCheckSpec(spec: {
  id: string;
  title: string;
  severity: string;
  description: string;
  risk: string;
  remediation: Remediation;
  resourceType: string;
}): string[] {
  const problems: string[] = [];
  if (!ID_PATTERN.test(spec.id)) problems.push('id must be snake_case <provider>_<service>_<what>');
  if (!spec.title || spec.title.length > 150) problems.push('title must be 1–150 characters');
  if (/^ensure\b/i.test(spec.title)) problems.push('title must not start with "Ensure"');
  if (!(SEVERITIES as readonly string[]).includes(spec.severity)) problems.push(`unknown severity ${spec.severity}`);
  if (!spec.description.trim()) problems.push('description is empty');
  if (!spec.risk.trim()) problems.push('risk is empty');
  if (!spec.remediation?.recommendation?.trim()) problems.push('remediation.recommendation is empty');
  if (!spec.resourceType) problems.push('resourceType is empty');
  return problems;
}

/** The metadata part of a check (what findings and listings carry). */
export function checkMetadata(check: Check): CheckMetadata {
  const { id, provider, service, title, severity, resourceType, categories, description, risk, remediation } = check;
  return { id, provider, service, title, severity, resourceType, categories, description, risk, remediation };
}

/** Parses user-supplied options for a check, applying defaults. */
export function resolveCheckOptions(check: Check, given: unknown): Record<string, unknown> {
  if (!check.options) return {};
  const parsed = check.options.safeParse(given ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`Invalid options for check ${check.id}: ${issues}`);
  }
  return parsed.data as Record<string, unknown>;
}
