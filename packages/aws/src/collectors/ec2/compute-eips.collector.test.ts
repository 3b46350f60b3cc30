import { DescribeAddressesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './compute-eips.collector.ts';

const ec2 = mockClient(EC2Client);

const associated = {
  AllocationId: 'eipalloc-0001',
  AssociationId: 'eipassoc-0001',
  Domain: 'vpc' as const,
  InstanceId: 'i-0001',
  NetworkInterfaceId: 'eni-0001',
  PublicIp: '3.210.10.20',
  Tags: [{ Key: 'Name', Value: 'bastion' }],
};
const idle = { AllocationId: 'eipalloc-0002', Domain: 'vpc' as const, PublicIp: '3.210.10.21', InstanceId: '' };

describe('ec2-eips collector', () => {
  beforeEach(() => ec2.reset());

  it('lists the addresses (DescribeAddresses has no pages)', async () => {
    ec2.on(DescribeAddressesCommand).resolves({ Addresses: [associated, idle] });
    const { resources } = await collect(collector);
    expect(resources.map((r) => [r.id, r.name])).toEqual([
      ['arn:aws:ec2:us-east-1:123456789012:elastic-ip/eipalloc-0001', '3.210.10.20'],
      ['arn:aws:ec2:us-east-1:123456789012:elastic-ip/eipalloc-0002', '3.210.10.21'],
    ]);
    expect(resources[0]?.attributes).toMatchObject({ associationId: 'eipassoc-0001', instanceId: 'i-0001', domain: 'vpc' });
    expect(resources[1]?.attributes).toMatchObject({ associationId: null, instanceId: null, networkInterfaceId: null });
  });

  it('rejects when the listing is denied', async () => {
    ec2.on(DescribeAddressesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    await expect(collect(collector)).rejects.toThrow(/not authorized/);
  });

  it('retries RequestLimitExceeded', async () => {
    ec2.on(DescribeAddressesCommand).rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503)).resolves({ Addresses: [idle] });
    const { resources, stats } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
  });

  it('makes only the listing call when no attribute is wanted', async () => {
    ec2.on(DescribeAddressesCommand).resolves({ Addresses: [associated] });
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(1);
  });
});
