import type { EfsAccessPointAttributes } from '../../resources/efs.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './efs_access_point_enforce_user_identity.ts';

const ap = (posixUser: EfsAccessPointAttributes['posixUser']) =>
  buildResource<EfsAccessPointAttributes>('AwsEfsAccessPoint', { fileSystemId: 'fs-1', rootDirectoryPath: '/app', posixUser }, { name: 'fsap-1' });

testCheck(check, {
  pass: [{ name: 'enforced', resource: ap({ uid: 1000, gid: 1001, secondaryGids: [] }), message: '1000:1001' }],
  fail: [{ name: 'not enforced', resource: ap(null), message: 'does not enforce' }],
  error: [{ name: 'not collected', resource: withError(ap(null), 'posixUser'), code: 'AccessDenied' }],
});
