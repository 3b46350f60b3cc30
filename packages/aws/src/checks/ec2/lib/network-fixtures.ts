/**
 * Test fixtures for the network checks: security groups, network ACLs, VPCs and subnets as
 * the collectors produce them, and the standard cases of a "TCP port from internet" check.
 */
import type { Resource } from '@vigil/engine';
import type { CheckCase, CheckCases } from '@vigil/engine/testing';
import { buildResource, withError } from '../../../testing/index.ts';
import type {
  NetworkAclAttributes,
  NetworkAclEntry,
  SecurityGroupAttributes,
  SecurityGroupRule,
  SubnetAttributes,
  VpcAttributes,
  VpcPeeringConnectionAttributes,
} from '../../../resources/ec2-network.ts';

/** A security group rule; `tcp(22)` style shorthands below. */
export function rule(r: Partial<SecurityGroupRule> & Pick<SecurityGroupRule, 'protocol'>): SecurityGroupRule {
  return { fromPort: null, toPort: null, ipv4Ranges: [], ipv6Ranges: [], groups: [], prefixListIds: [], ...r };
}

/** TCP `from`–`to` (or a single port) from the given IPv4/IPv6 CIDR blocks (0.0.0.0/0 by default). */
export function tcp(from: number, to = from, cidrs: string[] = ['0.0.0.0/0']): SecurityGroupRule {
  return rule({
    protocol: 'tcp',
    fromPort: from,
    toPort: to,
    ipv4Ranges: cidrs.filter((c) => !c.includes(':')),
    ipv6Ranges: cidrs.filter((c) => c.includes(':')),
  });
}

/** All traffic from the given CIDR blocks. */
export function allTraffic(cidrs: string[] = ['0.0.0.0/0']): SecurityGroupRule {
  return rule({
    protocol: 'all',
    ipv4Ranges: cidrs.filter((c) => !c.includes(':')),
    ipv6Ranges: cidrs.filter((c) => c.includes(':')),
  });
}

export function securityGroup(
  a: Partial<SecurityGroupAttributes> = {},
  o: { name?: string; region?: string } = {},
): Resource<SecurityGroupAttributes> {
  const name = o.name ?? a.groupId ?? 'sg-0123456789abcdef0';
  return buildResource<SecurityGroupAttributes>(
    'AwsEc2SecurityGroup',
    {
      groupId: name,
      groupName: 'web',
      description: 'web servers',
      vpcId: 'vpc-0a1b2c3d',
      ownerId: '123456789012',
      isDefault: false,
      ingressRules: [],
      egressRules: [],
      networkInterfaceIds: [],
      ...a,
    },
    { name, region: o.region ?? 'us-east-1', id: `arn:aws:ec2:${o.region ?? 'us-east-1'}:123456789012:security-group/${name}` },
  );
}

export function aclEntry(e: Partial<NetworkAclEntry> & Pick<NetworkAclEntry, 'ruleNumber'>): NetworkAclEntry {
  return {
    egress: false,
    action: 'allow',
    protocol: 'all',
    fromPort: null,
    toPort: null,
    cidrIpv4: '0.0.0.0/0',
    cidrIpv6: null,
    ...e,
  };
}

/** The final deny-all entries every network ACL ends with (IPv4 and IPv6, both directions). */
export const FINAL_DENY: NetworkAclEntry[] = [
  aclEntry({ ruleNumber: 32767, action: 'deny' }),
  aclEntry({ ruleNumber: 32767, action: 'deny', cidrIpv4: null, cidrIpv6: '::/0' }),
  aclEntry({ ruleNumber: 32767, action: 'deny', egress: true }),
];

export function networkAcl(a: Partial<NetworkAclAttributes> = {}, o: { name?: string } = {}): Resource<NetworkAclAttributes> {
  const name = o.name ?? a.networkAclId ?? 'acl-0123456789abcdef0';
  return buildResource<NetworkAclAttributes>(
    'AwsEc2NetworkAcl',
    {
      networkAclId: name,
      vpcId: 'vpc-0a1b2c3d',
      ownerId: '123456789012',
      isDefault: false,
      entries: [...FINAL_DENY],
      associatedSubnetIds: ['subnet-0a1b2c3d'],
      ...a,
    },
    { name },
  );
}

export function vpc(a: Partial<VpcAttributes> = {}, o: { name?: string; region?: string } = {}): Resource<VpcAttributes> {
  const name = o.name ?? a.vpcId ?? 'vpc-0a1b2c3d';
  return buildResource<VpcAttributes>(
    'AwsEc2Vpc',
    {
      vpcId: name,
      ownerId: '123456789012',
      isDefault: false,
      state: 'available',
      cidrBlocks: ['10.0.0.0/16'],
      ipv6CidrBlocks: [],
      flowLogs: [],
      ...a,
    },
    { name, region: o.region ?? 'us-east-1', id: `arn:aws:ec2:${o.region ?? 'us-east-1'}:123456789012:vpc/${name}` },
  );
}

