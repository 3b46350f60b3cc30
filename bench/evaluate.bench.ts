/**
 * Evaluation benchmark: every AWS check over a generated inventory of at least 100,000
 * resources (the example inventory's resources cloned with new ids across accounts), with
 * no cloud calls. Prints resource-checks per second and memory; asserts nothing.
 *
 *   npm run bench            (or: node bench/evaluate.bench.ts [minResources])
 */
import { join } from 'node:path';
import type { Inventory, Resource } from '@vigil/engine';
import { inventoryUnits, loadInventory, planScan, runScan } from '@vigil/engine';
import { awsChecks, awsCollectors } from '@vigil/aws';

const MIN_RESOURCES = Number(process.argv[2] ?? 100_000);
const example = await loadInventory(join(import.meta.dirname, '..', 'examples', 'inventory.json'));

// Clone the example estate into as many accounts as needed to pass MIN_RESOURCES.
const copies = Math.ceil(MIN_RESOURCES / Math.max(1, example.resources.length));
const resources: Resource[] = [];
const accounts: string[] = [];
for (let i = 0; i < copies; i++) {
  const account = String(100000000000 + i);
  accounts.push(account);
  for (const r of example.resources) {
    resources.push({ ...r, account, id: r.id.replaceAll(example.accounts[0] ?? '123456789012', account) } as Resource);
  }
}
const inventory: Inventory = { ...example, accounts, resources: resources as Inventory['resources'], failures: [] };

const checks = [...awsChecks];
const plan = planScan(checks, awsCollectors);
const units = inventoryUnits(inventory, new Set(plan.collectors.map((p) => p.collector.resourceType)));
const checksPerType = new Map<string, number>();
for (const c of checks) checksPerType.set(c.resourceType, (checksPerType.get(c.resourceType) ?? 0) + 1);
const resourceChecks = resources.reduce((n, r) => n + (checksPerType.get(r.type) ?? 0), 0);

global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let peakHeap = heapBefore;
const started = performance.now();
let findings = 0;
for await (const e of runScan({ checks, units, concurrency: 16 })) {
  if (e.type === 'finding') {
    findings++;
    if ((findings & 0x3fff) === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
}
const seconds = (performance.now() - started) / 1000;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
console.log('Evaluation benchmark (inventory in memory, no cloud calls)');
console.log(`  resources:         ${resources.length} in ${accounts.length} accounts, ${checks.length} checks`);
console.log(`  resource-checks:   ${resourceChecks} in ${seconds.toFixed(2)} s → ${Math.round(resourceChecks / seconds).toLocaleString('en')} per second`);
console.log(`  findings:          ${findings} (${Math.round(findings / seconds).toLocaleString('en')} per second)`);
console.log(`  heap:              ${mb(heapBefore)} before (inventory loaded), peak ${mb(peakHeap)} while evaluating`);
