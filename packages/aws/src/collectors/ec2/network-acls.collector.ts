import type { NetworkAcl, NetworkAclEntry as SdkNetworkAclEntry } from '@aws-sdk/client-ec2';
import { EC2Client, paginateDescribeNetworkAcls } from '@aws-sdk/client-ec2';
import { defineAwsCollector } from '../../context.ts';
import type { NetworkAclAttributes, NetworkAclEntry } from '../../resources/ec2-network.ts';
import { normaliseProtocol } from '../../resources/ec2-network.ts';
import { tagRecord } from '../../lib/tags.ts';

/** Normalises one entry of DescribeNetworkAcls. */
export function networkAclEntry(e: SdkNetworkAclEntry): NetworkAclEntry {
  const protocol = normaliseProtocol(e.Protocol);
  const ported = (protocol === 'tcp' || protocol === 'udp') && e.PortRange?.From !== undefined && e.PortRange.To !== undefined;
  return {
    ruleNumber: e.RuleNumber ?? 32767,
    egress: e.Egress ?? false,
    action: e.RuleAction === 'allow' ? 'allow' : 'deny',
    protocol,
    fromPort: ported ? (e.PortRange?.From ?? null) : null,
    toPort: ported ? (e.PortRange?.To ?? null) : null,
    cidrIpv4: e.CidrBlock ?? null,
    cidrIpv6: e.Ipv6CidrBlock ?? null,
  };
}

/** Network ACLs (`AwsEc2NetworkAcl`, regional) with their entries and subnet associations. */
export default defineAwsCollector({
  id: 'ec2-network-acls',
  service: 'ec2',
  resourceType: 'AwsEc2NetworkAcl',
  scope: 'regional',
  calls: [{ api: 'DescribeNetworkAcls', action: 'ec2:DescribeNetworkAcls' }],
  attributes: {
    networkAclId: {},
    vpcId: {},
    ownerId: {},
    isDefault: {},
    entries: {},
    associatedSubnetIds: {},
  },
  async *collect(ctx) {
    const ec2 = ctx.client(EC2Client);
    const acls: NetworkAcl[] = [];
    for await (const page of paginateDescribeNetworkAcls({ client: ec2 }, { MaxResults: 1000 })) {
      acls.push(...(page.NetworkAcls ?? []));
    }
    for (const acl of acls) {
      const id = acl.NetworkAclId;
      if (!id) continue;
      const ownerId = acl.OwnerId ?? ctx.account;
      yield ctx.resource<Partial<NetworkAclAttributes>>({
        id: `arn:${ctx.partition}:ec2:${ctx.region}:${ownerId}:network-acl/${id}`,
        name: id,
        tags: tagRecord(acl.Tags),
        attributes: {
          networkAclId: id,
          vpcId: acl.VpcId ?? '',
          ownerId,
          isDefault: acl.IsDefault ?? false,
          entries: (acl.Entries ?? []).map(networkAclEntry).sort((a, b) => a.ruleNumber - b.ruleNumber),
          associatedSubnetIds: (acl.Associations ?? []).flatMap((a) => (a.SubnetId ? [a.SubnetId] : [])),
        },
      });
    }
  },
});
