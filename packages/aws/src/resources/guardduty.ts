/** Attribute shapes of GuardDuty resources, as the GuardDuty collector produces them. */

/** One protection plan of a detector (`Features` of GetDetector). */
export interface GuardDutyFeature {
  /** `ENABLED` or `DISABLED`. */
  status: string;
  /** Additional configuration by name (e.g. `EKS_ADDON_MANAGEMENT` → `ENABLED`). */
  additionalConfiguration: Record<string, string>;
}

/** The legacy `DataSources` view of a detector (older detectors may report only this). */
export interface GuardDutyDataSources {
  s3Logs?: string;
  kubernetesAuditLogs?: string;
  ebsMalwareProtection?: string;
}

/** What GetDetector says about the region's detector. */
export interface GuardDutyDetectorDetails {
  id: string;
  /** `ENABLED`, or `DISABLED` when the detector is suspended. */
  status: string;
  findingPublishingFrequency?: string;
  serviceRole?: string;
  createdAt?: string;
  updatedAt?: string;
  /** Protection plans by feature name: `S3_DATA_EVENTS`, `RDS_LOGIN_EVENTS`, `LAMBDA_NETWORK_LOGS`… */
  features: Record<string, GuardDutyFeature>;
  dataSources: GuardDutyDataSources | null;
  tags: Record<string, string>;
}

/** The GuardDuty administrator account this account is a member of. */
export interface GuardDutyAdministrator {
  accountId: string;
  /** `Enabled`, `Invited`, `Removed`, `Resigned`… */
  relationshipStatus: string;
  invitedAt?: string;
}

/** Current (not archived) findings of severity 7.0 or more (High and Critical). */
export interface GuardDutyHighSeverityFindings {
  count: number;
  /** Up to ten finding ids, for the message. */
  sampleIds: string[];
}

/**
 * `AwsGuardDutyDetector`: one per account and region, whether or not a detector exists
 * (id `arn:<partition>:guardduty:<region>:<account>:detectors`).
 */
export interface GuardDutyDetectorAttributes {
  /** Detector ids from ListDetectors; empty when GuardDuty has never been enabled in the region. */
  detectorIds: string[];
  /** GetDetector on the region's detector; `null` when there is no detector. */
  detector: GuardDutyDetectorDetails | null;
  /** `null` when there is no detector or the account has no GuardDuty administrator. */
  administrator: GuardDutyAdministrator | null;
  /** Associated member accounts (this account is an administrator when non-empty); `null` without a detector. */
  memberAccountIds: string[] | null;
  /** `null` when there is no detector. */
  highSeverityFindings: GuardDutyHighSeverityFindings | null;
}
