import { defineGuardDutyFeatureCheck } from './feature-check.ts';

export default defineGuardDutyFeatureCheck({
  id: 'guardduty_s3_protection_enabled',
  title: 'GuardDuty S3 Protection is enabled',
  severity: 'high',
  label: 'S3 Protection',
  features: ['S3_DATA_EVENTS'],
  dataSource: 's3Logs',
  description:
    'Checks that the GuardDuty detector of the region has S3 Protection enabled, so S3 data events are analysed for suspicious access.',
  risk:
    'Without S3 Protection, GuardDuty does not see object-level API activity, so data exfiltration, unusual bulk reads or deletions and access from malicious IPs to buckets go undetected.',
  remediation: {
    recommendation: 'Enable S3 Protection on every detector (for an organization, auto-enable it for all members).',
    cli: 'aws guardduty update-detector --detector-id <id> --features \'[{"Name":"S3_DATA_EVENTS","Status":"ENABLED"}]\'',
    terraform:
      'resource "aws_guardduty_detector_feature" "s3" {\n  detector_id = aws_guardduty_detector.this.id\n  name        = "S3_DATA_EVENTS"\n  status      = "ENABLED"\n}',
    console: 'GuardDuty console → Protection plans → S3 Protection → Enable.',
    url: 'https://docs.aws.amazon.com/guardduty/latest/ug/s3-protection.html',
  },
});
