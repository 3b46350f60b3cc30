/** Attribute shapes of IAM (and AWS Account API) resources, as the IAM collectors produce them. */

export interface PasswordPolicy {
  minimumPasswordLength?: number;
  requireSymbols?: boolean;
  requireNumbers?: boolean;
  requireUppercaseCharacters?: boolean;
  requireLowercaseCharacters?: boolean;
  allowUsersToChangePassword?: boolean;
  expirePasswords?: boolean;
  maxPasswordAge?: number;
  passwordReusePrevention?: number;
  hardExpiry?: boolean;
}

/** One statement of an IAM policy document, as written (single values or arrays). */
export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: '*' | Record<string, string | string[]>;
  NotPrincipal?: '*' | Record<string, string | string[]>;
  Condition?: Record<string, Record<string, unknown>>;
}

/** An IAM policy document, decoded and parsed (`Statement` may be one object or an array). */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement?: PolicyStatement | PolicyStatement[];
}

/** A managed policy attached to a user, group or role. */
export interface AttachedPolicyRef {
  policyName: string;
  policyArn: string;
}

/** An inline (embedded) policy of a user, group or role. */
export interface InlinePolicy {
  policyName: string;
  document: PolicyDocument;
}

/** Principals a managed policy is attached to (names). */
export interface PolicyEntities {
  users: string[];
  groups: string[];
  roles: string[];
}

/** One row of the IAM credential report; dates are ISO strings, `null` for N/A / no information. */
export interface CredentialReportRow {
  user: string;
  arn: string;
  userCreationTime: string | null;
  /** `null` for the root user (the report says `not_supported`). */
  passwordEnabled: boolean | null;
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  mfaActive: boolean;
  accessKeys: CredentialReportKey[];
  certificates: { active: boolean; lastRotated: string | null }[];
}

/** Access key slot 1 or 2 of a credential report row. */
export interface CredentialReportKey {
  slot: 1 | 2;
  active: boolean;
  /** When the key was created or last rotated. */
  lastRotated: string | null;
  lastUsedDate: string | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
}

/** An assigned virtual MFA device. */
export interface VirtualMfaDevice {
  serialNumber: string;
  /** ARN of the user (or root) it is assigned to. */
  userArn: string | null;
  enableDate: string | null;
}

export interface SamlProvider {
  arn: string;
  createDate: string | null;
  validUntil: string | null;
}

/** Primary contact of the account (Account API `GetContactInformation`). */
export interface ContactInformation {
  fullName: string | null;
  companyName: string | null;
  phoneNumber: string | null;
  addressLine1: string | null;
  city: string | null;
  stateOrRegion: string | null;
  postalCode: string | null;
  countryCode: string | null;
  websiteUrl: string | null;
}

/** An alternate contact (Account API `GetAlternateContact`). */
export interface AlternateContact {
  name: string | null;
  title: string | null;
  emailAddress: string | null;
  phoneNumber: string | null;
}

/** `AwsAccount`: one per account, account-wide IAM and account settings; id `arn:<p>:iam::<account>:root`. */
export interface AccountAttributes {
  /** `null` when the account has no password policy. */
  passwordPolicy: PasswordPolicy | null;
  /** `GetAccountSummary`'s SummaryMap (e.g. `AccountMFAEnabled`, `AccountAccessKeysPresent`, `Users`). */
  accountSummary: Record<string, number>;
  /** The `<root_account>` row of the credential report; `null` when the report has none. */
  rootCredentialReport: CredentialReportRow | null;
  /** Assigned virtual MFA devices of the account (used to tell the root user's MFA kind). */
  virtualMfaDevices: VirtualMfaDevice[];
  /** Entities the AWS-managed `AWSSupportAccess` policy is attached to; `null` if the policy does not exist. */
  supportAccessEntities: PolicyEntities | null;
  /** Entities the AWS-managed `SecurityAudit` policy is attached to; `null` if the policy does not exist. */
  securityAuditEntities: PolicyEntities | null;
  /** Entities the AWS-managed `AWSCloudShellFullAccess` policy is attached to; `null` if the policy does not exist. */
  cloudShellFullAccessEntities: PolicyEntities | null;
  samlProviders: SamlProvider[];
  /** Primary contact; `null` when none is set. */
  contactInformation: ContactInformation | null;
  /** `null` when the alternate contact is not set. */
  securityContact: AlternateContact | null;
  billingContact: AlternateContact | null;
  operationsContact: AlternateContact | null;
}

/** An access key of an IAM user, with when it was last used. */
export interface AccessKey {
  accessKeyId: string;
  status: 'Active' | 'Inactive' | string;
  createDate: string | null;
  /** `null` when the key was never used (or AWS has no record). */
  lastUsedDate: string | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
}

/** An MFA device of an IAM user. `virtual`: authenticator app; `u2f`: FIDO security key; `hardware`: TOTP token. */
export interface MfaDevice {
  serialNumber: string;
  kind: 'virtual' | 'u2f' | 'hardware';
  enableDate: string | null;
}

/** `AwsIamUser`: one per IAM user (global). */
export interface UserAttributes {
  userId: string;
  path: string;
  createDate: string | null;
  /** From `ListUsers`: last console sign-in, `null` if never (or before AWS recorded it). */
  passwordLastUsed: string | null;
  /** The user's row of the credential report (up to 4 hours old); `null` if the report lacks the user. */
  credentialReport: CredentialReportRow | null;
  /** Console password; `null` when the user has none. */
  loginProfile: { createDate: string | null; passwordResetRequired: boolean } | null;
  mfaDevices: MfaDevice[];
  accessKeys: AccessKey[];
  attachedPolicies: AttachedPolicyRef[];
  inlinePolicies: InlinePolicy[];
  /** Names of the groups the user belongs to. */
  groups: string[];
}

/** `AwsIamRole`: one per IAM role (global). */
export interface RoleAttributes {
  roleId: string;
  path: string;
  createDate: string | null;
  /** The trust policy, decoded. */
  assumeRolePolicyDocument: PolicyDocument | null;
  maxSessionDuration: number | null;
  /** Path `/aws-service-role/`: created and managed by an AWS service. */
  serviceLinked: boolean;
  attachedPolicies: AttachedPolicyRef[];
  inlinePolicies: InlinePolicy[];
  lastUsedDate: string | null;
}

/** `AwsIamGroup`: one per IAM group (global). */
export interface GroupAttributes {
  groupId: string;
  path: string;
  createDate: string | null;
  attachedPolicies: AttachedPolicyRef[];
  inlinePolicies: InlinePolicy[];
}

/** `AwsIamPolicy`: customer-managed policies and the AWS-managed policies attached in the account. */
export interface PolicyAttributes {
  policyId: string;
  path: string;
  awsManaged: boolean;
  defaultVersionId: string | null;
  attachmentCount: number;
  permissionsBoundaryUsageCount: number;
  isAttachable: boolean;
  createDate: string | null;
  updateDate: string | null;
  /** The default version's document, decoded. */
  document: PolicyDocument | null;
}

/** `AwsIamInlinePolicy`: one per inline policy embedded in a user, group or role. */
export interface InlinePolicyAttributes {
  principalType: 'user' | 'group' | 'role';
  principalName: string;
  principalArn: string;
  policyName: string;
  document: PolicyDocument | null;
}

/** `AwsIamServerCertificate`: server certificates stored in IAM. */
export interface ServerCertificateAttributes {
  serverCertificateId: string;
  path: string;
  uploadDate: string | null;
  expiration: string | null;
}
