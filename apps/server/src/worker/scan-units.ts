import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { inventoryUnits } from '@vigil/engine';
import type { Check, Inventory, PlannedCollector, Resource, ScanUnit, UnitFailureRecord } from '@vigil/engine';

/**
 * How an account's scan splits into units (see `scan_units`): collection units of one
 * service in one region, which evaluate the checks that need no other resource as
 * resources arrive, and one evaluation step, which runs the checks that read other
 * resources over what the collection units kept. Pure functions, shared by the worker
 * and its tests.
 */

/** Checks evaluated as each resource is collected, those that read other resources, and the types the latter need kept. */
export interface SplitChecks {
  immediate: Check[];
  deferred: Check[];
  storedTypes: Set<string>;
}

export function splitChecks(checks: readonly Check[]): SplitChecks {
  const immediate: Check[] = [];
  const deferred: Check[] = [];
  const storedTypes = new Set<string>();
  for (const c of checks) {
    if (Object.keys(c.uses).length === 0) {
      immediate.push(c);
      continue;
    }
    deferred.push(c);
    storedTypes.add(c.resourceType);
    for (const t of Object.keys(c.uses)) storedTypes.add(t);
  }
  return { immediate, deferred, storedTypes };
}

/** An account's collection units: one per (region, service) of its engine units, in their order (global services first). */
export function unitGroups(units: readonly Pick<ScanUnit, 'region' | 'service'>[]): { region: string; service: string; collectors: number }[] {
  const groups = new Map<string, { region: string; service: string; collectors: number }>();
  for (const u of units) {
    const key = `${u.region}\u0000${u.service}`;
    const g = groups.get(key);
    if (g) g.collectors++;
    else groups.set(key, { region: u.region, service: u.service, collectors: 1 });
  }
  return [...groups.values()];
}

/**
 * What a collection unit keeps for its account's evaluation step: the resources of the
 * types cross-resource checks read, the types it collected (so "none found" is not
 * "not collected") and the listings that failed.
 */
export interface InventoryFragment {
  collectedTypes: string[];
  resources: Resource[];
  failures: UnitFailureRecord[];
}

/** Gathers a collection unit's fragment from the engine's `resource` and `error` events. */
export class FragmentBuilder {
  private readonly resources: Resource[] = [];
  private readonly failures: UnitFailureRecord[] = [];
  private readonly storedTypes: ReadonlySet<string>;
  constructor(storedTypes: ReadonlySet<string>) {
    this.storedTypes = storedTypes;
  }

  /** True when the unit must keep anything (the engine then emits resources). */
  get needed(): boolean {
    return this.storedTypes.size > 0;
  }

  resource(r: Resource): void {
    if (this.storedTypes.has(r.type)) this.resources.push(r);
  }

  failure(f: UnitFailureRecord): void {
    if (this.storedTypes.has(f.resourceType)) this.failures.push(f);
  }

  /** The fragment of a unit that ran these engine units. */
  build(units: readonly Pick<ScanUnit, 'resourceType'>[]): InventoryFragment {
    const collectedTypes = [...new Set(units.map((u) => u.resourceType).filter((t) => this.storedTypes.has(t)))];
    return { collectedTypes, resources: this.resources, failures: this.failures };
  }
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export async function encodeFragment(f: InventoryFragment): Promise<Buffer> {
  return gzipAsync(JSON.stringify(f));
}

export async function decodeFragment(data: Uint8Array): Promise<InventoryFragment> {
  return JSON.parse((await gunzipAsync(data)).toString('utf8')) as InventoryFragment;
}

/** A collection unit as the evaluation step sees it. */
export interface EndedUnit {
  region: string;
  service: string;
  state: string;
  failureReason: string | null;
  fragment: InventoryFragment | undefined;
}

/**
 * The engine runs of an account's evaluation step:
 * - the cross-resource checks over every fragment of the account, with the listings
 *   that failed, so a check whose resources or related resources could not be read is
 *   ERROR, never PASS or FAIL;
 * - for collection units that failed as a whole (every attempt), one ERROR per check of
 *   each type they plan — what the engine reports for a listing that failed.
 */
export function evaluationRuns(input: {
  provider: string;
  account: string;
  checks: readonly Check[];
  collectors: readonly PlannedCollector[];
  units: readonly EndedUnit[];
}): { checks: Check[]; units: ScanUnit[] }[] {
  const { immediate, deferred, storedTypes } = splitChecks(input.checks);
  const collectedTypes = new Set<string>();
  const resources: Resource[] = [];
  const failures: UnitFailureRecord[] = [];
  /** The listings of the units that failed as a whole (a subset of `failures`). */
  const lost: UnitFailureRecord[] = [];
  const failedTypes = new Set<string>();
  for (const u of input.units) {
    if (u.state === 'failed') {
      for (const p of input.collectors) {
        if (p.collector.service !== u.service || (p.collector.scope === 'global') !== (u.region === 'global')) continue;
        failedTypes.add(p.collector.resourceType);
        const f: UnitFailureRecord = {
          provider: input.provider,
          account: input.account,
          region: u.region,
          service: u.service,
          resourceType: p.collector.resourceType,
          code: 'UnitFailed',
          message: u.failureReason ?? 'the unit failed',
        };
        failures.push(f);
        lost.push(f);
      }
      continue;
    }
    if (!u.fragment) continue;
    for (const t of u.fragment.collectedTypes) collectedTypes.add(t);
    for (const r of u.fragment.resources) resources.push(r);
    for (const f of u.fragment.failures) failures.push(f);
  }
  const runs: { checks: Check[]; units: ScanUnit[] }[] = [];
  const inventory = (parts: Pick<Inventory, 'accounts' | 'collectedTypes' | 'resources' | 'failures'>): Inventory => ({
    vigilInventory: 1,
    provider: input.provider,
    generatedAt: new Date().toISOString(),
    regions: [],
    ...parts,
  });
  if (deferred.length > 0) {
    const inv = inventory({ accounts: [input.account], collectedTypes: [...collectedTypes], resources, failures: failures.filter((f) => storedTypes.has(f.resourceType)) });
    runs.push({ checks: deferred, units: inventoryUnits(inv, storedTypes) });
  }
  const failedChecks = immediate.filter((c) => failedTypes.has(c.resourceType));
  if (failedChecks.length > 0) {
    // Only the failed listings: these checks already ran on every resource that was collected.
    const inv = inventory({ accounts: [], collectedTypes: [], resources: [], failures: lost });
    runs.push({ checks: failedChecks, units: inventoryUnits(inv, failedTypes) });
  }
  return runs;
}
