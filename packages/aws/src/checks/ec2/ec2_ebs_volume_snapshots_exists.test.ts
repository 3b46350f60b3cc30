import type { Ec2VolumeAttributes } from '../../resources/ec2-compute.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './ec2_ebs_volume_snapshots_exists.ts';
import { snapshot } from './lib/compute-fixtures.ts';

const volume = (region = 'us-east-1') =>
  buildResource<Ec2VolumeAttributes>(
    'AwsEc2Volume',
    { volumeId: 'vol-0001', encrypted: true, kmsKeyId: null, state: 'in-use', volumeType: 'gp3', sizeGiB: 8, snapshotId: null, createTime: null, attachments: [] },
    { name: 'vol-0001', region },
  );
const otherRegion = { ...snapshot({ volumeId: 'vol-0001' }), region: 'eu-west-1' };

testCheck(check, {
  pass: [
    { name: 'one snapshot', resource: volume(), related: { AwsEc2Snapshot: [snapshot({ volumeId: 'vol-0001' })] }, message: 'has 1 snapshot' },
    {
      name: 'two snapshots among others',
      resource: volume(),
      related: {
        AwsEc2Snapshot: [snapshot({ snapshotId: 'snap-a', volumeId: 'vol-0001' }), snapshot({ snapshotId: 'snap-b', volumeId: 'vol-0001' }), snapshot({ snapshotId: 'snap-c', volumeId: 'vol-0002' })],
      },
      message: 'has 2 snapshots',
    },
  ],
  fail: [
    { name: 'no snapshots at all', resource: volume(), related: { AwsEc2Snapshot: [] }, message: 'has no snapshot' },
    { name: 'only snapshots of other volumes', resource: volume(), related: { AwsEc2Snapshot: [snapshot({ volumeId: 'vol-0002' })] } },
    { name: 'same volume id in another region', resource: volume(), related: { AwsEc2Snapshot: [otherRegion] } },
  ],
  error: [
    { name: 'volume attribute failed', resource: withError(volume(), 'volumeId'), code: 'AccessDenied' },
    {
      name: 'snapshot attribute failed',
      resource: volume(),
      related: { AwsEc2Snapshot: [withError(snapshot(), 'volumeId', 'UnauthorizedOperation')] },
      code: 'UnauthorizedOperation',
    },
  ],
});
