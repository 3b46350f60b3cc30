/** Recorded credential report content shared by the IAM collector tests. */
export const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
export const ROOT =
  '<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2026-10-30T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
export const ALICE =
  'alice,arn:aws:iam::123456789012:user/alice,2026-01-01T00:00:00+00:00,true,no_information,2026-01-01T00:00:00+00:00,N/A,false,true,2026-01-01T00:00:00+00:00,N/A,N/A,N/A,true,2026-02-01T00:00:00+00:00,2026-10-01T00:00:00+00:00,us-east-1,s3,false,N/A,false,N/A';
export const CSV = [HEADER, ROOT, ALICE].join('\n');
