/** Attribute shapes of IAM Access Analyzer resources, as the Access Analyzer collector produces them. */

/** Analyzer types that report external access (the analyzers CIS 1.20 asks for). */
export const EXTERNAL_ACCESS_ANALYZER_TYPES: readonly string[] = ['ACCOUNT', 'ORGANIZATION'];

export interface AccessAnalyzerSummary {
  arn: string;
  name: string;
  /** `ACCOUNT`, `ORGANIZATION`, `ACCOUNT_UNUSED_ACCESS`, `ORGANIZATION_UNUSED_ACCESS`, `ACCOUNT_INTERNAL_ACCESS`… */
  type: string;
  /** `ACTIVE`, `CREATING`, `DISABLED` or `FAILED`. */
  status: string;
  statusReason?: string;
  createdAt?: string;
  lastResourceAnalyzedAt?: string;
  tags: Record<string, string>;
}

/**
 * `AwsAccessAnalyzerRegion`: one per account and region
 * (id `arn:<partition>:access-analyzer:<region>:<account>:analyzers`).
 */
export interface AccessAnalyzerRegionAttributes {
  /** Every analyzer of the region (account and organization analyzers, all types). */
  analyzers: AccessAnalyzerSummary[];
  /** Number of ACTIVE findings per ACTIVE external-access analyzer, keyed by analyzer ARN. */
  activeFindingCounts: Record<string, number>;
}
