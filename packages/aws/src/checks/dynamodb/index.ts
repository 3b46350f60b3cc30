import type { Check } from '@vigil/engine';
import deletionProtection from './dynamodb_table_deletion_protection_enabled.ts';
import kmsEncryption from './dynamodb_tables_kms_cmk_encryption_enabled.ts';
import pitr from './dynamodb_tables_pitr_enabled.ts';

export const checks: Check[] = [kmsEncryption, pitr, deletionProtection];
