import { DescribeFlowLogsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './network-vpcs.collector.ts';

const ec2 = mockClient(EC2Client);

const defaultVpc = {
  VpcId: 'vpc-0default',
  OwnerId: '123456789012',
  IsDefault: true,
  State: 'available' as const,
  CidrBlock: '172.31.0.0/16',
  CidrBlockAssociationSet: [{ AssociationId: 'vpc-cidr-assoc-1', CidrBlock: '172.31.0.0/16', CidrBlockState: { State: 'associated' as const } }],
  InstanceTenancy: 'default' as const,
  DhcpOptionsId: 'dopt-1',
};

const prodVpc = {
  VpcId: 'vpc-0prod',
  OwnerId: '123456789012',
  IsDefault: false,
  State: 'available' as const,
  CidrBlock: '10.0.0.0/16',
  CidrBlockAssociationSet: [
    { AssociationId: 'a1', CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' as const } },
    { AssociationId: 'a2', CidrBlock: '100.64.0.0/16', CidrBlockState: { State: 'associated' as const } },
    { AssociationId: 'a3', CidrBlock: '10.9.0.0/16', CidrBlockState: { State: 'disassociated' as const } },
  ],
  Ipv6CidrBlockAssociationSet: [{ AssociationId: 'a4', Ipv6CidrBlock: '2600:1f18:abcd::/56', Ipv6CidrBlockState: { State: 'associated' as const } }],
  Tags: [{ Key: 'Name', Value: 'prod' }],
};

const flowLog = (id: string, resourceId: string, extra: object = {}) => ({
  FlowLogId: id,
  FlowLogStatus: 'ACTIVE',
  DeliverLogsStatus: 'SUCCESS',
  ResourceId: resourceId,
  TrafficType: 'ALL' as const,
  LogDestinationType: 's3' as const,
  LogDestination: 'arn:aws:s3:::flow-logs',
  CreationTime: new Date('2026-01-01T00:00:00Z'),
  ...extra,
});

describe('ec2-vpcs collector', () => {
  beforeEach(() => ec2.reset());

  it('lists every page and joins flow logs from one paginated listing', async () => {
    ec2
      .on(DescribeVpcsCommand)
      .resolvesOnce({ Vpcs: [defaultVpc], NextToken: 'page2' })
      .resolvesOnce({ Vpcs: [prodVpc] });
    ec2
      .on(DescribeFlowLogsCommand)
      .resolvesOnce({ FlowLogs: [flowLog('fl-1', 'vpc-0prod'), flowLog('fl-2', 'subnet-0abc')], NextToken: 'fl2' })
      .resolvesOnce({
        FlowLogs: [
          flowLog('fl-3', 'vpc-0prod', {
            TrafficType: 'REJECT',
            LogDestinationType: 'cloud-watch-logs',
            LogDestination: undefined,
            LogGroupName: '/vpc/prod',
            DeliverLogsStatus: 'FAILED',
          }),
        ],
      });
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['vpc-0default', 'vpc-0prod']);
    expect(ec2.commandCalls(DescribeVpcsCommand)[1]?.args[0].input).toMatchObject({ NextToken: 'page2' });
    expect(ec2.commandCalls(DescribeFlowLogsCommand)).toHaveLength(2);
    expect(resources[0]?.attributes).toEqual({
      vpcId: 'vpc-0default',
      ownerId: '123456789012',
      isDefault: true,
      state: 'available',
      cidrBlocks: ['172.31.0.0/16'],
      ipv6CidrBlocks: [],
      flowLogs: [],
    });
    expect(resources[1]?.id).toBe('arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0prod');
    expect(resources[1]?.tags).toEqual({ Name: 'prod' });
    expect(resources[1]?.attributes).toMatchObject({
      cidrBlocks: ['10.0.0.0/16', '100.64.0.0/16'],
      ipv6CidrBlocks: ['2600:1f18:abcd::/56'],
      flowLogs: [
        { flowLogId: 'fl-1', status: 'ACTIVE', trafficType: 'ALL', destinationType: 's3', destination: 'arn:aws:s3:::flow-logs' },
        { flowLogId: 'fl-3', trafficType: 'REJECT', destination: '/vpc/prod', deliverLogsStatus: 'FAILED' },
      ],
    });
  });

  it('records UnauthorizedOperation on the flow logs', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [defaultVpc, prodVpc] });
    ec2.on(DescribeFlowLogsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.errors.flowLogs?.code)).toEqual(['UnauthorizedOperation', 'UnauthorizedOperation']);
    expect(resources[0]?.attributes).not.toHaveProperty('flowLogs');
  });

  it('rejects when the VPCs cannot be listed', async () => {
    ec2.on(DescribeVpcsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    await expect(collect(collector)).rejects.toThrow(/not authorized/);
  });

  it('retries RequestLimitExceeded on the flow logs', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [prodVpc] });
    ec2
      .on(DescribeFlowLogsCommand)
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503))
      .resolves({ FlowLogs: [flowLog('fl-1', 'vpc-0prod')] });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ flowLogs: [{ flowLogId: 'fl-1' }] });
    expect(resources[0]?.errors).toEqual({});
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(3);
  });

  it('lists no flow logs when no check wants them', async () => {
    ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [defaultVpc, prodVpc] });
    const { resources, stats } = await collect(collector, { wants: ['isDefault'] });
    expect(resources).toHaveLength(2);
    expect(stats.apiCalls).toBe(1);
    expect(ec2.commandCalls(DescribeFlowLogsCommand)).toHaveLength(0);
  });
});
