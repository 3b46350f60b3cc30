import { describe, expect, it } from 'vitest';
import type { Finding, ScanEvent } from './model.ts';
import { runScan } from './runner.ts';
import type { RunScanOptions } from './runner.ts';
import { Mutelist } from './mutelist.ts';
import { bucket, bucketEncrypted, trail, trailBucketLogging, unit } from './testing/fixtures.test-helpers.ts';

async function collectEvents(opts: RunScanOptions): Promise<ScanEvent[]> {
  const events: ScanEvent[] = [];
  for await (const e of runScan(opts)) events.push(e);
  return events;
}

const findings = (events: ScanEvent[]) =>
  events.filter((e): e is Extract<ScanEvent, { type: 'finding' }> => e.type === 'finding').map((e) => e.finding);
const byCheck = (fs: Finding[], id: string) => fs.filter((f) => f.checkId === id);

describe('runScan', () => {
  it('evaluates each resource and ends with a done event with counts', async () => {
    const events = await collectEvents({
      checks: [bucketEncrypted],
      units: [unit('111111111111', 'Bucket', [bucket('a'), bucket('b', { encrypted: false })])],
    });
    const fs = findings(events);
    expect(fs.map((f) => [f.resource.name, f.status])).toEqual([
      ['a', 'PASS'],
      ['b', 'FAIL'],
    ]);
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type === 'done') {
      expect(done.summary.byStatus).toMatchObject({ PASS: 1, FAIL: 1, ERROR: 0 });
      expect(done.stats.unitsDone).toBe(1);
    }
  });

  it('reports ERROR, never PASS or FAIL, when a required attribute failed to collect', async () => {
    const denied = bucket('secret');
    denied.errors.encrypted = { code: 'AccessDenied', message: 'not authorized' };
    const fs = findings(await collectEvents({ checks: [bucketEncrypted], units: [unit('111111111111', 'Bucket', [denied])] }));
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ status: 'ERROR', errorCode: 'AccessDenied' });
    expect(fs[0]?.message).toContain('secret');
  });

  it('turns a failed listing into ERROR findings and an error event', async () => {
    const events = await collectEvents({
      checks: [bucketEncrypted],
      units: [unit('111111111111', 'Bucket', [], { error: { code: 'AccessDenied', message: 'no ListBuckets' } })],
    });
    const fs = findings(events);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ status: 'ERROR', errorCode: 'AccessDenied' });
    expect(events.some((e) => e.type === 'error' && e.code === 'AccessDenied' && e.resourceType === 'Bucket')).toBe(true);
  });

  it('skips units of regions that are not enabled instead of reporting errors', async () => {
    const events = await collectEvents({
      checks: [bucketEncrypted],
      units: [unit('111111111111', 'Bucket', [], { region: 'ap-east-1', error: { code: 'OptInRequired', message: 'opt in' } })],
      skipReason: (err) => ((err as Error).name === 'OptInRequired' ? 'not enabled' : undefined),
    });
    expect(findings(events)).toHaveLength(0);
    expect(events.some((e) => e.type === 'skipped' && e.region === 'ap-east-1')).toBe(true);
    expect(events.some((e) => e.type === 'error')).toBe(false);
  });

  it('evaluates cross-resource checks once the types they use are complete, per account', async () => {
    const events = await collectEvents({
      checks: [trailBucketLogging],
      units: [
        unit('111111111111', 'Trail', [trail('main', 'logs-ok'), trail('other', 'logs-bad'), trail('ext', 'elsewhere')]),
        // Buckets arrive later, in two regions.
        unit('111111111111', 'Bucket', [bucket('logs-ok')], { delayMs: 20 }),
        unit('111111111111', 'Bucket', [bucket('logs-bad', { logging: null })], { region: 'eu-west-1', delayMs: 40 }),
        // Another account's bucket of the same name must not be seen.
        unit('222222222222', 'Bucket', [bucket('elsewhere', {}, '222222222222')]),
      ],
    });
    const fs = byCheck(findings(events), 'test_trail_bucket_logging');
    expect(Object.fromEntries(fs.map((f) => [f.resource.name, f.status]))).toEqual({ main: 'PASS', other: 'FAIL', ext: 'MANUAL' });
  });

  it('reports ERROR for cross-resource checks when a used type failed to collect', async () => {
    const fs = findings(
      await collectEvents({
        checks: [trailBucketLogging],
        units: [
          unit('111111111111', 'Trail', [trail('main', 'logs')]),
          unit('111111111111', 'Bucket', [], { error: { code: 'AccessDenied', message: 'no buckets' } }),
        ],
      }),
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ status: 'ERROR', errorCode: 'AccessDenied' });
  });

  it('reports ERROR only for findings that read a related attribute that failed', async () => {
    const b = bucket('logs');
    b.errors.logging = { code: 'AccessDenied', message: 'GetBucketLogging' };
    const fs = findings(
      await collectEvents({
        checks: [trailBucketLogging],
        units: [
          unit('111111111111', 'Trail', [trail('main', 'logs'), trail('other', 'fine')]),
          unit('111111111111', 'Bucket', [b, bucket('fine')]),
        ],
      }),
    );
    expect(Object.fromEntries(fs.map((f) => [f.resource.name, [f.status, f.errorCode]]))).toEqual({
      main: ['ERROR', 'AccessDenied'],
      other: ['PASS', undefined],
    });
  });

  it('runs units concurrently up to the limit', async () => {
    let active = 0;
    let peak = 0;
    const units = Array.from({ length: 10 }, (_, i) => ({
      ...unit('111111111111', 'Bucket', [], { region: `r${i}` }),
      async *run() {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 10));
        yield bucket(`b${i}`);
        active--;
      },
    }));
    const fs = findings(await collectEvents({ checks: [bucketEncrypted], units, concurrency: 4 }));
    expect(fs).toHaveLength(10);
    expect(peak).toBe(4);
  });

  it('does not stall when several units wait for the consumer at once', async () => {
    const many = (region: string) => Array.from({ length: 3000 }, (_, i) => bucket(`${region}-${i}`));
    const units = ['r1', 'r2', 'r3', 'r4'].map((r) => unit('111111111111', 'Bucket', many(r), { region: r }));
    let count = 0;
    for await (const e of runScan({ checks: [bucketEncrypted], units, concurrency: 4 })) {
      if (e.type === 'finding') count++;
      // A slow consumer: producers fill the buffer and wait together.
      if (count % 1000 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    expect(count).toBe(12000);
  });

  it('marks muted findings and keeps their status', async () => {
    const mutelist = Mutelist.parse(
      'Mutelist:\n  Accounts:\n    "*":\n      Checks:\n        test_bucket_encrypted:\n          Regions: ["*"]\n          Resources: ["^bucket:b$"]\n          Description: accepted risk\n',
    );
    const fs = findings(
      await collectEvents({
        checks: [bucketEncrypted],
        units: [unit('111111111111', 'Bucket', [bucket('a', { encrypted: false }), bucket('b', { encrypted: false })])],
        mute: (f) => mutelist.match(f),
      }),
    );
    expect(fs.map((f) => [f.resource.name, f.status, f.muted, f.muteReason])).toEqual([
      ['a', 'FAIL', false, undefined],
      ['b', 'FAIL', true, 'accepted risk'],
    ]);
  });

  it('gives findings stable ids and compliance ids', async () => {
    const run = async () =>
      findings(
        await collectEvents({
          checks: [bucketEncrypted],
          units: [unit('111111111111', 'Bucket', [bucket('a')])],
          compliance: (id): Record<string, string[]> => (id === 'test_bucket_encrypted' ? { fw: ['1.1'] } : {}),
        }),
      );
    const [a, b] = [await run(), await run()];
    expect(a[0]?.id).toBe(b[0]?.id);
    expect(a[0]?.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a[0]?.compliance).toEqual({ fw: ['1.1'] });
  });

  it('reports a check that throws as ERROR CheckFailed', async () => {
    const broken = { ...bucketEncrypted, id: 'test_broken', evaluate: () => { throw new Error('boom'); } };
    const fs = findings(await collectEvents({ checks: [broken], units: [unit('111111111111', 'Bucket', [bucket('a')])] }));
    expect(fs[0]).toMatchObject({ status: 'ERROR', errorCode: 'CheckFailed' });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const units = Array.from({ length: 20 }, (_, i) => unit('111111111111', 'Bucket', [bucket(`b${i}`)], { delayMs: 30, region: `r${i}` }));
    const gen = runScan({ checks: [bucketEncrypted], units, concurrency: 2, signal: controller.signal });
    let seen = 0;
    await expect(
      (async () => {
        for await (const e of gen) {
          if (e.type === 'finding' && ++seen === 2) controller.abort();
        }
      })(),
    ).rejects.toBeDefined();
    expect(seen).toBeLessThan(20);
  });
});
