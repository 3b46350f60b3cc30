import { defineAwsCheck } from '../../context.ts';
import type { AccessAnalyzerRegionAttributes } from '../../resources/accessanalyzer.ts';
import { EXTERNAL_ACCESS_ANALYZER_TYPES } from '../../resources/accessanalyzer.ts';

export default defineAwsCheck<AccessAnalyzerRegionAttributes>({
  id: 'accessanalyzer_enabled',
  service: 'accessanalyzer',
  title: 'IAM Access Analyzer has an active external access analyzer in the region',
  severity: 'low',
  resourceType: 'AwsAccessAnalyzerRegion',
  requires: ['analyzers'],
  categories: ['identity-access', 'trust-boundaries'],
  description:
    'Checks, in every scanned region, that IAM Access Analyzer has an ACTIVE external access analyzer (account or organization zone of trust). Unused-access and internal-access analyzers alone do not count.',
  risk:
    'Without an external access analyzer, resource policies that share S3 buckets, KMS keys, IAM roles, queues, secrets or snapshots with other accounts or the public are not flagged, so unintended exposure can persist unnoticed.',
  remediation: {
    recommendation:
      'Create an external access analyzer in every region; from the organization management or delegated administrator account, an ORGANIZATION analyzer covers all member accounts.',
    cli: 'aws accessanalyzer create-analyzer --analyzer-name account-analyzer --type ACCOUNT --region <region>',
    terraform: 'resource "aws_accessanalyzer_analyzer" "this" {\n  analyzer_name = "account-analyzer"\n  type          = "ACCOUNT"\n}',
    cloudformation: 'Analyzer:\n  Type: AWS::AccessAnalyzer::Analyzer\n  Properties:\n    Type: ACCOUNT',
    console: 'IAM console → Access analyzer → Analyzer settings → Create analyzer (External access), in each region.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html',
  },
  evaluate(r) {
    const analyzers = r.attributes.analyzers;
    const external = analyzers.filter((a) => EXTERNAL_ACCESS_ANALYZER_TYPES.includes(a.type));
    const active = external.filter((a) => a.status === 'ACTIVE');
    if (active.length > 0) {
      return { status: 'PASS', message: `${r.name} has active external access analyzer ${active.map((a) => a.name).join(', ')}.` };
    }
    if (external.length > 0) {
      const states = external.map((a) => `${a.name} is ${a.status}${a.statusReason ? ` (${a.statusReason})` : ''}`).join(', ');
      return { status: 'FAIL', message: `${r.name} has no active external access analyzer: ${states}.` };
    }
    if (analyzers.length > 0) {
      const types = [...new Set(analyzers.map((a) => a.type))].join(', ');
      return { status: 'FAIL', message: `${r.name} has only ${types} analyzers and no external access analyzer.` };
    }
    return { status: 'FAIL', message: `${r.name} has no analyzer: IAM Access Analyzer is not enabled in the region.` };
  },
});
