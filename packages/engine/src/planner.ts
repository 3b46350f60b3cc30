import type { Check } from './check.ts';
import type { ApiCall, Collector } from './collector.ts';
import { UsageError } from './errors.ts';
import type { Severity } from './model.ts';
import { SEVERITIES } from './model.ts';
import { didYouMean } from './suggest.ts';

export interface Selection {
  checks?: readonly string[];
  excludedChecks?: readonly string[];
  services?: readonly string[];
  excludedServices?: readonly string[];
  severities?: readonly string[];
  categories?: readonly string[];
  /** Check ids allowed by the selected compliance frameworks (intersection with the rest). */
  complianceChecks?: ReadonlySet<string>;
}

/** Resolves a selection against the catalogue. Unknown names are usage errors with suggestions. */
export function selectChecks(catalogue: readonly Check[], sel: Selection): Check[] {
  const ids = new Set(catalogue.map((c) => c.id));
  const services = new Set(catalogue.map((c) => c.service));
  const categories = new Set(catalogue.flatMap((c) => c.categories));
  const known = (kind: string, values: readonly string[] | undefined, set: Set<string>) => {
    for (const v of values ?? []) {
      if (!set.has(v)) throw new UsageError(`Unknown ${kind} "${v}".${didYouMean(v, set)} List them with: vigil checks list`);
    }
  };
  known('check', sel.checks, ids);
  known('check', sel.excludedChecks, ids);
  known('service', sel.services, services);
  known('service', sel.excludedServices, services);
  known('category', sel.categories, categories);
  for (const s of sel.severities ?? []) {
    if (!(SEVERITIES as readonly string[]).includes(s)) {
      throw new UsageError(`Unknown severity "${s}".${didYouMean(s, SEVERITIES)} Use one of: ${SEVERITIES.join(', ')}`);
    }
  }
  const only = sel.checks?.length ? new Set(sel.checks) : undefined;
  const excluded = new Set(sel.excludedChecks ?? []);
  const svc = sel.services?.length ? new Set(sel.services) : undefined;
  const exSvc = new Set(sel.excludedServices ?? []);
  const sev = sel.severities?.length ? new Set(sel.severities as Severity[]) : undefined;
  const cat = sel.categories?.length ? new Set(sel.categories) : undefined;
  return catalogue.filter(
    (c) =>
      (!only || only.has(c.id)) &&
      !excluded.has(c.id) &&
      (!svc || svc.has(c.service)) &&
      !exSvc.has(c.service) &&
      (!sev || sev.has(c.severity)) &&
      (!cat || c.categories.some((x) => cat.has(x))) &&
      (!sel.complianceChecks || sel.complianceChecks.has(c.id)),
  );
}

export interface PlannedCollector<C extends Collector = Collector> {
  collector: C;
  /** The attributes the selected checks need from this collector's resources. */
  wants: Set<string>;
  /** The calls this collector will make: its listing calls plus the wanted enrichments. */
  calls: ApiCall[];
}

export interface ScanPlan<C extends Collector = Collector> {
  checks: Check[];
  collectors: PlannedCollector<C>[];
}

export interface PlanOptions {
  /**
   * Attributes to collect as well wherever a planned collector declares them, e.g. `tags`
   * when a mutelist matches on tags.
   */
  alsoWant?: readonly string[];
}

/** From the selected checks, the collectors and enrichment calls needed, and no others. */
export function planScan<C extends Collector>(
  checks: readonly Check[],
  collectors: readonly C[],
  options: PlanOptions = {},
): ScanPlan<C> {
  const byType = new Map<string, C>();
  for (const c of collectors) {
    if (byType.has(c.resourceType)) throw new Error(`Two collectors produce ${c.resourceType}`);
    byType.set(c.resourceType, c);
  }
  const wants = new Map<string, Set<string>>();
  const want = (type: string, attrs: readonly string[], checkId: string) => {
    const collector = byType.get(type);
    if (!collector) throw new Error(`Check ${checkId} needs resource type ${type}, which no collector produces`);
    for (const a of attrs) {
      if (!(a in collector.attributes)) {
        throw new Error(`Check ${checkId} requires attribute ${type}.${a}, which collector ${collector.id} does not produce`);
      }
    }
    let set = wants.get(type);
    if (!set) wants.set(type, (set = new Set()));
    for (const a of attrs) set.add(a);
  };
  for (const check of checks) {
    want(check.resourceType, check.requires, check.id);
    for (const [type, attrs] of Object.entries(check.uses)) want(type, attrs, check.id);
  }
  const planned: PlannedCollector<C>[] = [];
  for (const [type, attrs] of wants) {
    const collector = byType.get(type) as C;
    for (const a of options.alsoWant ?? []) if (a in collector.attributes) attrs.add(a);
    const calls = [...collector.calls];
    for (const a of attrs) calls.push(...(collector.attributes[a]?.calls ?? []));
    planned.push({ collector, wants: attrs, calls: dedupeCalls(calls) });
  }
  planned.sort((a, b) => a.collector.id.localeCompare(b.collector.id));
  return { checks: [...checks], collectors: planned };
}

function dedupeCalls(calls: readonly ApiCall[]): ApiCall[] {
  const seen = new Map<string, ApiCall>();
  for (const c of calls) seen.set(c.action, c);
  return [...seen.values()];
}

export interface IamPolicy {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[];
}

/** The least-privilege IAM policy for exactly the calls a plan makes (plus the provider's own). */
export function leastPrivilegePolicy(plan: ScanPlan, extraActions: readonly string[] = []): IamPolicy {
  const actions = new Set(extraActions);
  for (const p of plan.collectors) for (const c of p.calls) actions.add(c.action);
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'VigilReadOnlyScan', Effect: 'Allow', Action: [...actions].sort(), Resource: '*' }],
  };
}
