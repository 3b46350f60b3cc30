import type { PolicyDocument } from '../../lib/resource-policy.ts';
import type { EfsFileSystemAttributes } from '../../resources/efs.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './efs_not_publicly_accessible.ts';

const fs = (policy: PolicyDocument | null) =>
  buildResource<Pick<EfsFileSystemAttributes, 'policy'>>('AwsEfsFileSystem', { policy }, { name: 'fs-0123' });
const policy = (extra: object): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'mount', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'], ...extra },
  ],
});

testCheck(check, {
  pass: [
    { name: 'prevent anonymous access', resource: fs(policy({ Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } } })), message: 'no public access' },
    { name: 'named role', resource: fs(policy({ Principal: { AWS: 'arn:aws:iam::123456789012:role/app' } })) },
  ],
  fail: [
    { name: 'no policy', resource: fs(null), message: 'no file system policy' },
    { name: 'open', resource: fs(policy({})), message: 'mount (elasticfilesystem:ClientMount, elasticfilesystem:ClientWrite)' },
    { name: 'SecureTransport only', resource: fs(policy({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })) },
  ],
  error: [{ name: 'denied', resource: withError(fs(null), 'policy', 'AccessDeniedException'), code: 'AccessDeniedException' }],
});
