import { defineGuardDutyFeatureCheck } from './feature-check.ts';

export default defineGuardDutyFeatureCheck({
  id: 'guardduty_eks_audit_log_enabled',
  title: 'GuardDuty EKS Protection (audit log monitoring) is enabled',
  severity: 'high',
  categories: ['cluster-security'],
  label: 'EKS audit log monitoring',
  features: ['EKS_AUDIT_LOGS'],
  dataSource: 'kubernetesAuditLogs',
  description:
    'Checks that the GuardDuty detector of the region has EKS Protection enabled, so Kubernetes audit logs of EKS clusters are analysed for suspicious activity.',
  risk:
    'Without EKS audit log monitoring, anonymous access to the Kubernetes API, privilege escalation through role bindings and containers started with sensitive host mounts go undetected.',
  remediation: {
    recommendation: 'Enable EKS Protection on every detector (for an organization, auto-enable it for all members).',
    cli: 'aws guardduty update-detector --detector-id <id> --features \'[{"Name":"EKS_AUDIT_LOGS","Status":"ENABLED"}]\'',
    terraform:
      'resource "aws_guardduty_detector_feature" "eks" {\n  detector_id = aws_guardduty_detector.this.id\n  name        = "EKS_AUDIT_LOGS"\n  status      = "ENABLED"\n}',
    console: 'GuardDuty console → Protection plans → EKS Protection → Enable.',
    url: 'https://docs.aws.amazon.com/guardduty/latest/ug/kubernetes-protection.html',
  },
});
