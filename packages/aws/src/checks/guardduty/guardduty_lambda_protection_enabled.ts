import { defineGuardDutyFeatureCheck } from './feature-check.ts';

export default defineGuardDutyFeatureCheck({
  id: 'guardduty_lambda_protection_enabled',
  title: 'GuardDuty Lambda Protection is enabled',
  severity: 'high',
  label: 'Lambda Protection',
  features: ['LAMBDA_NETWORK_LOGS'],
  description:
    'Checks that the GuardDuty detector of the region has Lambda Protection enabled, so network activity of Lambda functions is monitored.',
  risk:
    'Without Lambda Protection, a compromised or malicious function that mines cryptocurrency or talks to attacker infrastructure runs without any GuardDuty alert.',
  remediation: {
    recommendation: 'Enable Lambda Protection on every detector (for an organization, auto-enable it for all members).',
    cli: 'aws guardduty update-detector --detector-id <id> --features \'[{"Name":"LAMBDA_NETWORK_LOGS","Status":"ENABLED"}]\'',
    terraform:
      'resource "aws_guardduty_detector_feature" "lambda" {\n  detector_id = aws_guardduty_detector.this.id\n  name        = "LAMBDA_NETWORK_LOGS"\n  status      = "ENABLED"\n}',
    console: 'GuardDuty console → Protection plans → Lambda Protection → Enable.',
    url: 'https://docs.aws.amazon.com/guardduty/latest/ug/lambda-protection.html',
  },
});
