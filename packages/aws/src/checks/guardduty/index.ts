import type { Check } from '@vigil/engine';
import centrallyManaged from './guardduty_centrally_managed.ts';
import ec2Malware from './guardduty_ec2_malware_protection_enabled.ts';
import eksAudit from './guardduty_eks_audit_log_enabled.ts';
import eksRuntime from './guardduty_eks_runtime_monitoring_enabled.ts';
import isEnabled from './guardduty_is_enabled.ts';
import lambda from './guardduty_lambda_protection_enabled.ts';
import noHighFindings from './guardduty_no_high_severity_findings.ts';
import rds from './guardduty_rds_protection_enabled.ts';
import s3 from './guardduty_s3_protection_enabled.ts';

export const checks: Check[] = [
  isEnabled,
  noHighFindings,
  centrallyManaged,
  s3,
  rds,
  lambda,
  ec2Malware,
  eksAudit,
  eksRuntime,
];
