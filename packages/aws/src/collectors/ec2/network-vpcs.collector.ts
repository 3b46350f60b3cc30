import type { Vpc } from '@aws-sdk/client-ec2';
import { EC2Client, paginateDescribeFlowLogs, paginateDescribeVpcs } from '@aws-sdk/client-ec2';
import { defineAwsCollector } from '../../context.ts';
import type { VpcAttributes, VpcFlowLog } from '../../resources/ec2-network.ts';
import { tagRecord } from '../../lib/tags.ts';

/** VPCs (`AwsEc2Vpc`, regional) with their CIDR blocks and, on demand, their flow logs. */
export default defineAwsCollector({
  id: 'ec2-vpcs',
  service: 'ec2',
  resourceType: 'AwsEc2Vpc',
  scope: 'regional',
  calls: [{ api: 'DescribeVpcs', action: 'ec2:DescribeVpcs' }],
  attributes: {
    vpcId: {},
    ownerId: {},
    isDefault: {},
    state: {},
    cidrBlocks: {},
    ipv6CidrBlocks: {},
    flowLogs: { calls: [{ api: 'DescribeFlowLogs', action: 'ec2:DescribeFlowLogs' }] },
  },
  async *collect(ctx) {
    const ec2 = ctx.client(EC2Client);
    const vpcs: Vpc[] = [];
    for await (const page of paginateDescribeVpcs({ client: ec2 }, { MaxResults: 1000 })) {
      vpcs.push(...(page.Vpcs ?? []));
    }

    // One listing of the region's flow logs, made on first need and joined on the resource id.
    let listing: Promise<Map<string, VpcFlowLog[]>> | undefined;
    const flowLogsByResource = () =>
      (listing ??= (async () => {
        const byResource = new Map<string, VpcFlowLog[]>();
        for await (const page of paginateDescribeFlowLogs({ client: ec2 }, { MaxResults: 1000 })) {
          for (const f of page.FlowLogs ?? []) {
            if (!f.ResourceId || !f.FlowLogId) continue;
            const list = byResource.get(f.ResourceId) ?? [];
            list.push({
              flowLogId: f.FlowLogId,
              status: f.FlowLogStatus ?? 'UNKNOWN',
              trafficType: f.TrafficType ?? null,
              destinationType: f.LogDestinationType ?? null,
              destination: f.LogDestination ?? f.LogGroupName ?? null,
              deliverLogsStatus: f.DeliverLogsStatus ?? null,
            });
            byResource.set(f.ResourceId, list);
          }
        }
        return byResource;
      })());

    for (const v of vpcs) {
      const vpcId = v.VpcId;
      if (!vpcId) continue;
      const ownerId = v.OwnerId ?? ctx.account;
      const cidrs = (v.CidrBlockAssociationSet ?? [])
        .filter((a) => a.CidrBlock && !['disassociated', 'disassociating', 'failed'].includes(a.CidrBlockState?.State ?? ''))
        .map((a) => a.CidrBlock as string);
      if (v.CidrBlock && !cidrs.includes(v.CidrBlock)) cidrs.unshift(v.CidrBlock);
      const resource = ctx.resource<Partial<VpcAttributes>>({
        id: `arn:${ctx.partition}:ec2:${ctx.region}:${ownerId}:vpc/${vpcId}`,
        name: vpcId,
        tags: tagRecord(v.Tags),
        attributes: {
          vpcId,
          ownerId,
          isDefault: v.IsDefault ?? false,
          state: v.State ?? 'available',
          cidrBlocks: cidrs,
          ipv6CidrBlocks: (v.Ipv6CidrBlockAssociationSet ?? [])
            .filter((a) => a.Ipv6CidrBlock && !['disassociated', 'disassociating', 'failed'].includes(a.Ipv6CidrBlockState?.State ?? ''))
            .map((a) => a.Ipv6CidrBlock as string),
        },
      });
      await ctx.enrich(resource, 'flowLogs', async () => [...((await flowLogsByResource()).get(vpcId) ?? [])]);
      yield resource;
    }
  },
});
