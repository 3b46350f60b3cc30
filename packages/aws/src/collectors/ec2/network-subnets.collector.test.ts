import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './network-subnets.collector.ts';

const ec2 = mockClient(EC2Client);

const defaultSubnet = {
  SubnetId: 'subnet-0default1',
  SubnetArn: 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0default1',
  VpcId: 'vpc-0default',
  OwnerId: '123456789012',
  AvailabilityZone: 'us-east-1a',
  AvailabilityZoneId: 'use1-az2',
  CidrBlock: '172.31.0.0/20',
  AvailableIpAddressCount: 4091,
  DefaultForAz: true,
  MapPublicIpOnLaunch: true,
  AssignIpv6AddressOnCreation: false,
  State: 'available' as const,
  Ipv6CidrBlockAssociationSet: [],
};

const privateSubnet = {
  SubnetId: 'subnet-0private2',
  VpcId: 'vpc-0prod',
  OwnerId: '123456789012',
  AvailabilityZone: 'us-east-1b',
  AvailabilityZoneId: 'use1-az4',
  CidrBlock: '10.0.1.0/24',
  DefaultForAz: false,
  MapPublicIpOnLaunch: false,
  AssignIpv6AddressOnCreation: true,
  State: 'available' as const,
  Ipv6CidrBlockAssociationSet: [
    { AssociationId: 'subnet-cidr-assoc-1', Ipv6CidrBlock: '2600:1f18:abcd:1::/64', Ipv6CidrBlockState: { State: 'associated' as const } },
  ],
  Tags: [{ Key: 'Name', Value: 'private-b' }],
};

describe('ec2-subnets collector', () => {
  beforeEach(() => ec2.reset());

  it('lists every page', async () => {
    ec2
      .on(DescribeSubnetsCommand)
      .resolvesOnce({ Subnets: [defaultSubnet], NextToken: 'page2' })
      .resolvesOnce({ Subnets: [privateSubnet] });
    const { resources } = await collect(collector);
    expect(ec2.commandCalls(DescribeSubnetsCommand)[1]?.args[0].input).toMatchObject({ NextToken: 'page2' });
    expect(resources.map((r) => r.id)).toEqual([
      defaultSubnet.SubnetArn,
      'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0private2',
    ]);
    expect(resources[0]?.attributes).toMatchObject({ mapPublicIpOnLaunch: true, defaultForAz: true, availabilityZone: 'us-east-1a' });
    expect(resources[1]?.attributes).toEqual({
      subnetId: 'subnet-0private2',
      vpcId: 'vpc-0prod',
      ownerId: '123456789012',
      availabilityZone: 'us-east-1b',
      availabilityZoneId: 'use1-az4',
      cidrBlock: '10.0.1.0/24',
      ipv6CidrBlocks: ['2600:1f18:abcd:1::/64'],
      mapPublicIpOnLaunch: false,
      assignIpv6AddressOnCreation: true,
      defaultForAz: false,
      state: 'available',
    });
    expect(resources[1]?.tags).toEqual({ Name: 'private-b' });
  });

  it('rejects when the subnets cannot be listed', async () => {
    ec2.on(DescribeSubnetsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    await expect(collect(collector)).rejects.toThrow(/not authorized/);
  });

  it('retries RequestLimitExceeded', async () => {
    ec2
      .on(DescribeSubnetsCommand)
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503))
      .resolves({ Subnets: [privateSubnet] });
    const { resources, stats } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
  });

  it('makes only the listing call (it has no enrichment)', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [defaultSubnet, privateSubnet] });
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(1);
  });
});
