import type { Check } from '@vigil/engine';
import cloudtrail_bucket_requires_mfa_delete from './cloudtrail_bucket_requires_mfa_delete.ts';
import cloudtrail_cloudwatch_logging_enabled from './cloudtrail_cloudwatch_logging_enabled.ts';
import cloudtrail_insights_exist from './cloudtrail_insights_exist.ts';
import cloudtrail_kms_encryption_enabled from './cloudtrail_kms_encryption_enabled.ts';
import cloudtrail_log_file_validation_enabled from './cloudtrail_log_file_validation_enabled.ts';
import cloudtrail_logs_s3_bucket_access_logging_enabled from './cloudtrail_logs_s3_bucket_access_logging_enabled.ts';
import cloudtrail_multi_region_enabled from './cloudtrail_multi_region_enabled.ts';
import cloudtrail_multi_region_enabled_logging_management_events from './cloudtrail_multi_region_enabled_logging_management_events.ts';
import cloudtrail_s3_dataevents_read_enabled from './cloudtrail_s3_dataevents_read_enabled.ts';
import cloudtrail_s3_dataevents_write_enabled from './cloudtrail_s3_dataevents_write_enabled.ts';

export const checks: Check[] = [
  cloudtrail_multi_region_enabled,
  cloudtrail_multi_region_enabled_logging_management_events,
  cloudtrail_log_file_validation_enabled,
  cloudtrail_logs_s3_bucket_access_logging_enabled,
  cloudtrail_bucket_requires_mfa_delete,
  cloudtrail_kms_encryption_enabled,
  cloudtrail_s3_dataevents_write_enabled,
  cloudtrail_s3_dataevents_read_enabled,
  cloudtrail_cloudwatch_logging_enabled,
  cloudtrail_insights_exist,
];
