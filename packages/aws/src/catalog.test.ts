import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Check } from '@vigil/engine';
import { planScan, validateCheckSpec } from '@vigil/engine';
import { frameworks } from '@vigil/compliance';
import { awsChecks, awsCollectors } from './catalog.ts';

const here = dirname(fileURLToPath(import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const isCheck = (x: unknown): x is Check =>
  typeof x === 'object' && x !== null && 'evaluate' in x && 'requires' in x && 'id' in x;

describe('AWS catalogue', () => {
  it('has at least 120 checks with unique ids and valid metadata', () => {
    expect(awsChecks.length).toBeGreaterThanOrEqual(120);
    const ids = awsChecks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of awsChecks) {
      expect(validateCheckSpec(c), c.id).toEqual([]);
      expect(c.provider).toBe('aws');
      expect(c.title.length, c.id).toBeLessThanOrEqual(150);
      expect(c.remediation.url ?? '', c.id).toMatch(/^https:\/\//);
    }
  });

  it('registers every check file, each next to its test, named after its id, in its service folder', async () => {
    const files = tsFiles(join(here, 'checks'));
    const registered = new Set<Check>(awsChecks);
    const found = new Set<Check>();
    for (const file of files) {
      const mod = (await import(file)) as { default?: unknown };
      if (!isCheck(mod.default)) continue;
      const check = mod.default;
      found.add(check);
      expect(registered.has(check), `${file} is not registered in catalog.ts`).toBe(true);
      expect(basename(file, '.ts')).toBe(check.id);
      expect(existsSync(file.replace(/\.ts$/, '.test.ts')), `${check.id} has no test`).toBe(true);
      expect(basename(dirname(file))).toBe(check.service);
    }
    expect(found.size).toBe(awsChecks.length);
  });

  it('registers every collector, each with a test, and no collector that no check needs', () => {
    const ids = awsCollectors.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const files = tsFiles(join(here, 'collectors')).filter((f) => f.endsWith('.collector.ts'));
    expect(files.length).toBe(awsCollectors.length);
    for (const f of files) expect(existsSync(f.replace(/\.ts$/, '.test.ts')), `${f} has no test`).toBe(true);
    const used = new Set(awsChecks.flatMap((c) => [c.resourceType, ...Object.keys(c.uses)]));
    for (const c of awsCollectors) expect(used.has(c.resourceType), `${c.id} produces ${c.resourceType}, which no check reads`).toBe(true);
  });

  it('plans every check: each required attribute is produced by a collector', () => {
    const plan = planScan(awsChecks, awsCollectors);
    expect(plan.collectors.length).toBe(awsCollectors.length);
    for (const p of plan.collectors) {
      for (const call of p.calls) expect(call.action.split(':')[0]).toMatch(/^[a-z0-9-]+$/);
    }
  });
});

describe('compliance mappings', () => {
  const ids = new Set(awsChecks.map((c) => c.id));

  it('name only existing checks', () => {
    for (const fw of frameworks) {
      for (const r of fw.requirements) {
        for (const id of r.checks) expect(ids.has(id), `${fw.id} ${r.id} → ${id}`).toBe(true);
      }
    }
  });

  it('cover every automated CIS AWS 4.0 requirement', () => {
    const cis = frameworks.find((f) => f.id === 'cis_4.0_aws');
    const automated = cis?.requirements.filter((r) => r.assessment === 'Automated') ?? [];
    expect(automated).toHaveLength(37);
    for (const r of automated) expect(r.checks.length, `CIS ${r.id} ${r.title}`).toBeGreaterThan(0);
  });
});
