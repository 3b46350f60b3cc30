import { DescribeNetworkInterfacesCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SecurityGroupAttributes } from '../../resources/ec2-network.ts';
import { awsError, collect } from '../../testing/index.ts';
import collector, { securityGroupRule } from './network-security-groups.collector.ts';

const ec2 = mockClient(EC2Client);

const defaultGroup = {
  GroupId: 'sg-0default0000001',
  GroupName: 'default',
  Description: 'default VPC security group',
  OwnerId: '123456789012',
  VpcId: 'vpc-0a1b2c3d',
  SecurityGroupArn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0default0000001',
  IpPermissions: [
    { IpProtocol: '-1', IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: 'sg-0default0000001', UserId: '123456789012' }] },
  ],
  IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
  Tags: [],
};

const webGroup = {
  GroupId: 'sg-0web000000000002',
  GroupName: 'web',
  Description: 'web servers',
  OwnerId: '123456789012',
  VpcId: 'vpc-0a1b2c3d',
  IpPermissions: [
    {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'HTTPS' }],
      Ipv6Ranges: [{ CidrIpv6: '::/0' }],
      PrefixListIds: [],
      UserIdGroupPairs: [],
    },
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [], Ipv6Ranges: [], PrefixListIds: [{ PrefixListId: 'pl-0admin' }], UserIdGroupPairs: [] },
    { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
  ],
  IpPermissionsEgress: [],
  Tags: [{ Key: 'Name', Value: 'web' }],
};

const appGroup = { GroupId: 'sg-0app000000000003', GroupName: 'app', Description: 'app', OwnerId: '123456789012', VpcId: 'vpc-0a1b2c3d' };

describe('ec2-security-groups collector', () => {
  beforeEach(() => ec2.reset());

  it('lists every page, normalises the rules and joins network interfaces from one listing', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [defaultGroup, webGroup], NextToken: 'page2' })
      .resolvesOnce({ SecurityGroups: [appGroup] });
    ec2
      .on(DescribeNetworkInterfacesCommand)
      .resolvesOnce({
        NetworkInterfaces: [{ NetworkInterfaceId: 'eni-01', Groups: [{ GroupId: webGroup.GroupId, GroupName: 'web' }], InterfaceType: 'interface' }],
        NextToken: 'eni2',
      })
      .resolvesOnce({
        NetworkInterfaces: [
          { NetworkInterfaceId: 'eni-02', Groups: [{ GroupId: webGroup.GroupId }, { GroupId: defaultGroup.GroupId }], InterfaceType: 'lambda' },
        ],
      });
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual([defaultGroup.GroupId, webGroup.GroupId, appGroup.GroupId]);
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[1]?.args[0].input).toMatchObject({ NextToken: 'page2' });
    expect(ec2.commandCalls(DescribeNetworkInterfacesCommand)).toHaveLength(2);

    const [def, web, app] = resources as unknown as { id: string; attributes: SecurityGroupAttributes; tags: Record<string, string> }[];
    expect(def?.id).toBe(defaultGroup.SecurityGroupArn);
    expect(def?.attributes).toMatchObject({
      isDefault: true,
      ingressRules: [{ protocol: 'all', fromPort: null, toPort: null, groups: [{ groupId: defaultGroup.GroupId, userId: '123456789012' }] }],
      egressRules: [{ protocol: 'all', ipv4Ranges: ['0.0.0.0/0'] }],
      networkInterfaceIds: ['eni-02'],
    });
    expect(web?.id).toBe('arn:aws:ec2:us-east-1:123456789012:security-group/sg-0web000000000002');
    expect(web?.tags).toEqual({ Name: 'web' });
    expect(web?.attributes).toMatchObject({
      groupName: 'web',
      isDefault: false,
      vpcId: 'vpc-0a1b2c3d',
      ingressRules: [
        { protocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'], groups: [], prefixListIds: [] },
        { protocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: [], prefixListIds: ['pl-0admin'] },
        { protocol: 'icmp', fromPort: null, toPort: null, ipv4Ranges: ['10.0.0.0/8'] },
      ],
      egressRules: [],
      networkInterfaceIds: ['eni-01', 'eni-02'],
    });
    expect(app?.attributes).toMatchObject({ ingressRules: [], egressRules: [], networkInterfaceIds: [] });
  });

  it('normalises protocol numbers', () => {
    expect(securityGroupRule({ IpProtocol: '6', FromPort: 0, ToPort: 65535 })).toMatchObject({ protocol: 'tcp', fromPort: 0, toPort: 65535 });
    expect(securityGroupRule({ IpProtocol: '17', FromPort: 53, ToPort: 53 })).toMatchObject({ protocol: 'udp', fromPort: 53 });
    expect(securityGroupRule({ IpProtocol: '58', FromPort: 128, ToPort: -1 })).toMatchObject({ protocol: 'icmpv6', fromPort: 128, toPort: null });
    expect(securityGroupRule({ IpProtocol: '50' })).toMatchObject({ protocol: '50', fromPort: null, toPort: null });
  });

  it('records UnauthorizedOperation on the network interface listing', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [defaultGroup, webGroup] });
    ec2.on(DescribeNetworkInterfacesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const { resources } = await collect(collector);
    expect(resources).toHaveLength(2);
    for (const r of resources) {
      expect(r.errors.networkInterfaceIds?.code).toBe('UnauthorizedOperation');
      expect(r.attributes).not.toHaveProperty('networkInterfaceIds');
      expect(r.attributes).toHaveProperty('ingressRules');
    }
  });

  it('rejects when the security groups cannot be listed', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    await expect(collect(collector)).rejects.toThrow(/not authorized/);
  });

  it('retries RequestLimitExceeded', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503))
      .resolves({ SecurityGroups: [appGroup] });
    ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
    const { resources, stats } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(3);
  });

  it('lists no network interfaces when no check wants them', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [defaultGroup, webGroup] });
    const { resources, stats } = await collect(collector, { wants: ['ingressRules'] });
    expect(resources).toHaveLength(2);
    expect(stats.apiCalls).toBe(1);
    expect(ec2.commandCalls(DescribeNetworkInterfacesCommand)).toHaveLength(0);
  });
});
