import type { Ec2VolumeAttributes } from '../../resources/ec2-compute.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './ec2_ebs_volume_encryption.ts';

const volume = (attrs: Partial<Ec2VolumeAttributes>) =>
  buildResource<Ec2VolumeAttributes>(
    'AwsEc2Volume',
    { volumeId: 'vol-0001', encrypted: false, kmsKeyId: null, state: 'in-use', volumeType: 'gp3', sizeGiB: 8, snapshotId: null, createTime: null, attachments: [], ...attrs },
    { name: 'vol-0001' },
  );

testCheck(check, {
  pass: [{ name: 'encrypted volume', resource: volume({ encrypted: true, kmsKeyId: 'alias/aws/ebs' }), message: 'is encrypted' }],
  fail: [
    { name: 'unencrypted attached volume', resource: volume({}), message: 'is not encrypted' },
    { name: 'unencrypted detached volume', resource: volume({ state: 'available' }) },
  ],
  error: [{ name: 'listing attribute failed', resource: withError(volume({}), 'encrypted', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' }],
});
