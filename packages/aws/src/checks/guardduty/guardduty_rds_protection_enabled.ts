import { defineGuardDutyFeatureCheck } from './feature-check.ts';

export default defineGuardDutyFeatureCheck({
  id: 'guardduty_rds_protection_enabled',
  title: 'GuardDuty RDS Protection is enabled',
  severity: 'high',
  label: 'RDS Protection',
  features: ['RDS_LOGIN_EVENTS'],
  description:
    'Checks that the GuardDuty detector of the region has RDS Protection enabled, so login activity on supported Aurora and RDS databases is profiled for anomalies.',
  risk:
    'Without RDS Protection, brute-force attempts and logins from unusual or malicious sources against Aurora and RDS databases raise no alert, leaving database compromise unnoticed.',
  remediation: {
    recommendation: 'Enable RDS Protection on every detector (for an organization, auto-enable it for all members).',
    cli: 'aws guardduty update-detector --detector-id <id> --features \'[{"Name":"RDS_LOGIN_EVENTS","Status":"ENABLED"}]\'',
    terraform:
      'resource "aws_guardduty_detector_feature" "rds" {\n  detector_id = aws_guardduty_detector.this.id\n  name        = "RDS_LOGIN_EVENTS"\n  status      = "ENABLED"\n}',
    console: 'GuardDuty console → Protection plans → RDS Protection → Enable.',
    url: 'https://docs.aws.amazon.com/guardduty/latest/ug/rds-protection.html',
  },
});
