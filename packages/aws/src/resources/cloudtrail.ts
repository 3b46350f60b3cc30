/** Attribute shapes of CloudTrail resources, as the CloudTrail collectors produce them. */

/** What `GetTrailStatus` says about a trail (times as ISO 8601 strings). */
export interface TrailStatus {
  isLogging: boolean;
  latestDeliveryTime?: string;
  latestDeliveryError?: string;
  latestCloudWatchLogsDeliveryTime?: string;
  latestCloudWatchLogsDeliveryError?: string;
}

/** A basic event selector (`EventSelectors` of `GetEventSelectors`). */
export interface BasicEventSelector {
  /** `ReadOnly`, `WriteOnly` or `All`. */
  readWriteType: string;
  includeManagementEvents: boolean;
  /** Data resources: `type` such as `AWS::S3::Object`, `values` ARN prefixes (`arn:aws:s3` = all buckets). */
  dataResources: { type: string; values: string[] }[];
  excludeManagementEventSources: string[];
}

/** One field condition of an advanced event selector. */
export interface AdvancedFieldSelector {
  field: string;
  equals?: string[];
  startsWith?: string[];
  endsWith?: string[];
  notEquals?: string[];
  notStartsWith?: string[];
  notEndsWith?: string[];
}

export interface AdvancedEventSelector {
  name?: string;
  fieldSelectors: AdvancedFieldSelector[];
}

/** A trail uses either basic or advanced selectors; the other list is empty. */
export interface TrailEventSelectors {
  basic: BasicEventSelector[];
  advanced: AdvancedEventSelector[];
}

export interface InsightSelector {
  /** `ApiCallRateInsight` or `ApiErrorRateInsight`. */
  insightType: string;
}

/** `AwsCloudTrailTrail`: a trail, listed once in its home region. */
export interface TrailAttributes {
  homeRegion: string;
  isMultiRegionTrail: boolean;
  isOrganizationTrail: boolean;
  includeGlobalServiceEvents: boolean;
  logFileValidationEnabled: boolean;
  /** KMS key ARN used for SSE-KMS of the log files, `null` when not set. */
  kmsKeyId: string | null;
  s3BucketName: string | null;
  s3KeyPrefix: string | null;
  snsTopicArn: string | null;
  /** e.g. `arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/Default:*`, `null` when not set. */
  cloudWatchLogsLogGroupArn: string | null;
  cloudWatchLogsRoleArn: string | null;
  hasCustomEventSelectors: boolean;
  hasInsightSelectors: boolean;
  /** `GetTrailStatus`. */
  status: TrailStatus;
  /** `GetEventSelectors`. */
  eventSelectors: TrailEventSelectors;
  /** `GetInsightSelectors`; `null` when Insights is not enabled on the trail. */
  insightSelectors: InsightSelector[] | null;
}

/**
 * `AwsCloudTrailRegion`: one per account and region, no attributes of its own. Account-wide
 * CloudTrail checks are evaluated on it (one finding per region) from the related trails.
 */
export type CloudTrailRegionAttributes = Record<string, never>;
