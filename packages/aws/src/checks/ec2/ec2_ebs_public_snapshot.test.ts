import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_ebs_public_snapshot.ts';
import { snapshot } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'private', resource: snapshot({ createVolumePermissions: [] }), message: 'is not public.' },
    { name: 'shared with one account', resource: snapshot({ createVolumePermissions: [{ userId: '210987654321' }] }), message: 'shared with 1 named account' },
    { name: 'deleted during the scan', resource: snapshot({ createVolumePermissions: null }), message: 'deleted' },
  ],
  fail: [
    { name: 'public', resource: snapshot({ createVolumePermissions: [{ group: 'all' }] }), message: 'is public' },
    { name: 'public and shared', resource: snapshot({ createVolumePermissions: [{ userId: '210987654321' }, { group: 'all' }] }) },
  ],
  error: [{ name: 'DescribeSnapshotAttribute denied', resource: withError(snapshot(), 'createVolumePermissions', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' }],
});
