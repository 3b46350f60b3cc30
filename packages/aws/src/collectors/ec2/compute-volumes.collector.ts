import { EC2Client, paginateDescribeVolumes } from '@aws-sdk/client-ec2';
import { defineAwsCollector } from '../../context.ts';
import type { Ec2VolumeAttributes } from '../../resources/ec2-compute.ts';
import { tagRecord } from '../../lib/tags.ts';

/** EBS volumes (`AwsEc2Volume`, regional). */
export default defineAwsCollector({
  id: 'ec2-volumes',
  service: 'ec2',
  resourceType: 'AwsEc2Volume',
  scope: 'regional',
  calls: [{ api: 'DescribeVolumes', action: 'ec2:DescribeVolumes' }],
  attributes: {
    volumeId: {},
    encrypted: {},
    kmsKeyId: {},
    state: {},
    volumeType: {},
    sizeGiB: {},
    snapshotId: {},
    createTime: {},
    attachments: {},
  },
  async *collect(ctx) {
    const ec2 = ctx.client(EC2Client);
    for await (const page of paginateDescribeVolumes({ client: ec2 }, { MaxResults: 500 })) {
      for (const v of page.Volumes ?? []) {
        if (!v.VolumeId) continue;
        yield ctx.resource<Partial<Ec2VolumeAttributes>>({
          id: ctx.arn('ec2', `volume/${v.VolumeId}`),
          name: v.VolumeId,
          tags: tagRecord(v.Tags),
          attributes: {
            volumeId: v.VolumeId,
            encrypted: v.Encrypted ?? false,
            kmsKeyId: v.KmsKeyId ?? null,
            state: v.State ?? 'unknown',
            volumeType: v.VolumeType ?? null,
            sizeGiB: v.Size ?? null,
            snapshotId: v.SnapshotId || null,
            createTime: v.CreateTime ? v.CreateTime.toISOString() : null,
            attachments: (v.Attachments ?? []).map((a) => ({
              instanceId: a.InstanceId ?? null,
              device: a.Device ?? null,
              state: a.State ?? null,
              deleteOnTermination: a.DeleteOnTermination ?? false,
            })),
          },
        });
      }
    }
  },
});
