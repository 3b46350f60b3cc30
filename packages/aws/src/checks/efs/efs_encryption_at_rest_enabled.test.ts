import type { EfsFileSystemAttributes } from '../../resources/efs.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './efs_encryption_at_rest_enabled.ts';

type A = Pick<EfsFileSystemAttributes, 'encrypted' | 'kmsKeyId'>;
const fs = (encrypted: boolean, kmsKeyId: string | null = null) =>
  buildResource<A>('AwsEfsFileSystem', { encrypted, kmsKeyId }, { name: 'fs-0123' });

testCheck(check, {
  pass: [{ name: 'encrypted', resource: fs(true, 'arn:aws:kms:us-east-1:123456789012:key/k1'), message: 'key/k1' }],
  fail: [{ name: 'not encrypted', resource: fs(false), message: 'not encrypted' }],
  error: [{ name: 'not collected', resource: withError(fs(false), 'encrypted'), code: 'AccessDenied' }],
});
