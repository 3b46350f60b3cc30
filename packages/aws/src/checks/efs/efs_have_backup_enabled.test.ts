import type { EfsFileSystemAttributes } from '../../resources/efs.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './efs_have_backup_enabled.ts';

const fs = (backupPolicyStatus: string | null) =>
  buildResource<Pick<EfsFileSystemAttributes, 'backupPolicyStatus'>>('AwsEfsFileSystem', { backupPolicyStatus }, { name: 'fs-0123' });

testCheck(check, {
  pass: [
    { name: 'enabled', resource: fs('ENABLED'), message: 'backups enabled' },
    { name: 'enabling', resource: fs('ENABLING') },
  ],
  fail: [
    { name: 'disabled', resource: fs('DISABLED'), message: 'backups disabled' },
    { name: 'no policy', resource: fs(null), message: 'no backup policy' },
  ],
  error: [{ name: 'denied', resource: withError(fs(null), 'backupPolicyStatus', 'AccessDeniedException'), code: 'AccessDeniedException' }],
});
