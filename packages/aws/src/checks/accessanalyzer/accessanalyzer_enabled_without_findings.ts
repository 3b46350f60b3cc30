import { defineAwsCheck } from '../../context.ts';
import type { AccessAnalyzerRegionAttributes } from '../../resources/accessanalyzer.ts';
import { EXTERNAL_ACCESS_ANALYZER_TYPES } from '../../resources/accessanalyzer.ts';

export default defineAwsCheck<AccessAnalyzerRegionAttributes>({
  id: 'accessanalyzer_enabled_without_findings',
  service: 'accessanalyzer',
  title: 'IAM Access Analyzer is enabled and has no active external access findings',
  severity: 'low',
  resourceType: 'AwsAccessAnalyzerRegion',
  requires: ['analyzers', 'activeFindingCounts'],
  categories: ['identity-access', 'trust-boundaries', 'internet-exposed'],
  description:
    'Checks that the region has an ACTIVE external access analyzer and that none of its findings is still ACTIVE, i.e. every resource shared outside the zone of trust has been fixed or archived as intended.',
  risk:
    'An active external access finding is a resource (bucket, key, role, queue, secret, snapshot…) reachable from another account or the internet that nobody has confirmed as intended; it may be leaking data or allowing takeover.',
  remediation: {
    recommendation:
      'Review each active finding: remove the unintended access from the resource policy, or archive the finding (or add an archive rule) when the sharing is intended.',
    cli: 'aws accessanalyzer list-findings-v2 --analyzer-arn <analyzer-arn> --filter \'{"status":{"eq":["ACTIVE"]}}\'\naws accessanalyzer update-findings --analyzer-arn <analyzer-arn> --ids <finding-id> --status ARCHIVED',
    console: 'IAM console → Access analyzer → External access → Active findings → resolve or archive each finding.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html',
  },
  evaluate(r) {
    const active = r.attributes.analyzers.filter((a) => a.status === 'ACTIVE' && EXTERNAL_ACCESS_ANALYZER_TYPES.includes(a.type));
    if (active.length === 0) {
      return { status: 'FAIL', message: `${r.name} has no active external access analyzer, so external access is not analysed.` };
    }
    const counts = r.attributes.activeFindingCounts;
    const withFindings = active.filter((a) => (counts[a.arn] ?? 0) > 0);
    if (withFindings.length === 0) {
      return { status: 'PASS', message: `${r.name} has no active findings on analyzer ${active.map((a) => a.name).join(', ')}.` };
    }
    const detail = withFindings.map((a) => `${a.name}: ${counts[a.arn]}`).join(', ');
    return { status: 'FAIL', message: `${r.name} has active external access findings (${detail}).` };
  },
});
