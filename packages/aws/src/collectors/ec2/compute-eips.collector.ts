import { DescribeAddressesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { defineAwsCollector } from '../../context.ts';
import type { Ec2EipAttributes } from '../../resources/ec2-compute.ts';
import { tagRecord } from '../../lib/tags.ts';

/** Elastic IP addresses (`AwsEc2Eip`, regional). DescribeAddresses is not paginated. */
export default defineAwsCollector({
  id: 'ec2-eips',
  service: 'ec2',
  resourceType: 'AwsEc2Eip',
  scope: 'regional',
  calls: [{ api: 'DescribeAddresses', action: 'ec2:DescribeAddresses' }],
  attributes: {
    allocationId: {},
    publicIp: {},
    associationId: {},
    instanceId: {},
    networkInterfaceId: {},
    domain: {},
  },
  async *collect(ctx) {
    const ec2 = ctx.client(EC2Client);
    const { Addresses } = await ec2.send(new DescribeAddressesCommand({}));
    for (const a of Addresses ?? []) {
      const key = a.AllocationId ?? a.PublicIp;
      if (!key) continue;
      yield ctx.resource<Partial<Ec2EipAttributes>>({
        id: ctx.arn('ec2', `elastic-ip/${key}`),
        name: a.PublicIp ?? key,
        tags: tagRecord(a.Tags),
        attributes: {
          allocationId: a.AllocationId ?? null,
          publicIp: a.PublicIp ?? null,
          associationId: a.AssociationId ?? null,
          instanceId: a.InstanceId || null,
          networkInterfaceId: a.NetworkInterfaceId ?? null,
          domain: a.Domain ?? null,
        },
      });
    }
  },
});
