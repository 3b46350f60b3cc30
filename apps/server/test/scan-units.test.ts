import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsChecks, awsCollectors } from '@vigil/aws';
import { inventoryUnits, loadInventory, planScan, runScan } from '@vigil/engine';
import type { Check, Finding, Inventory, Resource, ScanRuntime, ScanUnit } from '@vigil/engine';
import { FragmentBuilder, decodeFragment, encodeFragment, evaluationRuns, splitChecks, unitGroups } from '../src/worker/scan-units.ts';
import type { EndedUnit } from '../src/worker/scan-units.ts';

const INVENTORY = resolve(import.meta.dirname, '../../../examples/inventory.json');

async function findingsOf(checks: readonly Check[], units: readonly ScanUnit[], now: Date, onEvent?: (e: { type: string; [k: string]: unknown }) => void): Promise<Finding[]> {
  const out: Finding[] = [];
  for await (const e of runScan({ checks, units, now, emitResources: onEvent !== undefined })) {
    if (e.type === 'finding') out.push(e.finding);
    onEvent?.(e as unknown as { type: string });
  }
  return out;
}

/**
 * The example inventory as a live scan would collect it: one engine unit per (account,
 * region, collector), global collectors in region `global`.
 */
function liveUnits(inv: Inventory): ScanUnit[] {
  const byType = new Map(awsCollectors.map((c) => [c.resourceType, c]));
  const units = new Map<string, ScanUnit & { resources: Resource[] }>();
  for (const r of inv.resources) {
    const c = byType.get(r.type);
    if (!c) throw new Error(`no collector for ${r.type}`);
    const region = c.scope === 'global' ? 'global' : r.region;
    const key = `${r.account}/${region}/${r.type}`;
    let u = units.get(key);
    if (!u) {
      const resources: Resource[] = [];
      u = {
        id: key,
        provider: 'aws',
        account: r.account,
        region,
        service: c.service,
        resourceType: r.type,
        resources,
        async *run(_rt: ScanRuntime) {
          yield* resources;
        },
      };
      units.set(key, u);
    }
    u.resources.push(r as Resource);
  }
  return [...units.values()];
}

const key = (f: Finding) => `${f.id} ${f.status} ${f.message}`;

/**
 * The worker splits an account's scan into collection units of one service in one region
 * (immediate checks, and a fragment of what cross-resource checks read) and one
 * evaluation step over the fragments. Whatever the split, the findings are those of one
 * engine run over the whole account: same ids, statuses and messages.
 */
describe('scan units', () => {
  it('split into (region, service) units and an evaluation step, a scan finds exactly what one run finds', async () => {
    const inv = await loadInventory(INVENTORY);
    const now = new Date(inv.generatedAt);
    const checks = [...awsChecks];
    const reference = await findingsOf(checks, inventoryUnits(inv, new Set(inv.collectedTypes)), now);

    const { immediate, deferred, storedTypes } = splitChecks(checks);
    expect(deferred.length).toBeGreaterThan(10);
    const units = liveUnits(inv);
    const groups = unitGroups(units);
    expect(groups.length).toBeGreaterThan(20);
    const split: Finding[] = [];
    const ended: EndedUnit[] = [];
    for (const g of groups) {
      const mine = units.filter((u) => u.region === g.region && u.service === g.service);
      expect(mine.length).toBe(g.collectors);
      const fragment = new FragmentBuilder(storedTypes);
      split.push(
        ...(await findingsOf(immediate, mine, now, (e) => {
          if (e.type === 'resource') fragment.resource(e.resource as Resource);
        })),
      );
      // Through the same encoding as the database column.
      ended.push({ region: g.region, service: g.service, state: 'completed', failureReason: null, fragment: await decodeFragment(await encodeFragment(fragment.build(mine))) });
    }
    const plan = planScan(checks, awsCollectors);
    for (const run of evaluationRuns({ provider: 'aws', account: inv.accounts[0] as string, checks, collectors: plan.collectors, units: ended })) {
      split.push(...(await findingsOf(run.checks, run.units, now)));
    }

    expect(reference.length).toBeGreaterThan(300);
    expect(split.length).toBe(reference.length);
    expect(split.map(key).sort()).toEqual(reference.map(key).sort());
  });

  it('a unit that failed on every attempt turns its checks, and the cross-resource checks reading its types, to ERROR', async () => {
    const inv = await loadInventory(INVENTORY);
    const now = new Date(inv.generatedAt);
    const checks = [...awsChecks];
    const { immediate, storedTypes } = splitChecks(checks);
    const units = liveUnits(inv);
    const ended: EndedUnit[] = [];
    const split: Finding[] = [];
    for (const g of unitGroups(units)) {
      if (g.service === 's3') {
        // Lost: no findings, no fragment.
        ended.push({ region: g.region, service: g.service, state: 'failed', failureReason: 'The worker failed 3 time(s) on this work', fragment: undefined });
        continue;
      }
      const mine = units.filter((u) => u.region === g.region && u.service === g.service);
      const fragment = new FragmentBuilder(storedTypes);
      split.push(...(await findingsOf(immediate, mine, now, (e) => e.type === 'resource' && fragment.resource(e.resource as Resource))));
      ended.push({ region: g.region, service: g.service, state: 'completed', failureReason: null, fragment: fragment.build(mine) });
    }
    const plan = planScan(checks, awsCollectors);
    for (const run of evaluationRuns({ provider: 'aws', account: inv.accounts[0] as string, checks, collectors: plan.collectors, units: ended })) {
      split.push(...(await findingsOf(run.checks, run.units, now)));
    }
    const s3Checks = checks.filter((c) => c.resourceType.startsWith('AwsS3'));
    expect(s3Checks.length).toBeGreaterThan(5);
    for (const c of s3Checks) {
      const mine = split.filter((f) => f.checkId === c.id);
      expect(mine.length, c.id).toBeGreaterThan(0);
      expect(mine.every((f) => f.status === 'ERROR' && f.errorCode === 'UnitFailed'), c.id).toBe(true);
    }
    // A trail's checks that read its bucket cannot decide without it.
    const readers = checks.filter((c) => !c.resourceType.startsWith('AwsS3') && Object.keys(c.uses).some((t) => t.startsWith('AwsS3')));
    expect(readers.length).toBeGreaterThan(0);
    for (const c of readers) {
      const mine = split.filter((f) => f.checkId === c.id);
      expect(mine.every((f) => f.status === 'ERROR' || f.status === 'MANUAL'), c.id).toBe(true);
    }
    // Ids stay unique: no check reported twice for one resource.
    expect(new Set(split.map((f) => f.id)).size).toBe(split.length);
  });
});