export function subnet(a: Partial<SubnetAttributes> = {}, o: { name?: string } = {}): Resource<SubnetAttributes> {
  const name = o.name ?? a.subnetId ?? 'subnet-0a1b2c3d';
  return buildResource<SubnetAttributes>(
    'AwsEc2Subnet',
    {
      subnetId: name,
      vpcId: 'vpc-0a1b2c3d',
      ownerId: '123456789012',
      availabilityZone: 'us-east-1a',
      availabilityZoneId: 'use1-az1',
      cidrBlock: '10.0.1.0/24',
      ipv6CidrBlocks: [],
      mapPublicIpOnLaunch: false,
      assignIpv6AddressOnCreation: false,
      defaultForAz: false,
      state: 'available',
      ...a,
    },
    { name, id: `arn:aws:ec2:us-east-1:123456789012:subnet/${name}` },
  );
}

/**
 * The cases every "security group allows TCP port P from the internet" check must get right,
 * for each of its ports: single port, containing range, ::/0, all traffic → FAIL; a private
 * source, UDP, a neighbouring port, a group reference, no rules → PASS; an error → ERROR.
 */
export function portCheckCases(ports: readonly number[]): CheckCases {
  const sg = (ingressRules: SecurityGroupRule[]) => securityGroup({ ingressRules });
  const fail: CheckCase[] = ports.flatMap((p) => [
    { name: `TCP ${p} from 0.0.0.0/0`, resource: sg([tcp(p)]), message: String(p) },
    { name: `TCP range containing ${p} from 0.0.0.0/0`, resource: sg([tcp(Math.max(0, p - 5), p + 5)]), message: `port ${p}` },
    { name: `TCP ${p} from ::/0`, resource: sg([tcp(p, p, ['::/0'])]), message: '::/0' },
  ]);
  fail.push(
    { name: 'all traffic from 0.0.0.0/0', resource: sg([allTraffic()]), message: 'all traffic' },
    { name: 'all traffic from ::/0', resource: sg([allTraffic(['::/0'])]), message: '::/0' },
    { name: 'all TCP ports (no range) from 0.0.0.0/0', resource: sg([rule({ protocol: 'tcp', ipv4Ranges: ['0.0.0.0/0'] })]) },
  );
  const first = ports[0] ?? 0;
  const neighbour = ports.includes(first + 1000) ? first + 1001 : first + 1000;
  return {
    pass: [
      { name: 'no inbound rules', resource: sg([]), message: 'does not allow' },
      { name: 'private source only', resource: sg(ports.map((p) => tcp(p, p, ['10.0.0.0/8', '203.0.113.10/32']))) },
      { name: 'UDP on the same ports', resource: sg(ports.map((p) => rule({ ...tcp(p), protocol: 'udp' }))) },
      { name: 'another port open to the internet', resource: sg([tcp(neighbour)]) },
      {
        name: 'from a security group',
        resource: sg([rule({ protocol: 'all', groups: [{ groupId: 'sg-0fedcba987654321' }] })]),
      },
      { name: 'from a prefix list', resource: sg([rule({ ...tcp(first, first, []), prefixListIds: ['pl-12345678'] })]) },
    ],
    fail,
    error: [{ name: 'rules not collected', resource: withError(sg([]), 'ingressRules', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' }],
  };
}

export function peeringConnection(
  a: Partial<VpcPeeringConnectionAttributes> = {},
  o: { name?: string; region?: string } = {},
): Resource<VpcPeeringConnectionAttributes> {
  const name = o.name ?? a.peeringConnectionId ?? 'pcx-0a1b2c3d';
  const region = o.region ?? 'us-east-1';
  return buildResource<VpcPeeringConnectionAttributes>(
    'AwsEc2VpcPeeringConnection',
    {
      peeringConnectionId: name,
      status: 'active',
      requester: { vpcId: 'vpc-0aaa', ownerId: '123456789012', region, cidrBlocks: ['10.0.0.0/16'], ipv6CidrBlocks: [] },
      accepter: { vpcId: 'vpc-0bbb', ownerId: '123456789012', region, cidrBlocks: ['10.1.0.0/16'], ipv6CidrBlocks: [] },
      routes: [],
      ...a,
    },
    { name, region, id: `arn:aws:ec2:${region}:123456789012:vpc-peering-connection/${name}` },
  );
}
