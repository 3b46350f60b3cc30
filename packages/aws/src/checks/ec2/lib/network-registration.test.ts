import { planScan } from '@vigil/engine';
import { describe, expect, it } from 'vitest';
import { networkCollectors } from '../../../collectors/ec2/network.ts';
import { checks as vpcChecks } from '../../vpc/index.ts';
import { networkChecks } from '../network.ts';

describe('network checks and collectors', () => {
  const all = [...networkChecks, ...vpcChecks];

  it('registers unique check ids', () => {
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(24);
  });

  it('finds a collector for every resource type and attribute the checks read', () => {
    const plan = planScan(all, networkCollectors);
    expect(plan.collectors.map((p) => p.collector.id).sort()).toEqual([
      'ec2-network-acls',
      'ec2-security-groups',
      'ec2-subnets',
      'ec2-vpc-peering-connections',
      'ec2-vpcs',
    ]);
    const actions = plan.collectors.flatMap((p) => p.calls.map((c) => c.action)).sort();
    expect(actions).toEqual([
      'ec2:DescribeFlowLogs',
      'ec2:DescribeNetworkAcls',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeRouteTables',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeSubnets',
      'ec2:DescribeVpcPeeringConnections',
      'ec2:DescribeVpcs',
    ]);
  });

  it('plans only listing calls for checks that need no enrichment', () => {
    const only = all.filter((c) => c.id === 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22');
    const plan = planScan(only, networkCollectors);
    expect(plan.collectors.flatMap((p) => p.calls.map((c) => c.api))).toEqual(['DescribeSecurityGroups']);
  });
});
