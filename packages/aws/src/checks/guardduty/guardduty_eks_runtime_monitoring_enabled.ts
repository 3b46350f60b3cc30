import { defineGuardDutyFeatureCheck } from './feature-check.ts';

export default defineGuardDutyFeatureCheck({
  id: 'guardduty_eks_runtime_monitoring_enabled',
  title: 'GuardDuty Runtime Monitoring covers EKS',
  severity: 'medium',
  label: 'EKS Runtime Monitoring',
  // Runtime Monitoring (RUNTIME_MONITORING) superseded EKS Runtime Monitoring and includes EKS.
  features: ['EKS_RUNTIME_MONITORING', 'RUNTIME_MONITORING'],
  description:
    'Checks that the GuardDuty detector of the region has Runtime Monitoring (or the older EKS Runtime Monitoring) enabled, so process, file and network events inside EKS nodes and containers are analysed.',
  risk:
    'Without runtime monitoring, attacks that happen inside a running container — reverse shells, crypto miners, container escapes — leave no trace in the control-plane logs GuardDuty otherwise reads.',
  remediation: {
    recommendation:
      'Enable Runtime Monitoring on every detector and let GuardDuty manage the security agent for EKS (EKS_ADDON_MANAGEMENT), or deploy the agent yourself.',
    cli: 'aws guardduty update-detector --detector-id <id> --features \'[{"Name":"RUNTIME_MONITORING","Status":"ENABLED","AdditionalConfiguration":[{"Name":"EKS_ADDON_MANAGEMENT","Status":"ENABLED"}]}]\'',
    terraform:
      'resource "aws_guardduty_detector_feature" "runtime" {\n  detector_id = aws_guardduty_detector.this.id\n  name        = "RUNTIME_MONITORING"\n  status      = "ENABLED"\n  additional_configuration {\n    name   = "EKS_ADDON_MANAGEMENT"\n    status = "ENABLED"\n  }\n}',
    console: 'GuardDuty console → Protection plans → Runtime Monitoring → Enable, then enable automated agent configuration for Amazon EKS.',
    url: 'https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring.html',
  },
});
