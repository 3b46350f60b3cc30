/** Attribute shapes of RDS resources, as the RDS collectors produce them. */

/** `AwsRdsDbInstance`: one per RDS DB instance (Aurora cluster members included; DocumentDB and Neptune excluded), regional. */
export interface RdsDbInstanceAttributes {
  identifier: string;
  /** `mysql`, `mariadb`, `postgres`, `oracle-ee`, `sqlserver-se`, `db2-se`, `aurora-mysql`, `aurora-postgresql`, `custom-oracle-ee`, … */
  engine: string;
  engineVersion: string;
  instanceClass: string;
  /** `available`, `stopped`, `creating`, … */
  status: string;
  /**
   * The cluster the instance belongs to (Aurora or Multi-AZ DB cluster), else `null`. For such members,
   * storage encryption, backups, deletion protection, IAM authentication, log exports, tags copying,
   * master user name and port are settings of the cluster.
   */
  dbClusterIdentifier: string | null;
  /** The source DB instance or cluster when the instance is a read replica, else `null`. */
  readReplicaSource: string | null;
  storageEncrypted: boolean;
  kmsKeyId: string | null;
  publiclyAccessible: boolean;
  multiAZ: boolean;
  autoMinorVersionUpgrade: boolean;
  /** Days automated backups are kept; 0 means automated backups are off. */
  backupRetentionPeriod: number;
  deletionProtection: boolean;
  iamDatabaseAuthenticationEnabled: boolean;
  /** Seconds between Enhanced Monitoring samples; 0 means off. */
  monitoringInterval: number;
  /** Log types exported to CloudWatch Logs (`error`, `general`, `slowquery`, `audit`, `postgresql`, `upgrade`, `alert`, `listener`, `trace`, `agent`, `diag.log`, `notify.log`, `iam-db-auth-error`, …). */
  enabledCloudwatchLogsExports: string[];
  copyTagsToSnapshot: boolean;
  masterUsername: string | null;
  /** The port the database listens on (endpoint port, or the configured port while there is no endpoint). */
  port: number | null;
  /** VPC of the DB subnet group, `null` when the instance has none. */
  vpcId: string | null;
  /** Identifier of the CA whose server certificate the instance uses, e.g. `rds-ca-rsa2048-g1`. */
  caCertificateIdentifier: string | null;
  /** ISO date the instance's server certificate expires on. */
  certificateValidTill: string | null;
  /** Names of the DB parameter groups attached. */
  parameterGroups: string[];
  /**
   * The TLS-enforcing parameters of the instance's DB parameter group that have a value: `rds.force_ssl`
   * (PostgreSQL, SQL Server) and `require_secure_transport` (MySQL, MariaDB). `null` when not collected for
   * the instance: cluster members (the setting is in the cluster parameter group) and other engines.
   */
  transportParameters: Record<string, string> | null;
}

export interface RdsClusterMember {
  identifier: string;
  isWriter: boolean;
}

/** `AwsRdsDbCluster`: one per Aurora DB cluster or Multi-AZ DB cluster (DocumentDB and Neptune excluded), regional. */
export interface RdsDbClusterAttributes {
  identifier: string;
  /** `aurora-mysql`, `aurora-postgresql` (Aurora), `mysql`, `postgres` (Multi-AZ DB clusters). */
  engine: string;
  engineVersion: string;
  /** `provisioned`, `serverless` (Aurora Serverless v1), `parallelquery`, `global`, `multimaster`. */
  engineMode: string;
  status: string;
  /** True when the cluster has instances in more than one Availability Zone. */
  multiAZ: boolean;
  storageEncrypted: boolean;
  kmsKeyId: string | null;
  deletionProtection: boolean;
  iamDatabaseAuthenticationEnabled: boolean;
  /** Backtrack target window in seconds; 0 or `null` when backtracking is off or not supported. */
  backtrackWindow: number | null;
  enabledCloudwatchLogsExports: string[];
  copyTagsToSnapshot: boolean;
  masterUsername: string | null;
  port: number | null;
  backupRetentionPeriod: number;
  /** Cluster-level minor version upgrade (Multi-AZ DB clusters only; `null` for Aurora, where it is set per instance). */
  autoMinorVersionUpgrade: boolean | null;
  /** Cluster-level public accessibility (Multi-AZ DB clusters only), else `null`. */
  publiclyAccessible: boolean | null;
  members: RdsClusterMember[];
}

/** `AwsRdsDbSnapshot`: one per DB snapshot or DB cluster snapshot the account owns (automated, manual, AWS Backup), regional. */
export interface RdsDbSnapshotAttributes {
  identifier: string;
  /** `instance` (DB snapshot) or `cluster` (DB cluster snapshot). */
  kind: 'instance' | 'cluster';
  /** `automated`, `manual`, `awsbackup`. */
  snapshotType: string;
  engine: string;
  status: string;
  encrypted: boolean;
  kmsKeyId: string | null;
  /** The DB instance or DB cluster the snapshot was taken from. */
  sourceIdentifier: string | null;
  /** ISO date. */
  createTime: string | null;
  /**
   * Who may restore the snapshot besides the owner: the account ids of the `restore` attribute, `all` meaning
   * public. Only manual snapshots can be shared; other snapshots get `[]` without a call.
   */
  restoreAccess: string[];
}
