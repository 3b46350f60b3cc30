import type { Check } from './check.ts';
import type { Resource } from './model.ts';
import type { ScanRuntime } from './context.ts';
import type { RunScanOptions, ScanUnit } from './runner.ts';

/**
 * The resources a targeted run looks at: resource type → ids (ARN) or names. A
 * resource of a targeted type is a target when its id or its name is in the list.
 */
export type ScanTargets = Readonly<Record<string, readonly string[]>>;

/** Identifies a resource for {@link isTarget}: a `Resource` or a finding's `resource`. */
export interface TargetRef {
  type: string;
  id: string;
  name: string;
}

/**
 * True unless `r` is of a targeted type without being one of its targets (a resource
 * of a type that is not targeted is always kept: it is context for cross-resource checks).
 */
export function isTarget(targets: ScanTargets, r: TargetRef): boolean {
  const list = targets[r.type];
  if (!list) return true;
  return list.includes(r.id) || list.includes(r.name);
}

/** What {@link applyTargets} makes of the options of a targeted run. */
export interface TargetedRun {
  opts: RunScanOptions;
  /** False for a resource (or a finding's resource) that must be neither emitted nor evaluated. */
  keep(r: TargetRef): boolean;
}

/**
 * Narrows a scan to its targets (`opts.targets`); without targets, returns the options as
 * they are. The rules:
 *
 * - only checks whose resource type is targeted are evaluated;
 * - units are kept for targeted types and for the types those checks `use`; the others
 *   are not run at all;
 * - a targeted type's collector still lists (listing is how a resource is re-read, and
 *   how a deleted one is noticed), but `ctx.enrich` is skipped for its non-target
 *   resources, which are neither evaluated nor emitted;
 * - a type the kept checks `use` is collected in full, with every wanted enrichment,
 *   so cross-resource checks decide exactly as in a full scan. When such a type is also
 *   targeted (a check that compares a bucket with the other buckets), its non-target
 *   resources are listed and kept as context, enriched with just the attributes those
 *   checks `use`, and are not evaluated.
 */
export function applyTargets(opts: RunScanOptions): TargetedRun {
  const targets = opts.targets;
  if (!targets) return { opts, keep: () => true };
  const targeted = new Set(Object.keys(targets));
  const checks: Check[] = opts.checks.filter((c) => targeted.has(c.resourceType));
  // Attributes the kept checks read from related resources, per type.
  const used = new Map<string, Set<string>>();
  for (const c of checks) {
    for (const [type, attrs] of Object.entries(c.uses)) {
      const set = used.get(type) ?? new Set<string>();
      for (const a of attrs) set.add(a);
      used.set(type, set);
    }
  }
  const keep = (r: TargetRef) => isTarget(targets, r);
  const units: ScanUnit[] = [];
  for (const u of opts.units) {
    if (!targeted.has(u.resourceType)) {
      if (used.has(u.resourceType)) units.push(u);
      continue;
    }
    const context = used.get(u.resourceType);
    units.push({
      ...u,
      async *run(rt: ScanRuntime) {
        const narrowed: ScanRuntime = {
          ...rt,
          skipEnrichment: (r: Resource, attribute: string) => !keep(r) && !context?.has(attribute),
        };
        for await (const r of u.run(narrowed)) if (context || keep(r)) yield r;
      },
    });
  }
  return { opts: { ...opts, checks, units }, keep };
}
