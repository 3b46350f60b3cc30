/** Attribute shapes of Amazon Macie resources, as the Macie collector produces them. */

export interface MacieSession {
  /** `ENABLED` or `PAUSED`. */
  status: string;
  findingPublishingFrequency?: string;
  serviceRole?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface MacieAutomatedDiscovery {
  /** `ENABLED` or `DISABLED`. */
  status: string;
  firstEnabledAt?: string;
  disabledAt?: string;
  lastUpdatedAt?: string;
  /** For a Macie administrator: `ALL`, `NEW` or `NONE`. */
  autoEnableOrganizationMembers?: string;
}

/**
 * `AwsMacieSession`: one per account and region, whether or not Macie is enabled
 * (id `arn:<partition>:macie2:<region>:<account>:session`).
 */
export interface MacieSessionAttributes {
  /** GetMacieSession; `null` when Macie is not enabled in the region. */
  session: MacieSession | null;
  /** GetAutomatedDiscoveryConfiguration; `null` when Macie is not enabled. */
  automatedDiscovery: MacieAutomatedDiscovery | null;
}
