import { planScan } from '@vigil/engine';
import { describe, expect, it } from 'vitest';
import { collectors } from '../../collectors/s3/index.ts';
import { checks } from './index.ts';

describe('s3 checks registration', () => {
  it('registers unique s3 checks whose attributes the s3 collectors produce', () => {
    expect(checks.length).toBeGreaterThanOrEqual(16);
    expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
    for (const c of checks) expect(c.service).toBe('s3');
    const plan = planScan(checks, collectors);
    expect(plan.collectors.map((p) => p.collector.id).sort()).toEqual(['s3-account-public-access-block', 's3-buckets']);
  });

  it('plans only the calls the selected checks need', () => {
    const logging = checks.filter((c) => c.id === 's3_bucket_server_access_logging_enabled');
    const plan = planScan(logging, collectors);
    expect(plan.collectors).toHaveLength(1);
    expect(plan.collectors[0]?.calls.map((c) => c.action).sort()).toEqual([
      's3:GetBucketLocation',
      's3:GetBucketLogging',
      's3:ListAllMyBuckets',
    ]);
  });
});
