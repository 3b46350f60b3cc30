/** The compute checks and collectors fit together: every required attribute is produced. */
import { planScan } from '@vigil/engine';
import { describe, expect, it } from 'vitest';
import { computeChecks } from '../../checks/ec2/compute.ts';
import { computeCollectors } from './compute.ts';
import securityGroups from './network-security-groups.collector.ts';

describe('EC2 compute catalogue', () => {
  it('plans every compute check against the compute collectors (and security groups for CIFS)', () => {
    const plan = planScan(computeChecks, [...computeCollectors, securityGroups]);
    expect(plan.checks).toHaveLength(computeChecks.length);
    const ids = new Set(plan.collectors.map((p) => p.collector.id));
    expect(ids).toEqual(
      new Set(['ec2-instances', 'ec2-volumes', 'ec2-snapshots', 'ec2-images', 'ec2-eips', 'ec2-launch-templates', 'ec2-regional-settings', 'ec2-security-groups']),
    );
  });

  it('plans only the enrichment calls the selected checks need', () => {
    const only = computeChecks.filter((c) => c.id === 'ec2_ebs_default_encryption');
    const plan = planScan(only, computeCollectors);
    expect(plan.collectors.map((p) => p.calls.map((c) => c.action))).toEqual([['ec2:GetEbsEncryptionByDefault']]);
  });

  it('has unique check ids', () => {
    const ids = computeChecks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
