import { describe, expect, it } from 'vitest';
import { defineCheck } from './check.ts';
import { baseCollectContext } from './context.ts';
import type { ScanRuntime } from './context.ts';
import type { Finding, Resource, ScanEvent } from './model.ts';
import { runScan } from './runner.ts';
import type { RunScanOptions, ScanUnit } from './runner.ts';
import { isTarget } from './targets.ts';
import { bucket, bucketEncrypted, trail, trailBucketLogging, unit } from './testing/fixtures.test-helpers.ts';

async function run(opts: RunScanOptions): Promise<ScanEvent[]> {
  const events: ScanEvent[] = [];
  for await (const e of runScan(opts)) events.push(e);
  return events;
}
const findings = (events: ScanEvent[]): Finding[] =>
  events.filter((e): e is Extract<ScanEvent, { type: 'finding' }> => e.type === 'finding').map((e) => e.finding);

/** A unit that lists buckets and enriches `encrypted` through the real collector context, counting the calls. */
function enrichingUnit(names: string[], calls: string[]): ScanUnit {
  return {
    id: '111111111111/us-east-1/buckets',
    provider: 'test',
    account: '111111111111',
    region: 'us-east-1',
    service: 'storage',
    resourceType: 'Bucket',
    async *run(rt: ScanRuntime) {
      const ctx = baseCollectContext(rt, {
        provider: 'test',
        account: '111111111111',
        region: 'us-east-1',
        resourceType: 'Bucket',
        attributes: { encrypted: {}, logging: {} },
        wants: new Set(['encrypted', 'logging']),
      });
      for (const name of names) {
        const r = ctx.resource<{ encrypted?: boolean; logging?: string | null }>({ id: `bucket:${name}`, name, attributes: {} });
        await ctx.enrich(r, 'encrypted', async () => {
          calls.push(`encrypted:${name}`);
          return name !== 'open';
        });
        await ctx.enrich(r, 'logging', async () => {
          calls.push(`logging:${name}`);
          return 'logs';
        });
        yield r as Resource;
      }
    },
  };
}

/** The buckets the checks below were called on. */
const evaluated: string[] = [];

/** Compares a bucket with the others: its own type is context. */
const loggingLikeOthers = defineCheck<{ encrypted: boolean; logging: string | null }>({
  id: 'test_bucket_logging_like_others',
  provider: 'test',
  service: 'storage',
  title: 'Buckets log like the other buckets',
  severity: 'low',
  resourceType: 'Bucket',
  requires: ['encrypted'],
  uses: { Bucket: ['logging'] },
  description: 'Checks that every other bucket logs.',
  risk: 'None.',
  remediation: { recommendation: 'Log.' },
  evaluate(r, ctx) {
    evaluated.push(r.name);
    const others = ctx.related<{ logging: string | null }>('Bucket').filter((b) => b.id !== r.id);
    return others.every((b) => b.attributes.logging)
      ? { status: 'PASS', message: `Bucket ${r.name}: ${others.length} other buckets log.` }
      : { status: 'FAIL', message: `Bucket ${r.name}: another bucket does not log.` };
  },
});

describe('isTarget', () => {
  it('matches a targeted type by id or name and keeps every resource of other types', () => {
    const targets = { Bucket: ['bucket:a', 'b'] };
    expect(isTarget(targets, { type: 'Bucket', id: 'bucket:a', name: 'a' })).toBe(true);
    expect(isTarget(targets, { type: 'Bucket', id: 'bucket:b', name: 'b' })).toBe(true);
    expect(isTarget(targets, { type: 'Bucket', id: 'bucket:c', name: 'c' })).toBe(false);
    expect(isTarget(targets, { type: 'Trail', id: 'trail:x', name: 'x' })).toBe(true);
  });
});

