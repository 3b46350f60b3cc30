import { DescribeRouteTablesCommand, DescribeVpcPeeringConnectionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './network-vpc-peering-connections.collector.ts';

const ec2 = mockClient(EC2Client);

const active = {
  VpcPeeringConnectionId: 'pcx-0active',
  Status: { Code: 'active' as const, Message: 'Active' },
  RequesterVpcInfo: {
    VpcId: 'vpc-0aaa',
    OwnerId: '123456789012',
    Region: 'us-east-1',
    CidrBlock: '10.0.0.0/16',
    CidrBlockSet: [{ CidrBlock: '10.0.0.0/16' }, { CidrBlock: '100.64.0.0/16' }],
  },
  AccepterVpcInfo: {
    VpcId: 'vpc-0bbb',
    OwnerId: '210987654321',
    Region: 'eu-west-1',
    CidrBlock: '10.1.0.0/16',
    CidrBlockSet: [{ CidrBlock: '10.1.0.0/16' }],
    Ipv6CidrBlockSet: [{ Ipv6CidrBlock: '2600:1f18:abcd::/56' }],
  },
  Tags: [{ Key: 'Name', Value: 'to-shared' }],
};

const deleted = {
  VpcPeeringConnectionId: 'pcx-0deleted',
  Status: { Code: 'deleted' as const, Message: 'Deleted by 123456789012' },
  RequesterVpcInfo: { VpcId: 'vpc-0aaa', OwnerId: '123456789012', Region: 'us-east-1', CidrBlock: '10.0.0.0/16' },
  AccepterVpcInfo: { VpcId: 'vpc-0ccc', OwnerId: '123456789012', Region: 'us-east-1', CidrBlock: '10.2.0.0/16' },
};

const table = (id: string, vpcId: string, routes: object[]) => ({
  RouteTableId: id,
  VpcId: vpcId,
  OwnerId: '123456789012',
  Associations: [{ Main: true, RouteTableAssociationId: `rtbassoc-${id}`, RouteTableId: id }],
  Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable' as const, State: 'active' as const }, ...routes],
});

describe('ec2-vpc-peering-connections collector', () => {
  beforeEach(() => ec2.reset());

  it('lists every page and joins routes from one paginated route table listing', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .resolvesOnce({ VpcPeeringConnections: [active], NextToken: 'page2' })
      .resolvesOnce({ VpcPeeringConnections: [deleted] });
    ec2
      .on(DescribeRouteTablesCommand)
      .resolvesOnce({
        RouteTables: [
          table('rtb-01', 'vpc-0aaa', [
            { DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: 'pcx-0active', Origin: 'CreateRoute', State: 'active' },
            { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0abc', Origin: 'CreateRoute', State: 'active' },
          ]),
        ],
        NextToken: 'rt2',
      })
      .resolvesOnce({
        RouteTables: [
          table('rtb-02', 'vpc-0aaa', [
            { DestinationIpv6CidrBlock: '2600:1f18:abcd:10::/64', VpcPeeringConnectionId: 'pcx-0active', Origin: 'CreateRoute', State: 'active' },
            { DestinationPrefixListId: 'pl-0shared', VpcPeeringConnectionId: 'pcx-0active', Origin: 'CreateRoute', State: 'active' },
            { DestinationCidrBlock: '10.2.0.0/16', VpcPeeringConnectionId: 'pcx-0deleted', Origin: 'CreateRoute', State: 'blackhole' },
          ]),
        ],
      });
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['pcx-0active', 'pcx-0deleted']);
    expect(ec2.commandCalls(DescribeVpcPeeringConnectionsCommand)[1]?.args[0].input).toMatchObject({ NextToken: 'page2' });
    expect(ec2.commandCalls(DescribeRouteTablesCommand)).toHaveLength(2);
    expect(resources[0]?.id).toBe('arn:aws:ec2:us-east-1:123456789012:vpc-peering-connection/pcx-0active');
    expect(resources[0]?.tags).toEqual({ Name: 'to-shared' });
    expect(resources[0]?.attributes).toEqual({
      peeringConnectionId: 'pcx-0active',
      status: 'active',
      requester: { vpcId: 'vpc-0aaa', ownerId: '123456789012', region: 'us-east-1', cidrBlocks: ['10.0.0.0/16', '100.64.0.0/16'], ipv6CidrBlocks: [] },
      accepter: {
        vpcId: 'vpc-0bbb',
        ownerId: '210987654321',
        region: 'eu-west-1',
        cidrBlocks: ['10.1.0.0/16'],
        ipv6CidrBlocks: ['2600:1f18:abcd::/56'],
      },
      routes: [
        { routeTableId: 'rtb-01', vpcId: 'vpc-0aaa', destination: '10.1.0.0/16', destinationType: 'ipv4', state: 'active' },
        { routeTableId: 'rtb-02', vpcId: 'vpc-0aaa', destination: '2600:1f18:abcd:10::/64', destinationType: 'ipv6', state: 'active' },
        { routeTableId: 'rtb-02', vpcId: 'vpc-0aaa', destination: 'pl-0shared', destinationType: 'prefix-list', state: 'active' },
      ],
    });
    expect(resources[1]?.attributes).toMatchObject({
      status: 'deleted',
      accepter: { cidrBlocks: ['10.2.0.0/16'] },
      routes: [{ destination: '10.2.0.0/16', state: 'blackhole' }],
    });
  });

  it('records UnauthorizedOperation on the route tables', async () => {
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves({ VpcPeeringConnections: [active] });
    ec2.on(DescribeRouteTablesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.routes?.code).toBe('UnauthorizedOperation');
    expect(resources[0]?.attributes).toHaveProperty('status', 'active');
  });

  it('rejects when the peering connections cannot be listed', async () => {
    ec2.on(DescribeVpcPeeringConnectionsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    await expect(collect(collector)).rejects.toThrow(/not authorized/);
  });

  it('retries RequestLimitExceeded', async () => {
    ec2
      .on(DescribeVpcPeeringConnectionsCommand)
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503))
      .resolves({ VpcPeeringConnections: [active] });
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ routes: [] });
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(3);
  });

  it('lists no route tables when no check wants the routes', async () => {
    ec2.on(DescribeVpcPeeringConnectionsCommand).resolves({ VpcPeeringConnections: [active, deleted] });
    const { resources, stats } = await collect(collector, { wants: ['status'] });
    expect(resources).toHaveLength(2);
    expect(stats.apiCalls).toBe(1);
    expect(ec2.commandCalls(DescribeRouteTablesCommand)).toHaveLength(0);
  });
});
