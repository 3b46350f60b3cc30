import { describe, expect, it } from 'vitest';
import { defineCollector } from './collector.ts';
import { UsageError } from './errors.ts';
import { leastPrivilegePolicy, planScan, selectChecks } from './planner.ts';
import { bucketEncrypted, trailBucketLogging } from './testing/fixtures.test-helpers.ts';

const buckets = defineCollector({
  id: 'storage-buckets',
  service: 'storage',
  resourceType: 'Bucket',
  scope: 'global',
  calls: [{ api: 'ListBuckets', action: 'storage:ListBuckets' }],
  attributes: {
    encrypted: { calls: [{ api: 'GetEncryption', action: 'storage:GetEncryption' }] },
    logging: { calls: [{ api: 'GetLogging', action: 'storage:GetLogging' }] },
  },
   
  async *collect() {},
});
const trails = defineCollector({
  id: 'audit-trails',
  service: 'audit',
  resourceType: 'Trail',
  scope: 'regional',
  calls: [{ api: 'DescribeTrails', action: 'audit:DescribeTrails' }],
  attributes: { bucket: {} },
   
  async *collect() {},
});

describe('planScan', () => {
  it('plans only the collectors and enrichment calls the selected checks need', () => {
    const plan = planScan([bucketEncrypted], [buckets, trails]);
    expect(plan.collectors.map((p) => p.collector.id)).toEqual(['storage-buckets']);
    expect(plan.collectors[0]?.calls.map((c) => c.action)).toEqual(['storage:ListBuckets', 'storage:GetEncryption']);
    expect([...(plan.collectors[0]?.wants ?? [])]).toEqual(['encrypted']);
  });

  it('adds the types and attributes cross-resource checks use', () => {
    const plan = planScan([trailBucketLogging], [buckets, trails]);
    expect(plan.collectors.map((p) => p.collector.id)).toEqual(['audit-trails', 'storage-buckets']);
    expect(plan.collectors[1]?.calls.map((c) => c.action)).toEqual(['storage:ListBuckets', 'storage:GetLogging']);
  });

  it('fails loudly when a check requires an attribute no collector produces', () => {
    const bad = { ...bucketEncrypted, requires: ['colour'] };
    expect(() => planScan([bad], [buckets])).toThrow(/colour/);
  });

  it('writes a least-privilege policy for exactly the planned calls', () => {
    const policy = leastPrivilegePolicy(planScan([bucketEncrypted], [buckets, trails]), ['sts:GetCallerIdentity']);
    expect(policy.Statement[0]?.Action).toEqual(['storage:GetEncryption', 'storage:ListBuckets', 'sts:GetCallerIdentity']);
  });
});

describe('selectChecks', () => {
  const catalogue = [bucketEncrypted, trailBucketLogging];
  it('filters by id, service, severity and exclusions', () => {
    expect(selectChecks(catalogue, { services: ['audit'] }).map((c) => c.id)).toEqual(['test_trail_bucket_logging']);
    expect(selectChecks(catalogue, { severities: ['high'] }).map((c) => c.id)).toEqual(['test_bucket_encrypted']);
    expect(selectChecks(catalogue, { excludedChecks: ['test_bucket_encrypted'] }).map((c) => c.id)).toEqual(['test_trail_bucket_logging']);
  });
  it('rejects unknown names with suggestions', () => {
    expect(() => selectChecks(catalogue, { checks: ['test_bucket_encripted'] })).toThrow(UsageError);
    expect(() => selectChecks(catalogue, { checks: ['test_bucket_encripted'] })).toThrow(/Did you mean "test_bucket_encrypted"/);
    expect(() => selectChecks(catalogue, { services: ['storag'] })).toThrow(/Did you mean "storage"/);
    expect(() => selectChecks(catalogue, { severities: ['hgh'] })).toThrow(/Did you mean "high"/);
  });
});
