import type { EfsAccessPointAttributes } from '../../resources/efs.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './efs_access_point_enforce_root_directory.ts';

const ap = (rootDirectoryPath: string) =>
  buildResource<EfsAccessPointAttributes>('AwsEfsAccessPoint', { fileSystemId: 'fs-1', rootDirectoryPath, posixUser: null }, { name: 'fsap-1' });

testCheck(check, {
  pass: [{ name: 'subdirectory', resource: ap('/app'), message: '/app on fs-1' }],
  fail: [{ name: 'root', resource: ap('/'), message: 'root directory of fs-1' }],
  error: [{ name: 'not collected', resource: withError(ap('/'), 'rootDirectoryPath'), code: 'AccessDenied' }],
});
