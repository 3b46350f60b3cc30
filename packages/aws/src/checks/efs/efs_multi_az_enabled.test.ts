import type { EfsFileSystemAttributes } from '../../resources/efs.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './efs_multi_az_enabled.ts';

type A = Pick<EfsFileSystemAttributes, 'availabilityZoneName' | 'numberOfMountTargets'>;
const fs = (availabilityZoneName: string | null, numberOfMountTargets: number) =>
  buildResource<A>('AwsEfsFileSystem', { availabilityZoneName, numberOfMountTargets }, { name: 'fs-0123' });

testCheck(check, {
  pass: [{ name: 'regional, 3 targets', resource: fs(null, 3), message: '3 mount targets' }],
  fail: [
    { name: 'one zone', resource: fs('us-east-1a', 1), message: 'One Zone storage in us-east-1a' },
    { name: 'regional, one target', resource: fs(null, 1), message: 'only 1 mount target' },
    { name: 'regional, no target', resource: fs(null, 0) },
  ],
  error: [{ name: 'not collected', resource: withError(fs(null, 0), 'numberOfMountTargets'), code: 'AccessDenied' }],
});
