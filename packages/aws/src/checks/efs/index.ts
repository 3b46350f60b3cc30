import type { Check } from '@vigil/engine';
import accessPointRootDirectory from './efs_access_point_enforce_root_directory.ts';
import accessPointUserIdentity from './efs_access_point_enforce_user_identity.ts';
import encryptionAtRest from './efs_encryption_at_rest_enabled.ts';
import backupEnabled from './efs_have_backup_enabled.ts';
import multiAz from './efs_multi_az_enabled.ts';
import notPubliclyAccessible from './efs_not_publicly_accessible.ts';

export const checks: Check[] = [
  encryptionAtRest,
  backupEnabled,
  notPubliclyAccessible,
  multiAz,
  accessPointRootDirectory,
  accessPointUserIdentity,
];
