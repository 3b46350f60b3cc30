/** Attribute shapes of Amazon S3 resources, as the S3 collectors produce them. */

import type { PolicyDocument, PolicyStatement } from '../lib/resource-policy.ts';

/** The four Block Public Access switches (bucket-level or account-level). */
export interface S3PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

/** A parsed bucket policy document (the shared resource-policy shape). */
export type S3PolicyDocument = PolicyDocument;
export type S3PolicyStatement = PolicyStatement;

/** One ACL grant. `type` is `CanonicalUser`, `Group` or `AmazonCustomerByEmail`. */
export interface S3Grant {
  type: string;
  /** Canonical user id (CanonicalUser grantees). */
  id?: string;
  /** Group URI, e.g. `http://acs.amazonaws.com/groups/global/AllUsers`. */
  uri?: string;
  email?: string;
  /** `FULL_CONTROL`, `READ`, `WRITE`, `READ_ACP` or `WRITE_ACP`. */
  permission: string;
}

export interface S3Acl {
  /** Canonical id of the bucket owner. */
  ownerId?: string;
  grants: S3Grant[];
}

export interface S3EncryptionRule {
  /** `AES256`, `aws:kms`, `aws:kms:dsse`… */
  sseAlgorithm: string;
  kmsMasterKeyId?: string;
  bucketKeyEnabled?: boolean;
}

export interface S3Encryption {
  rules: S3EncryptionRule[];
}

export interface S3Versioning {
  /** `null` when versioning was never enabled on the bucket. */
  status: 'Enabled' | 'Suspended' | null;
  /** `null` when MFA delete was never configured. */
  mfaDelete: 'Enabled' | 'Disabled' | null;
}

export interface S3Logging {
  targetBucket: string;
  targetPrefix?: string;
}

export interface S3OwnershipControls {
  /** `BucketOwnerEnforced` (ACLs disabled), `BucketOwnerPreferred` or `ObjectWriter`. */
  objectOwnership: string;
}

export interface S3ObjectLock {
  enabled: boolean;
  defaultRetention?: { mode?: string; days?: number; years?: number };
}

export interface S3LifecycleRule {
  id?: string;
  status: string;
  hasExpiration: boolean;
  hasTransitions: boolean;
  hasNoncurrentVersionExpiration: boolean;
  hasNoncurrentVersionTransitions: boolean;
  abortIncompleteMultipartUploadDays?: number;
}

export interface S3Lifecycle {
  rules: S3LifecycleRule[];
}

export interface S3ReplicationRule {
  id?: string;
  status: string;
  /** Destination bucket ARN, e.g. `arn:aws:s3:::backup-bucket`. */
  destinationBucket: string;
  /** Destination account id when the rule names one (cross-account replication). */
  destinationAccount?: string;
  storageClass?: string;
}

export interface S3Replication {
  role?: string;
  rules: S3ReplicationRule[];
}

export interface S3Notifications {
  topicArns: string[];
  queueArns: string[];
  lambdaFunctionArns: string[];
  eventBridge: boolean;
}

/** `AwsS3Bucket`: one per general purpose bucket (resource region = the bucket's region). */
export interface S3BucketAttributes {
  /** ISO 8601 creation date, from the listing. */
  creationDate?: string;
  /** Parsed bucket policy; `null` when the bucket has none. */
  policy: S3PolicyDocument | null;
  /** What S3 itself says about the policy; `null` when the bucket has no policy. */
  policyStatus: { isPublic: boolean } | null;
  acl: S3Acl;
  /** Bucket-level Block Public Access; `null` when never configured. */
  publicAccessBlock: S3PublicAccessBlock | null;
  /** Default encryption; `null` when none is configured. */
  encryption: S3Encryption | null;
  versioning: S3Versioning;
  /** `null` when server access logging is off. */
  logging: S3Logging | null;
  /** `null` when no ownership controls are set. */
  ownershipControls: S3OwnershipControls | null;
  /** `null` when Object Lock was never configured. */
  objectLock: S3ObjectLock | null;
  /** `null` when the bucket has no lifecycle configuration. */
  lifecycle: S3Lifecycle | null;
  /** `null` when the bucket has no replication configuration. */
  replication: S3Replication | null;
  /** Bucket tags (also on `resource.tags`); `{}` when the bucket has none. */
  tags: Record<string, string>;
  notifications: S3Notifications;
}

/** `AwsS3AccountPublicAccessBlock`: one per account, the account-wide Block Public Access. */
export interface S3AccountPublicAccessBlockAttributes {
  /** `null` when the account has no Block Public Access configuration. */
  publicAccessBlock: S3PublicAccessBlock | null;
}
