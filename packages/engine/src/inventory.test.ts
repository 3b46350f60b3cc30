import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from './errors.ts';
import type { Inventory } from './inventory.ts';
import { INVENTORY_VERSION, inventoryUnits, loadInventory, saveInventory } from './inventory.ts';
import { runScan } from './runner.ts';
import { bucket, bucketEncrypted } from './testing/fixtures.test-helpers.ts';

const inv: Inventory = {
  vigilInventory: INVENTORY_VERSION,
  provider: 'test',
  generatedAt: '2026-11-01T00:00:00Z',
  accounts: ['111111111111', '222222222222'],
  regions: ['us-east-1'],
  collectedTypes: ['Bucket'],
  resources: [bucket('a'), bucket('b', { encrypted: false })] as Inventory['resources'],
  failures: [
    { provider: 'test', account: '222222222222', region: 'us-east-1', service: 'storage', resourceType: 'Bucket', code: 'AccessDenied', message: 'denied' },
  ],
};

describe('inventory', () => {
  it('round-trips through plain and gzip files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-inv-'));
    for (const name of ['inv.json', 'inv.json.gz']) {
      await saveInventory(join(dir, name), inv);
      expect(await loadInventory(join(dir, name))).toEqual(inv);
    }
  });

  it('re-evaluates to the same statuses, failures included', async () => {
    const statuses: string[] = [];
    for await (const e of runScan({ checks: [bucketEncrypted], units: inventoryUnits(inv, new Set(['Bucket'])) })) {
      if (e.type === 'finding') statuses.push(`${e.finding.account}:${e.finding.resource.name}:${e.finding.status}`);
    }
    expect(statuses.sort()).toEqual([
      '111111111111:a:PASS',
      '111111111111:b:FAIL',
      '222222222222:Bucket in 222222222222/us-east-1:ERROR',
    ]);
  });

  it('explains a broken file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-inv-'));
    writeFileSync(join(dir, 'bad.json'), '{"resources": [');
    await expect(loadInventory(join(dir, 'bad.json'))).rejects.toThrow(InputFileError);
    writeFileSync(join(dir, 'other.json'), '{"hello": 1}');
    await expect(loadInventory(join(dir, 'other.json'))).rejects.toThrow(/not a Vigil inventory.*--save-inventory/);
    await expect(loadInventory(join(dir, 'missing.json'))).rejects.toThrow(/Cannot read inventory file/);
  });
});
