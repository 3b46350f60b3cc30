import { DescribeNetworkAclsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './network-acls.collector.ts';

const ec2 = mockClient(EC2Client);

const defaultAcl = {
  NetworkAclId: 'acl-0default000001',
  VpcId: 'vpc-0a1b2c3d',
  OwnerId: '123456789012',
  IsDefault: true,
  Associations: [
    { NetworkAclAssociationId: 'aclassoc-1', NetworkAclId: 'acl-0default000001', SubnetId: 'subnet-0a' },
    { NetworkAclAssociationId: 'aclassoc-2', NetworkAclId: 'acl-0default000001', SubnetId: 'subnet-0b' },
  ],
  Entries: [
    { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny' as const, Egress: false, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow' as const, Egress: false, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 101, Protocol: '-1', RuleAction: 'allow' as const, Egress: false, Ipv6CidrBlock: '::/0' },
    { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow' as const, Egress: true, CidrBlock: '0.0.0.0/0' },
  ],
  Tags: [],
};

const customAcl = {
  NetworkAclId: 'acl-0custom0000002',
  VpcId: 'vpc-0a1b2c3d',
  OwnerId: '123456789012',
  IsDefault: false,
  Associations: [],
  Entries: [
    { RuleNumber: 110, Protocol: '6', RuleAction: 'allow' as const, Egress: false, CidrBlock: '10.0.0.0/16', PortRange: { From: 22, To: 22 } },
    { RuleNumber: 120, Protocol: '17', RuleAction: 'deny' as const, Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 53, To: 53 } },
    { RuleNumber: 130, Protocol: '1', RuleAction: 'allow' as const, Egress: false, CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: -1, Code: -1 } },
  ],
  Tags: [{ Key: 'Name', Value: 'restricted' }],
};

describe('ec2-network-acls collector', () => {
  beforeEach(() => ec2.reset());

  it('lists every page and normalises entries in rule order', async () => {
    ec2
      .on(DescribeNetworkAclsCommand)
      .resolvesOnce({ NetworkAcls: [defaultAcl], NextToken: 'page2' })
      .resolvesOnce({ NetworkAcls: [customAcl] });
    const { resources } = await collect(collector);
    expect(resources).toHaveLength(2);
    expect(ec2.commandCalls(DescribeNetworkAclsCommand)[1]?.args[0].input).toMatchObject({ NextToken: 'page2' });
    expect(resources[0]?.id).toBe('arn:aws:ec2:us-east-1:123456789012:network-acl/acl-0default000001');
    expect(resources[0]?.attributes).toMatchObject({
      isDefault: true,
      associatedSubnetIds: ['subnet-0a', 'subnet-0b'],
      entries: [
        { ruleNumber: 100, egress: false, action: 'allow', protocol: 'all', fromPort: null, cidrIpv4: '0.0.0.0/0', cidrIpv6: null },
        { ruleNumber: 100, egress: true },
        { ruleNumber: 101, cidrIpv4: null, cidrIpv6: '::/0' },
        { ruleNumber: 32767, action: 'deny' },
      ],
    });
    expect(resources[1]?.tags).toEqual({ Name: 'restricted' });
    expect(resources[1]?.attributes).toMatchObject({
      isDefault: false,
      associatedSubnetIds: [],
      entries: [
        { ruleNumber: 110, protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/16' },
        { ruleNumber: 120, protocol: 'udp', action: 'deny', fromPort: 53, toPort: 53 },
        { ruleNumber: 130, protocol: 'icmp', fromPort: null, toPort: null },
      ],
    });
  });

  it('rejects when the network ACLs cannot be listed', async () => {
    ec2.on(DescribeNetworkAclsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    await expect(collect(collector)).rejects.toThrow(/not authorized/);
  });

  it('retries RequestLimitExceeded', async () => {
    ec2
      .on(DescribeNetworkAclsCommand)
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503))
      .resolves({ NetworkAcls: [customAcl] });
    const { resources, stats } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
  });

  it('makes only the listing call (it has no enrichment)', async () => {
    ec2.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: [defaultAcl, customAcl] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(2);
    expect(stats.apiCalls).toBe(1);
  });
});
