/** Attribute shapes of DynamoDB resources, as the DynamoDB collectors produce them. */

/** `AwsDynamoDbTable`: one per table, regional. */
export interface DynamoDbTableAttributes {
  tableStatus: string | null;
  /**
   * Server-side encryption: `DEFAULT` (AWS owned key), `KMS` (AWS managed or customer
   * managed KMS key).
   */
  sseType: 'DEFAULT' | 'KMS' | 'AES256';
  /** The KMS key ARN when `sseType` is `KMS`. */
  kmsMasterKeyArn: string | null;
  deletionProtectionEnabled: boolean;
  billingMode: string | null;
  /** Continuous backups and point-in-time recovery. */
  continuousBackups: {
    continuousBackupsStatus: string | null;
    /** `ENABLED` or `DISABLED`. */
    pointInTimeRecoveryStatus: string | null;
    recoveryPeriodInDays: number | null;
  };
  tags: Record<string, string>;
}
