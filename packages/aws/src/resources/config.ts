/** Attribute shapes of AWS Config resources, as the Config collectors produce them. */

export interface ConfigRecorder {
  name: string;
  arn?: string;
  roleArn?: string;
  /** Set for service-linked recorders (owned by another AWS service). */
  servicePrincipal?: string;
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  /** `ALL_SUPPORTED_RESOURCE_TYPES`, `INCLUSION_BY_RESOURCE_TYPES` or `EXCLUSION_BY_RESOURCE_TYPES`. */
  recordingStrategy?: string;
  resourceTypes: string[];
  excludedResourceTypes: string[];
}

export interface ConfigRecorderStatus {
  name: string;
  recording: boolean;
  /** `Pending`, `Success` or `Failure` (as the API spells them). */
  lastStatus?: string;
  lastErrorCode?: string;
  lastStatusChangeTime?: string;
}

/** `AwsConfigRecorderRegion`: one per account and region, the region's configuration recorders. */
export interface ConfigRecorderRegionAttributes {
  /** `DescribeConfigurationRecorders` (empty when the region has none). */
  recorders: ConfigRecorder[];
  /** `DescribeConfigurationRecorderStatus`. */
  recorderStatuses: ConfigRecorderStatus[] | null;
}
