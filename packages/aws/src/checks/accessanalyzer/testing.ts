import { buildResource } from '../../testing/index.ts';
import type { AccessAnalyzerRegionAttributes, AccessAnalyzerSummary } from '../../resources/accessanalyzer.ts';

export function analyzer(name: string, type = 'ACCOUNT', status = 'ACTIVE', statusReason?: string): AccessAnalyzerSummary {
  return { arn: `arn:aws:access-analyzer:us-east-1:123456789012:analyzer/${name}`, name, type, status, statusReason, tags: {} };
}

export function region(analyzers: AccessAnalyzerSummary[], activeFindingCounts: Record<string, number> = {}) {
  return buildResource<AccessAnalyzerRegionAttributes>(
    'AwsAccessAnalyzerRegion',
    { analyzers, activeFindingCounts },
    { name: 'IAM Access Analyzer in us-east-1', id: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzers' },
  );
}
