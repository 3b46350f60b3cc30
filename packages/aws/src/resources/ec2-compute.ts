/**
 * Attribute shapes of EC2 compute and storage resources (instances, EBS volumes and
 * snapshots, AMIs, Elastic IPs, launch templates and the per-region EC2 settings), as the
 * `collectors/ec2/compute-*` collectors produce them.
 */

/** Instance metadata service (IMDS) options of an instance, launch template or account default. */
export interface MetadataOptions {
  /** `required` (IMDSv2 only) or `optional` (IMDSv1 allowed); absent when not set (account default). */
  httpTokens?: string;
  /** `enabled` or `disabled`; absent when not set (account default). */
  httpEndpoint?: string;
  httpPutResponseHopLimit?: number;
}

/** `AwsEc2Instance`: one per non-terminated instance. */
export interface Ec2InstanceAttributes {
  instanceId: string;
  /** `pending`, `running`, `shutting-down`, `stopping`, `stopped`. */
  state: string;
  instanceType: string | null;
  /** ISO time the instance was last launched (started). */
  launchTime: string | null;
  /**
   * ISO time of the last user- or system-initiated state transition, read from the
   * StateTransitionReason (for a stopped instance: when it was stopped); `null` if unknown.
   */
  stateTransitionTime: string | null;
  publicIp: string | null;
  publicDnsName: string | null;
  privateIp: string | null;
  /** ARN of the attached IAM instance profile, `null` when none. */
  iamInstanceProfileArn: string | null;
  /** `null` when DescribeInstances returned no metadata options. */
  metadataOptions: MetadataOptions | null;
  /** `enabled`, `disabled`, `pending` or `disabling`. */
  monitoringState: string | null;
  /** Security groups of all the instance's network interfaces. */
  securityGroupIds: string[];
  subnetId: string | null;
  vpcId: string | null;
  imageId: string | null;
  ebsOptimized: boolean;
  /** `hvm` or `paravirtual`. */
  virtualizationType: string | null;
  /** `windows` for Windows instances, `null` otherwise. */
  platform: string | null;
  /** Decoded (and, when gzip-compressed, decompressed) user data; `null` when the instance has none. */
  userData: string | null;
}

export interface VolumeAttachmentInfo {
  instanceId: string | null;
  device: string | null;
  state: string | null;
  deleteOnTermination: boolean;
}

/** `AwsEc2Volume`: one per EBS volume. */
export interface Ec2VolumeAttributes {
  volumeId: string;
  encrypted: boolean;
  kmsKeyId: string | null;
  /** `creating`, `available`, `in-use`, `deleting`, `deleted`, `error`. */
  state: string;
  volumeType: string | null;
  sizeGiB: number | null;
  snapshotId: string | null;
  createTime: string | null;
  attachments: VolumeAttachmentInfo[];
}

export interface CreateVolumePermissionInfo {
  /** `all` when the snapshot is public. */
  group?: string;
  /** An AWS account the snapshot is shared with. */
  userId?: string;
}

/** `AwsEc2Snapshot`: one per EBS snapshot owned by the account. */
export interface Ec2SnapshotAttributes {
  snapshotId: string;
  /** The source volume (`vol-ffffffff` for copied snapshots). */
  volumeId: string | null;
  encrypted: boolean;
  kmsKeyId: string | null;
  /** `pending`, `completed`, `error`, `recoverable`, `recovering`. */
  state: string;
  startTime: string | null;
  /**
   * Who may create volumes from the snapshot (DescribeSnapshotAttribute createVolumePermission);
   * `null` when the snapshot disappeared before it could be read.
   */
  createVolumePermissions: CreateVolumePermissionInfo[] | null;
}

/** `AwsEc2Image`: one per AMI owned by the account. */
export interface Ec2ImageAttributes {
  imageId: string;
  imageName: string | null;
  /** True when the AMI has public launch permissions. */
  public: boolean;
  state: string | null;
  creationDate: string | null;
  deprecationTime: string | null;
}

/** `AwsEc2Eip`: one per Elastic IP address. */
export interface Ec2EipAttributes {
  allocationId: string | null;
  publicIp: string | null;
  /** `null` when the address is not associated with anything. */
  associationId: string | null;
  instanceId: string | null;
  networkInterfaceId: string | null;
  domain: string | null;
}

/** The parts of one launch template version the checks read. */
export interface LaunchTemplateVersionInfo {
  versionNumber: number;
  isDefault: boolean;
  /** `null` when the version does not set metadata options (instance defaults then apply). */
  metadataOptions: MetadataOptions | null;
  /** True when a network interface of the version asks for a public IPv4 address. */
  associatePublicIpAddress: boolean;
}

/** User data of one launch template version. */
export interface LaunchTemplateUserData {
  versionNumber: number;
  /** Decoded user data; `null` when the version has none. */
  userData: string | null;
}

/** `AwsEc2LaunchTemplate`: one per launch template. */
export interface Ec2LaunchTemplateAttributes {
  launchTemplateId: string;
  defaultVersionNumber: number | null;
  latestVersionNumber: number | null;
  /**
   * The default and the latest version (one entry when they are the same);
   * `null` when the template disappeared before it could be read.
   */
  versions: LaunchTemplateVersionInfo[] | null;
  /** User data of the default and latest versions; `null` when the template disappeared. */
  versionsUserData: LaunchTemplateUserData[] | null;
}

/**
 * `AwsEc2RegionalSettings`: one per account and region, the region-wide EC2 and EBS
 * settings. Id `arn:<partition>:ec2:<region>:<account>:regional-settings`.
 */
export interface Ec2RegionalSettingsAttributes {
  /** GetEbsEncryptionByDefault. */
  ebsEncryptionByDefault: boolean;
  /** GetEbsDefaultKmsKeyId: the key new volumes are encrypted with by default. */
  ebsDefaultKmsKeyId: string | null;
  /** GetSnapshotBlockPublicAccessState: `block-all-sharing`, `block-new-sharing` or `unblocked`. */
  snapshotBlockPublicAccessState: string;
  /** GetImageBlockPublicAccessState: `block-new-sharing` or `unblocked`. */
  imageBlockPublicAccessState: string;
  /** GetInstanceMetadataDefaults: account-level IMDS defaults for new instances (empty when none set). */
  instanceMetadataDefaults: MetadataOptions;
}
