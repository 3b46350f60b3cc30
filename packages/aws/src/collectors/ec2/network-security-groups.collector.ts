import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import { EC2Client, paginateDescribeNetworkInterfaces, paginateDescribeSecurityGroups } from '@aws-sdk/client-ec2';
import { defineAwsCollector } from '../../context.ts';
import type { SecurityGroupAttributes, SecurityGroupRule } from '../../resources/ec2-network.ts';
import { normaliseProtocol } from '../../resources/ec2-network.ts';
import { tagRecord } from '../../lib/tags.ts';

/** Normalises one IP permission of DescribeSecurityGroups. */
export function securityGroupRule(p: IpPermission): SecurityGroupRule {
  const protocol = normaliseProtocol(p.IpProtocol);
  const ported = protocol === 'tcp' || protocol === 'udp' || protocol === 'icmp' || protocol === 'icmpv6';
  const port = (n: number | undefined) => (ported && n !== undefined && n !== -1 ? n : null);
  let fromPort = port(p.FromPort);
  let toPort = port(p.ToPort);
  // A TCP/UDP rule always has both ports; an ICMP rule with type -1 covers every type and code.
  if (fromPort === null) toPort = null;
  if ((protocol === 'tcp' || protocol === 'udp') && toPort === null) fromPort = null;
  return {
    protocol,
    fromPort,
    toPort,
    ipv4Ranges: (p.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [r.CidrIp] : [])),
    ipv6Ranges: (p.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 ? [r.CidrIpv6] : [])),
    groups: (p.UserIdGroupPairs ?? []).flatMap((g) =>
      g.GroupId
        ? [
            {
              groupId: g.GroupId,
              ...(g.UserId ? { userId: g.UserId } : {}),
              ...(g.VpcId ? { vpcId: g.VpcId } : {}),
              ...(g.VpcPeeringConnectionId ? { vpcPeeringConnectionId: g.VpcPeeringConnectionId } : {}),
            },
          ]
        : [],
    ),
    prefixListIds: (p.PrefixListIds ?? []).flatMap((l) => (l.PrefixListId ? [l.PrefixListId] : [])),
  };
}

/** Security groups (`AwsEc2SecurityGroup`, regional) with normalised inbound and outbound rules. */
export default defineAwsCollector({
  id: 'ec2-security-groups',
  service: 'ec2',
  resourceType: 'AwsEc2SecurityGroup',
  scope: 'regional',
  calls: [{ api: 'DescribeSecurityGroups', action: 'ec2:DescribeSecurityGroups' }],
  attributes: {
    groupId: {},
    groupName: {},
    description: {},
    vpcId: {},
    ownerId: {},
    isDefault: {},
    ingressRules: {},
    egressRules: {},
    networkInterfaceIds: {
      calls: [{ api: 'DescribeNetworkInterfaces', action: 'ec2:DescribeNetworkInterfaces' }],
    },
  },
  async *collect(ctx) {
    const ec2 = ctx.client(EC2Client);
    const groups: SecurityGroup[] = [];
    for await (const page of paginateDescribeSecurityGroups({ client: ec2 }, { MaxResults: 1000 })) {
      groups.push(...(page.SecurityGroups ?? []));
    }

    // One listing of the region's network interfaces, made on first need and shared.
    let interfaces: Promise<Map<string, string[]>> | undefined;
    const interfacesByGroup = () =>
      (interfaces ??= (async () => {
        const byGroup = new Map<string, string[]>();
        for await (const page of paginateDescribeNetworkInterfaces({ client: ec2 }, { MaxResults: 1000 })) {
          for (const eni of page.NetworkInterfaces ?? []) {
            if (!eni.NetworkInterfaceId) continue;
            for (const g of eni.Groups ?? []) {
              if (!g.GroupId) continue;
              const list = byGroup.get(g.GroupId) ?? [];
              list.push(eni.NetworkInterfaceId);
              byGroup.set(g.GroupId, list);
            }
          }
        }
        return byGroup;
      })());

    for (const g of groups) {
      const groupId = g.GroupId;
      if (!groupId) continue;
      const ownerId = g.OwnerId ?? ctx.account;
      const resource = ctx.resource<Partial<SecurityGroupAttributes>>({
        id: g.SecurityGroupArn ?? `arn:${ctx.partition}:ec2:${ctx.region}:${ownerId}:security-group/${groupId}`,
        name: groupId,
        tags: tagRecord(g.Tags),
        attributes: {
          groupId,
          groupName: g.GroupName ?? '',
          description: g.Description ?? '',
          vpcId: g.VpcId ?? null,
          ownerId,
          isDefault: g.GroupName === 'default',
          ingressRules: (g.IpPermissions ?? []).map(securityGroupRule),
          egressRules: (g.IpPermissionsEgress ?? []).map(securityGroupRule),
        },
      });
      await ctx.enrich(resource, 'networkInterfaceIds', async () => [...((await interfacesByGroup()).get(groupId) ?? [])]);
      yield resource;
    }
  },
});
