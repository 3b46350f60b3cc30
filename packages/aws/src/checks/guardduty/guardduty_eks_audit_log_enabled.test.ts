import check from './guardduty_eks_audit_log_enabled.ts';
import { testFeatureCheck } from './testing.ts';

testFeatureCheck(check, 'EKS_AUDIT_LOGS', 'EKS audit log monitoring', 'kubernetesAuditLogs');