describe('runScan with targets', () => {
  it('evaluates and emits only the target, and skips enrichment of the other resources of its type', async () => {
    const calls: string[] = [];
    const events = await run({
      checks: [bucketEncrypted],
      units: [enrichingUnit(['a', 'open', 'c'], calls)],
      emitResources: true,
      targets: { Bucket: ['open'] },
    });
    expect(findings(events).map((f) => [f.resource.name, f.status])).toEqual([['open', 'FAIL']]);
    expect(events.filter((e) => e.type === 'resource').map((e) => (e.type === 'resource' ? e.resource.name : ''))).toEqual(['open']);
    expect(calls.sort()).toEqual(['encrypted:open', 'logging:open']);
    const done = events.at(-1);
    expect(done?.type === 'done' && done.summary.byStatus.FAIL).toBe(1);
  });

  it('enriches every resource without targets', async () => {
    const calls: string[] = [];
    const events = await run({ checks: [bucketEncrypted], units: [enrichingUnit(['a', 'open'], calls)] });
    expect(findings(events)).toHaveLength(2);
    expect(calls).toHaveLength(4);
  });

  it('yields no finding for a target that no longer exists (the caller resolves it)', async () => {
    const events = await run({ checks: [bucketEncrypted], units: [unit('111111111111', 'Bucket', [bucket('a')])], targets: { Bucket: ['bucket:gone'] } });
    expect(findings(events)).toEqual([]);
    expect(events.at(-1)?.type).toBe('done');
  });

  it('runs only the checks of targeted types and does not run units nobody needs', async () => {
    let trailsListed = false;
    const trails: ScanUnit = {
      ...unit('111111111111', 'Trail', [trail('main', 'logs-ok')]),
      async *run() {
        trailsListed = true;
        yield trail('main', 'logs-ok');
      },
    };
    const events = await run({
      checks: [bucketEncrypted, trailBucketLogging],
      units: [unit('111111111111', 'Bucket', [bucket('a'), bucket('b', { encrypted: false })]), trails],
      targets: { Bucket: ['b'] },
    });
    expect(findings(events).map((f) => [f.checkId, f.resource.name, f.status])).toEqual([['test_bucket_encrypted', 'b', 'FAIL']]);
    expect(trailsListed).toBe(false);
    const done = events.at(-1);
    expect(done?.type === 'done' && done.stats.unitsTotal).toBe(1);
  });

  it('collects the types a targeted cross-resource check uses in full', async () => {
    const events = await run({
      checks: [trailBucketLogging],
      units: [
        unit('111111111111', 'Trail', [trail('main', 'logs-ok'), trail('other', 'logs-bad')]),
        unit('111111111111', 'Bucket', [bucket('logs-ok'), bucket('logs-bad', { logging: null })], { delayMs: 10 }),
      ],
      targets: { Trail: ['trail:other'] },
    });
    expect(findings(events).map((f) => [f.resource.name, f.status])).toEqual([['other', 'FAIL']]);
  });

  it('drops the findings of non-target resources of a targeted type that is also context', async () => {
    const events = await run({
      checks: [trailBucketLogging, bucketEncrypted],
      units: [
        unit('111111111111', 'Trail', [trail('main', 'logs-ok')]),
        unit('111111111111', 'Bucket', [bucket('logs-ok'), bucket('x', { encrypted: false })]),
      ],
      targets: { Trail: ['main'], Bucket: ['logs-ok'] },
    });
    expect(findings(events).map((f) => [f.checkId, f.resource.name, f.status]).sort()).toEqual([
      ['test_bucket_encrypted', 'logs-ok', 'PASS'],
      ['test_trail_bucket_logging', 'main', 'PASS'],
    ]);
  });

  it('reports a failed listing of a targeted type as an error event, not as a finding on another resource', async () => {
    const events = await run({
      checks: [bucketEncrypted],
      units: [unit('111111111111', 'Bucket', [], { error: { code: 'AccessDenied', message: 'no ListBuckets' } })],
      targets: { Bucket: ['a'] },
    });
    expect(findings(events)).toEqual([]);
    expect(events.some((e) => e.type === 'error' && e.code === 'AccessDenied')).toBe(true);
  });

  it('keeps the other resources of a targeted type as context when a check uses the type, enriched with what it uses only', async () => {
    const calls: string[] = [];
    evaluated.length = 0;
    const events = await run({ checks: [loggingLikeOthers], units: [enrichingUnit(['a', 'open', 'c'], calls)], targets: { Bucket: ['open'] } });
    expect(evaluated).toEqual(['open']);
    expect(findings(events).map((f) => [f.resource.name, f.status, f.message])).toEqual([['open', 'PASS', 'Bucket open: 2 other buckets log.']]);
    expect(calls.sort()).toEqual(['encrypted:open', 'logging:a', 'logging:c', 'logging:open']);
  });
});
