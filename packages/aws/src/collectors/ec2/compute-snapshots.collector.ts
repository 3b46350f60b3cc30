import { DescribeSnapshotAttributeCommand, EC2Client, paginateDescribeSnapshots } from '@aws-sdk/client-ec2';
import { defineAwsCollector } from '../../context.ts';
import type { Ec2SnapshotAttributes } from '../../resources/ec2-compute.ts';
import { tagRecord } from '../../lib/tags.ts';

/** EBS snapshots owned by the account (`AwsEc2Snapshot`, regional). */
export default defineAwsCollector({
  id: 'ec2-snapshots',
  service: 'ec2',
  resourceType: 'AwsEc2Snapshot',
  scope: 'regional',
  calls: [{ api: 'DescribeSnapshots', action: 'ec2:DescribeSnapshots' }],
  attributes: {
    snapshotId: {},
    volumeId: {},
    encrypted: {},
    kmsKeyId: {},
    state: {},
    startTime: {},
    createVolumePermissions: {
      calls: [{ api: 'DescribeSnapshotAttribute', action: 'ec2:DescribeSnapshotAttribute' }],
      // The snapshot was deleted between the listing and this call.
      notConfigured: ['InvalidSnapshot.NotFound'],
    },
  },
  async *collect(ctx) {
    const ec2 = ctx.client(EC2Client);
    for await (const page of paginateDescribeSnapshots({ client: ec2 }, { OwnerIds: ['self'], MaxResults: 1000 })) {
      const snapshots = (page.Snapshots ?? []).filter((s) => s.SnapshotId);
      const resources = await ctx.map(
        snapshots,
        async (s) => {
          const snapshotId = s.SnapshotId as string;
          const r = ctx.resource<Partial<Ec2SnapshotAttributes>>({
            // Snapshot ARNs carry no account id.
            id: `arn:${ctx.partition}:ec2:${ctx.region}::snapshot/${snapshotId}`,
            name: snapshotId,
            tags: tagRecord(s.Tags),
            attributes: {
              snapshotId,
              volumeId: s.VolumeId ?? null,
              encrypted: s.Encrypted ?? false,
              kmsKeyId: s.KmsKeyId ?? null,
              state: s.State ?? 'unknown',
              startTime: s.StartTime ? s.StartTime.toISOString() : null,
            },
          });
          await ctx.enrich(r, 'createVolumePermissions', async () => {
            const out = await ec2.send(
              new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' }),
            );
            return (out.CreateVolumePermissions ?? []).map((p) => ({
              ...(p.Group ? { group: p.Group } : {}),
              ...(p.UserId ? { userId: p.UserId } : {}),
            }));
          });
          return r;
        },
        8,
      );
      yield* resources;
    }
  },
});
