import { defineAwsCheck } from '../../context.ts';
import type { MacieSessionAttributes } from '../../resources/macie.ts';

export default defineAwsCheck<MacieSessionAttributes>({
  id: 'macie_is_enabled',
  service: 'macie',
  title: 'Amazon Macie is enabled and not paused in the region',
  severity: 'medium',
  resourceType: 'AwsMacieSession',
  requires: ['session'],
  categories: ['secrets', 'forensics-ready'],
  description:
    'Checks, in every scanned region, that Amazon Macie is enabled and running (not paused), so S3 data can be discovered and classified for sensitive content (CIS 2.1.3).',
  risk:
    'Without Macie, nobody knows which buckets hold personal data, credentials or financial records, nor when such a bucket becomes public or unencrypted, so sensitive data is left under-protected.',
  remediation: {
    recommendation:
      'Enable Macie in every region that stores S3 data, centrally for the organization through a delegated administrator, and configure automated sensitive data discovery or discovery jobs.',
    cli: 'aws macie2 enable-macie --region <region>\n# paused session:\naws macie2 update-macie-session --status ENABLED --region <region>',
    terraform: 'resource "aws_macie2_account" "this" {\n  status = "ENABLED"\n}',
    cloudformation: 'Session:\n  Type: AWS::Macie::Session\n  Properties:\n    Status: ENABLED',
    console: 'Amazon Macie console (in each region) → Get started → Enable Macie.',
    url: 'https://docs.aws.amazon.com/macie/latest/user/getting-started.html',
  },
  evaluate(r) {
    const s = r.attributes.session;
    if (!s) return { status: 'FAIL', message: `${r.name} is not enabled.` };
    if (s.status !== 'ENABLED') return { status: 'FAIL', message: `${r.name} is enabled but its status is ${s.status}.` };
    return { status: 'PASS', message: `${r.name} is enabled.` };
  },
});
