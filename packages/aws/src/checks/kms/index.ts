import type { Check } from '@vigil/engine';
import kmsCmkAreUsed from './kms_cmk_are_used.ts';
import kmsCmkNotDeletedUnintentionally from './kms_cmk_not_deleted_unintentionally.ts';
import kmsCmkNotMultiRegion from './kms_cmk_not_multi_region.ts';
import kmsCmkRotationEnabled from './kms_cmk_rotation_enabled.ts';
import kmsKeyNotPubliclyAccessible from './kms_key_not_publicly_accessible.ts';

export const checks: Check[] = [
  kmsCmkRotationEnabled,
  kmsKeyNotPubliclyAccessible,
  kmsCmkNotDeletedUnintentionally,
  kmsCmkAreUsed,
  kmsCmkNotMultiRegion,
];
