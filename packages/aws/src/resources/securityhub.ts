/** Attribute shapes of Security Hub resources, as the Security Hub collector produces them. */

export interface SecurityHubHub {
  arn: string;
  subscribedAt?: string;
  autoEnableControls?: boolean;
  /** `SECURITY_CONTROL` (consolidated control findings) or `STANDARD_CONTROL`. */
  controlFindingGenerator?: string;
}

export interface SecurityHubStandardSubscription {
  standardsArn: string;
  subscriptionArn: string;
  /** `PENDING`, `READY`, `FAILED`, `DELETING` or `INCOMPLETE`. */
  status: string;
  statusReason?: string;
}

/**
 * `AwsSecurityHubHub`: one per account and region, whether or not Security Hub is enabled
 * (id `arn:<partition>:securityhub:<region>:<account>:hub/default`, the hub's own ARN).
 */
export interface SecurityHubHubAttributes {
  /** DescribeHub; `null` when Security Hub is not enabled in the region. */
  hub: SecurityHubHub | null;
  /** GetEnabledStandards; `null` when Security Hub is not enabled. */
  enabledStandards: SecurityHubStandardSubscription[] | null;
}
