import type { VpcPeeringConnection, VpcPeeringConnectionVpcInfo } from '@aws-sdk/client-ec2';
import { EC2Client, paginateDescribeRouteTables, paginateDescribeVpcPeeringConnections } from '@aws-sdk/client-ec2';
import { defineAwsCollector } from '../../context.ts';
import type { PeeringRoute, PeeringVpcInfo, VpcPeeringConnectionAttributes } from '../../resources/ec2-network.ts';
import { tagRecord } from '../../lib/tags.ts';

function vpcInfo(v: VpcPeeringConnectionVpcInfo | undefined): PeeringVpcInfo {
  const cidrBlocks = (v?.CidrBlockSet ?? []).flatMap((c) => (c.CidrBlock ? [c.CidrBlock] : []));
  if (v?.CidrBlock && !cidrBlocks.includes(v.CidrBlock)) cidrBlocks.unshift(v.CidrBlock);
  return {
    vpcId: v?.VpcId ?? null,
    ownerId: v?.OwnerId ?? null,
    region: v?.Region ?? null,
    cidrBlocks,
    ipv6CidrBlocks: (v?.Ipv6CidrBlockSet ?? []).flatMap((c) => (c.Ipv6CidrBlock ? [c.Ipv6CidrBlock] : [])),
  };
}

/**
 * VPC peering connections (`AwsEc2VpcPeeringConnection`, regional) with both sides' CIDR
 * blocks and, on demand, the routes of the region's route tables that target them. An
 * inter-region connection is listed in both regions; each resource carries its region's routes.
 */
export default defineAwsCollector({
  id: 'ec2-vpc-peering-connections',
  service: 'ec2',
  resourceType: 'AwsEc2VpcPeeringConnection',
  scope: 'regional',
  calls: [{ api: 'DescribeVpcPeeringConnections', action: 'ec2:DescribeVpcPeeringConnections' }],
  attributes: {
    peeringConnectionId: {},
    status: {},
    requester: {},
    accepter: {},
    routes: { calls: [{ api: 'DescribeRouteTables', action: 'ec2:DescribeRouteTables' }] },
  },
  async *collect(ctx) {
    const ec2 = ctx.client(EC2Client);
    const connections: VpcPeeringConnection[] = [];
    for await (const page of paginateDescribeVpcPeeringConnections({ client: ec2 }, { MaxResults: 1000 })) {
      connections.push(...(page.VpcPeeringConnections ?? []));
    }

    // One listing of the region's route tables, made on first need, indexed by peering connection.
    let listing: Promise<Map<string, PeeringRoute[]>> | undefined;
    const routesByConnection = () =>
      (listing ??= (async () => {
        const byConnection = new Map<string, PeeringRoute[]>();
        for await (const page of paginateDescribeRouteTables({ client: ec2 }, { MaxResults: 100 })) {
          for (const table of page.RouteTables ?? []) {
            for (const r of table.Routes ?? []) {
              if (!r.VpcPeeringConnectionId || !table.RouteTableId) continue;
              const destination = r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId;
              if (!destination) continue;
              const list = byConnection.get(r.VpcPeeringConnectionId) ?? [];
              list.push({
                routeTableId: table.RouteTableId,
                vpcId: table.VpcId ?? '',
                destination,
                destinationType: r.DestinationCidrBlock ? 'ipv4' : r.DestinationIpv6CidrBlock ? 'ipv6' : 'prefix-list',
                state: r.State ?? null,
              });
              byConnection.set(r.VpcPeeringConnectionId, list);
            }
          }
        }
        return byConnection;
      })());

    for (const c of connections) {
      const id = c.VpcPeeringConnectionId;
      if (!id) continue;
      const resource = ctx.resource<Partial<VpcPeeringConnectionAttributes>>({
        id: `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.account}:vpc-peering-connection/${id}`,
        name: id,
        tags: tagRecord(c.Tags),
        attributes: {
          peeringConnectionId: id,
          status: c.Status?.Code ?? 'unknown',
          requester: vpcInfo(c.RequesterVpcInfo),
          accepter: vpcInfo(c.AccepterVpcInfo),
        },
      });
      await ctx.enrich(resource, 'routes', async () => [...((await routesByConnection()).get(id) ?? [])]);
      yield resource;
    }
  },
});
