import type { Subnet } from '@aws-sdk/client-ec2';
import { EC2Client, paginateDescribeSubnets } from '@aws-sdk/client-ec2';
import { defineAwsCollector } from '../../context.ts';
import type { SubnetAttributes } from '../../resources/ec2-network.ts';
import { tagRecord } from '../../lib/tags.ts';

/** Subnets (`AwsEc2Subnet`, regional): VPC, Availability Zone and launch-time addressing. */
export default defineAwsCollector({
  id: 'ec2-subnets',
  service: 'ec2',
  resourceType: 'AwsEc2Subnet',
  scope: 'regional',
  calls: [{ api: 'DescribeSubnets', action: 'ec2:DescribeSubnets' }],
  attributes: {
    subnetId: {},
    vpcId: {},
    ownerId: {},
    availabilityZone: {},
    availabilityZoneId: {},
    cidrBlock: {},
    ipv6CidrBlocks: {},
    mapPublicIpOnLaunch: {},
    assignIpv6AddressOnCreation: {},
    defaultForAz: {},
    state: {},
  },
  async *collect(ctx) {
    const ec2 = ctx.client(EC2Client);
    const subnets: Subnet[] = [];
    for await (const page of paginateDescribeSubnets({ client: ec2 }, { MaxResults: 1000 })) {
      subnets.push(...(page.Subnets ?? []));
    }
    for (const s of subnets) {
      const subnetId = s.SubnetId;
      if (!subnetId) continue;
      const ownerId = s.OwnerId ?? ctx.account;
      yield ctx.resource<Partial<SubnetAttributes>>({
        id: s.SubnetArn ?? `arn:${ctx.partition}:ec2:${ctx.region}:${ownerId}:subnet/${subnetId}`,
        name: subnetId,
        tags: tagRecord(s.Tags),
        attributes: {
          subnetId,
          vpcId: s.VpcId ?? '',
          ownerId,
          availabilityZone: s.AvailabilityZone ?? '',
          availabilityZoneId: s.AvailabilityZoneId ?? null,
          cidrBlock: s.CidrBlock ?? null,
          ipv6CidrBlocks: (s.Ipv6CidrBlockAssociationSet ?? []).flatMap((a) =>
            a.Ipv6CidrBlock && a.Ipv6CidrBlockState?.State !== 'disassociated' ? [a.Ipv6CidrBlock] : [],
          ),
          mapPublicIpOnLaunch: s.MapPublicIpOnLaunch ?? false,
          assignIpv6AddressOnCreation: s.AssignIpv6AddressOnCreation ?? false,
          defaultForAz: s.DefaultForAz ?? false,
          state: s.State ?? 'available',
        },
      });
    }
  },
});
