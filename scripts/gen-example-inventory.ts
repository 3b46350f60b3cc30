/**
 * Writes examples/inventory.json: the inventory of a small, fictional but realistic AWS estate
 * (account 123456789012 of "Acme Corp", regions us-east-1 and eu-west-1), so that
 *
 *   npm run vigil -- scan aws --from-inventory examples/inventory.json
 *
 * shows Vigil at work without AWS credentials. Every resource type the AWS collectors produce
 * is present (the script iterates over `awsCollectors` and fails when a type or an attribute is
 * missing), shaped as the collectors shape them, and typed with the collectors' attribute
 * interfaces so the compiler checks them. The estate mixes good and bad configurations so most
 * checks report both PASS and FAIL; two attributes carry deliberate collection errors
 * (`AccessDenied`) so the ERROR status shows too.
 *
 * Times are fixed relative to `generatedAt` (2026-11-01T00:00:00Z) and identifiers are derived
 * from hashes of fixed seeds: the output is the same on every run. Evaluate it at that time
 * (`--now 2026-11-01T00:00:00Z`) to get exactly the designed results; later evaluations see
 * keys, certificates and runtimes age.
 *
 * No value in it is a real secret: the secrets in user data and Lambda environment variables
 * are the AWS documentation examples (AKIAIOSFODNN7EXAMPLE…) or say "not-real". Note that a
 * real `--save-inventory` file never contains those sensitive attributes (they are replaced by
 * a `Redacted` error); the example keeps fake values so the secret checks have something to find.
 *
 *   node scripts/gen-example-inventory.ts
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { awsCollectors } from '@vigil/aws';
import type { AttributeError, Inventory, Resource } from '@vigil/engine';
import { INVENTORY_VERSION, saveInventory } from '@vigil/engine';
import type { AccessAnalyzerRegionAttributes } from '../packages/aws/src/resources/accessanalyzer.ts';
import type { CloudTrailRegionAttributes, TrailAttributes } from '../packages/aws/src/resources/cloudtrail.ts';
import type {
  AccountMonitoringAttributes,
  AlarmAttributes,
  LogGroupAttributes,
  MetricFilter,
  MetricFiltersAttributes,
} from '../packages/aws/src/resources/cloudwatch.ts';
import type { ConfigRecorderRegionAttributes } from '../packages/aws/src/resources/config.ts';
import type { DynamoDbTableAttributes } from '../packages/aws/src/resources/dynamodb.ts';
import type {
  Ec2EipAttributes,
  Ec2ImageAttributes,
  Ec2InstanceAttributes,
  Ec2LaunchTemplateAttributes,
  Ec2RegionalSettingsAttributes,
  Ec2SnapshotAttributes,
  Ec2VolumeAttributes,
} from '../packages/aws/src/resources/ec2-compute.ts';
import type {
  NetworkAclAttributes,
  NetworkAclEntry,
  SecurityGroupAttributes,
  SecurityGroupRule,
  SubnetAttributes,
  VpcAttributes,
  VpcPeeringConnectionAttributes,
} from '../packages/aws/src/resources/ec2-network.ts';
import type { EfsAccessPointAttributes, EfsFileSystemAttributes } from '../packages/aws/src/resources/efs.ts';
import type { GuardDutyDetectorAttributes } from '../packages/aws/src/resources/guardduty.ts';
import type {
  AccessKey,
  AccountAttributes,
  AttachedPolicyRef,
  CredentialReportRow,
  GroupAttributes,
  InlinePolicy,
  InlinePolicyAttributes,
  MfaDevice,
  PolicyAttributes,
  PolicyDocument,
  PolicyEntities,
  PolicyStatement as IamPolicyStatement,
  RoleAttributes,
  ServerCertificateAttributes,
  UserAttributes,
} from '../packages/aws/src/resources/iam.ts';
import type { KmsKeyAttributes, KmsKeyPolicy } from '../packages/aws/src/resources/kms.ts';
import type { LambdaFunctionAttributes } from '../packages/aws/src/resources/lambda.ts';
import type { MacieSessionAttributes } from '../packages/aws/src/resources/macie.ts';
import type { OrganizationAttributes } from '../packages/aws/src/resources/organizations.ts';
import type {
  RdsDbClusterAttributes,
  RdsDbInstanceAttributes,
  RdsDbSnapshotAttributes,
} from '../packages/aws/src/resources/rds.ts';
import type { S3AccountPublicAccessBlockAttributes, S3BucketAttributes, S3Notifications } from '../packages/aws/src/resources/s3.ts';
import type { SecretsManagerSecretAttributes } from '../packages/aws/src/resources/secretsmanager.ts';
import type { SecurityHubHubAttributes } from '../packages/aws/src/resources/securityhub.ts';
import type { SnsTopicAttributes } from '../packages/aws/src/resources/sns.ts';
import type { SqsQueueAttributes } from '../packages/aws/src/resources/sqs.ts';

// =============================================================================================
// The frame: account, regions, time, typed resource builder.

const ACCOUNT = '123456789012';
const US = 'us-east-1';
const EU = 'eu-west-1';
const REGIONS = [US, EU] as const;
type Region = (typeof REGIONS)[number];
const GENERATED_AT = '2026-11-01T00:00:00.000Z';

/** Other accounts of the fictional company and its partners (all fictional). */
const DR_ACCOUNT = '210987654321'; // disaster-recovery / backup account of the organization
const SHARED_ACCOUNT = '345678901234'; // shared-services member account
const AUDITOR_ACCOUNT = '999988887777'; // external auditor
const PARTNER_ACCOUNT = '444455556666'; // data-exchange partner
const LAMBDA_INSIGHTS_ACCOUNT = '580247275435'; // AWS account publishing the Lambda Insights layer

/** The attribute interface of every resource type the collectors produce. */
interface AttributesByType {
  AwsAccessAnalyzerRegion: AccessAnalyzerRegionAttributes;
  AwsLambdaFunction: LambdaFunctionAttributes;
  AwsCloudTrailTrail: TrailAttributes;
  AwsCloudTrailRegion: CloudTrailRegionAttributes;
  AwsCloudWatchAlarm: AlarmAttributes;
  AwsLogsLogGroup: LogGroupAttributes;
  AwsLogsMetricFilters: MetricFiltersAttributes;
  AwsCloudWatchAccountMonitoring: AccountMonitoringAttributes;
  AwsConfigRecorderRegion: ConfigRecorderRegionAttributes;
  AwsDynamoDbTable: DynamoDbTableAttributes;
  AwsEc2Instance: Ec2InstanceAttributes;
  AwsEc2Volume: Ec2VolumeAttributes;
  AwsEc2Snapshot: Ec2SnapshotAttributes;
  AwsEc2Image: Ec2ImageAttributes;
  AwsEc2Eip: Ec2EipAttributes;
  AwsEc2LaunchTemplate: Ec2LaunchTemplateAttributes;
  AwsEc2RegionalSettings: Ec2RegionalSettingsAttributes;
  AwsEc2SecurityGroup: SecurityGroupAttributes;
  AwsEc2NetworkAcl: NetworkAclAttributes;
  AwsEc2Vpc: VpcAttributes;
  AwsEc2Subnet: SubnetAttributes;
  AwsEc2VpcPeeringConnection: VpcPeeringConnectionAttributes;
  AwsEfsFileSystem: EfsFileSystemAttributes;
  AwsEfsAccessPoint: EfsAccessPointAttributes;
  AwsGuardDutyDetector: GuardDutyDetectorAttributes;
  AwsAccount: AccountAttributes;
  AwsIamUser: UserAttributes;
  AwsIamRole: RoleAttributes;
  AwsIamGroup: GroupAttributes;
  AwsIamPolicy: PolicyAttributes;
  AwsIamInlinePolicy: InlinePolicyAttributes;
  AwsIamServerCertificate: ServerCertificateAttributes;
  AwsKmsKey: KmsKeyAttributes;
  AwsMacieSession: MacieSessionAttributes;
  AwsOrganization: OrganizationAttributes;
  AwsRdsDbInstance: RdsDbInstanceAttributes;
  AwsRdsDbCluster: RdsDbClusterAttributes;
  AwsRdsDbSnapshot: RdsDbSnapshotAttributes;
  AwsS3Bucket: S3BucketAttributes;
  AwsS3AccountPublicAccessBlock: S3AccountPublicAccessBlockAttributes;
  AwsSecretsManagerSecret: SecretsManagerSecretAttributes;
  AwsSecurityHubHub: SecurityHubHubAttributes;
  AwsSnsTopic: SnsTopicAttributes;
  AwsSqsQueue: SqsQueueAttributes;
}
type ResourceType = keyof AttributesByType;

interface Init<A extends object> {
  id: string;
  name: string;
  /** The resource's region; `global` for the account-wide (global) collectors. */
  region: Region | 'global';
  tags?: Record<string, string>;
  attributes: A;
  /**
   * Attributes that failed to collect. Their values in `attributes` are dropped, as the
   * collectors' `ctx.enrich` never sets an attribute whose call failed.
   */
  errors?: { [K in keyof A & string]?: AttributeError };
}

const byType = new Map<string, Resource[]>();

function add<T extends ResourceType>(type: T, init: Init<AttributesByType[T]>): Resource<AttributesByType[T]> {
  const attributes = { ...init.attributes } as Record<string, unknown>;
  for (const name of Object.keys(init.errors ?? {})) delete attributes[name];
  const resource: Resource = {
    provider: 'aws',
    account: ACCOUNT,
    region: init.region,
    type,
    id: init.id,
    name: init.name,
    tags: init.tags ?? {},
    attributes,
    errors: { ...(init.errors as Record<string, AttributeError> | undefined) },
  };
  const list = byType.get(type) ?? [];
  list.push(resource);
  byType.set(type, list);
  return resource as unknown as Resource<AttributesByType[T]>;
}

// ---------------------------------------------------------------------------------------------
// Deterministic identifiers and ARNs.

const sha = (seed: string) => createHash('sha256').update(seed).digest();
const hex = (seed: string, n: number) => sha(seed).toString('hex').slice(0, n);
/** `vpc-0a1b…` style EC2 ids: prefix, a dash and 17 hex digits. */
const ec2Id = (prefix: string, seed: string) => `${prefix}-0${hex(`${prefix}/${seed}`, 16)}`;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** IAM unique ids: `AIDA`/`AROA`/`AGPA`/`ANPA`/`ASCA` and 17 upper-case characters. */
const iamUniqueId = (prefix: string, seed: string) =>
  prefix + [...sha(`${prefix}/${seed}`)].slice(0, 17).map((b) => BASE32[b % 32]).join('');
const uuid = (seed: string) => {
  const h = hex(`uuid/${seed}`, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
/** ISO 8601 with milliseconds, as the collectors write dates. */
const t = (s: string) => new Date(s).toISOString();

const arn = (service: string, region: string, resource: string, account = ACCOUNT) =>
  `arn:aws:${service}:${region}:${account}:${resource}`;
const iamArn = (resource: string) => `arn:aws:iam::${ACCOUNT}:${resource}`;
const ROOT_ARN = iamArn('root');
const awsPolicyArn = (name: string, path = '/') => `arn:aws:iam::aws:policy${path}${name}`;
const bucketArn = (name: string) => `arn:aws:s3:::${name}`;
const topicArn = (region: Region, name: string) => arn('sns', region, name);
const queueArn = (region: Region, name: string) => arn('sqs', region, name);
const functionArn = (region: Region, name: string) => arn('lambda', region, `function:${name}`);
const logGroupArn = (region: Region, name: string) => arn('logs', region, `log-group:${name}`);

const team = (name: string, environment = 'production', extra: Record<string, string> = {}) => ({
  team: name,
  environment,
  'managed-by': 'terraform',
  ...extra,
});

/** The policy statement that denies any request made without TLS (CIS 2.1.1). */
const denyInsecureTransport = (bucket: string) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*' as const,
  Action: 's3:*',
  Resource: [bucketArn(bucket), `${bucketArn(bucket)}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

// =============================================================================================
// KMS keys (referenced by most other services, so defined first).

interface KeySpec {
  seed: string;
  region: Region;
  alias?: string;
  manager?: 'CUSTOMER' | 'AWS';
  state?: string;
  spec?: string;
  usage?: string;
  multiRegion?: 'PRIMARY' | 'REPLICA';
  description: string;
  created: string;
  rotation?: KmsKeyAttributes['rotation'];
  deletionDate?: string;
  policy?: KmsKeyPolicy;
  tags?: Record<string, string>;
}

const rootKeyStatement = {
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: ROOT_ARN },
  Action: 'kms:*',
  Resource: '*',
};

function awsManagedKeyPolicy(service: string, region: Region): KmsKeyPolicy {
  return {
    Version: '2012-10-17',
    Id: `auto-${service}-2`,
    Statement: [
      {
        Sid: `Allow access through ${service.toUpperCase()} for all principals in the account that are authorized to use ${service.toUpperCase()}`,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': `${service}.${region}.amazonaws.com`, 'kms:CallerAccount': ACCOUNT } },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: ROOT_ARN },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
        Resource: '*',
      },
    ],
  };
}

function kmsKey(k: KeySpec): string {
  const keyId = k.multiRegion ? `mrk-${hex(`mrk/${k.seed}`, 32)}` : uuid(`kms/${k.region}/${k.seed}`);
  const keyArn = arn('kms', k.region, `key/${keyId}`);
  const manager = k.manager ?? 'CUSTOMER';
  const state = k.state ?? 'Enabled';
  const tags = manager === 'CUSTOMER' ? (k.tags ?? {}) : {};
  add('AwsKmsKey', {
    id: keyArn,
    name: keyId,
    region: k.region,
    tags,
    attributes: {
      keyId,
      keyManager: manager,
      keyState: state,
      enabled: state === 'Enabled',
      keySpec: k.spec ?? 'SYMMETRIC_DEFAULT',
      keyUsage: k.usage ?? 'ENCRYPT_DECRYPT',
      origin: 'AWS_KMS',
      multiRegion: k.multiRegion !== undefined,
      multiRegionKeyType: k.multiRegion ?? null,
      description: k.description,
      creationDate: t(k.created),
      deletionDate: k.deletionDate ? t(k.deletionDate) : null,
      pendingDeletionWindowInDays: k.deletionDate ? 30 : null,
      aliases: k.alias ? [k.alias] : [],
      rotation: k.rotation === undefined ? null : k.rotation,
      keyPolicy: k.policy ?? { Version: '2012-10-17', Id: 'key-default-1', Statement: [rootKeyStatement] },
      tags,
    },
  });
  return keyArn;
}

const rotating = (period: number, next: string) => ({ enabled: true, periodInDays: period, nextRotationDate: t(next) });

const KEY = {
  cloudtrail: kmsKey({
    seed: 'cloudtrail',
    region: US,
    alias: 'alias/acme-cloudtrail',
    description: 'Encrypts CloudTrail log files and the CloudTrail log group',
    created: '2019-03-14T10:02:11Z',
    rotation: rotating(365, '2027-03-14T10:02:11Z'),
    tags: team('security'),
    policy: {
      Version: '2012-10-17',
      Id: 'key-consolepolicy-cloudtrail',
      Statement: [
        rootKeyStatement,
        {
          Sid: 'Allow CloudTrail to encrypt logs',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:SourceArn': arn('cloudtrail', US, 'trail/acme-management-trail') },
            StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
          },
        },
        {
          Sid: 'Allow CloudWatch Logs to use the key',
          Effect: 'Allow',
          Principal: { Service: `logs.${US}.amazonaws.com` },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          Resource: '*',
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn(US, 'aws-cloudtrail-logs-acme') } },
        },
      ],
    },
  }),
  ordersData: kmsKey({
    seed: 'orders-data',
    region: US,
    alias: 'alias/orders-data',
    description: 'Orders service: DynamoDB table, Lambda environment and API secrets',
    created: '2022-05-09T13:40:00Z',
    rotation: { enabled: false },
    tags: team('orders'),
  }),
  dataLake: kmsKey({
    seed: 'data-lake',
    region: US,
    alias: 'alias/acme-data-lake',
    description: 'Data lake buckets and the shared-media file system',
    created: '2023-02-07T09:00:00Z',
    rotation: rotating(180, '2027-02-03T09:00:00Z'),
    tags: team('data'),
  }),
  legacyApp: kmsKey({
    seed: 'legacy-app',
    region: US,
    alias: 'alias/legacy-app',
    state: 'PendingDeletion',
    description: 'Legacy monolith (decommissioned)',
    created: '2018-11-20T16:12:00Z',
    rotation: { enabled: false },
    deletionDate: '2026-11-24T00:00:00Z',
    tags: team('platform', 'production', { 'cost-center': 'legacy' }),
  }),
  oldReporting: kmsKey({
    seed: 'old-reporting',
    region: US,
    alias: 'alias/old-reporting',
    state: 'Disabled',
    description: 'Reporting exports (disabled, pending review)',
    created: '2020-11-12T11:30:00Z',
    rotation: { enabled: false },
    tags: team('finance'),
  }),
  globalSecrets: kmsKey({
    seed: 'global-secrets',
    region: US,
    alias: 'alias/acme-global-secrets',
    multiRegion: 'PRIMARY',
    description: 'Multi-Region key for secrets replicated to eu-west-1',
    created: '2024-04-02T08:15:00Z',
    rotation: rotating(365, '2027-04-02T08:15:00Z'),
    tags: team('platform'),
  }),
  releaseSigning: kmsKey({
    seed: 'release-signing',
    region: US,
    alias: 'alias/release-signing',
    spec: 'RSA_2048',
    usage: 'SIGN_VERIFY',
    description: 'Signs release artifacts',
    created: '2023-06-19T15:00:00Z',
    tags: team('platform'),
  }),
  awsS3: kmsKey({
    seed: 'aws-s3',
    region: US,
    alias: 'alias/aws/s3',
    manager: 'AWS',
    description: 'Default key that protects my S3 objects when no other key is defined',
    created: '2019-03-14T10:05:00Z',
    policy: awsManagedKeyPolicy('s3', US),
  }),
  awsEbs: kmsKey({
    seed: 'aws-ebs',
    region: US,
    alias: 'alias/aws/ebs',
    manager: 'AWS',
    description: 'Default key that protects my EBS volumes when no other key is defined',
    created: '2020-07-01T12:00:00Z',
    policy: awsManagedKeyPolicy('ec2', US),
  }),
  euData: kmsKey({
    seed: 'eu-data',
    region: EU,
    alias: 'alias/eu-data',
    description: 'EU customer data (GDPR scope)',
    created: '2022-03-01T10:00:00Z',
    rotation: rotating(365, '2027-03-01T10:00:00Z'),
    tags: team('platform', 'production', { 'data-classification': 'confidential' }),
  }),
  globalSecretsReplica: kmsKey({
    seed: 'global-secrets',
    region: EU,
    alias: 'alias/acme-global-secrets',
    multiRegion: 'REPLICA',
    description: 'Multi-Region key for secrets replicated to eu-west-1',
    created: '2024-04-02T08:16:00Z',
    rotation: rotating(365, '2027-04-02T08:15:00Z'),
    tags: team('platform'),
  }),
  partnerExchange: kmsKey({
    seed: 'partner-exchange',
    region: EU,
    alias: 'alias/partner-exchange',
    description: 'Objects exchanged with partners',
    created: '2024-09-30T14:00:00Z',
    rotation: { enabled: false },
    tags: team('partnerships'),
    policy: {
      Version: '2012-10-17',
      Id: 'partner-exchange',
      Statement: [
        rootKeyStatement,
        {
          Sid: 'AllowDecryptThroughS3',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['kms:Decrypt', 'kms:DescribeKey'],
          Resource: '*',
          Condition: { StringEquals: { 'kms:ViaService': `s3.${EU}.amazonaws.com` } },
        },
      ],
    },
  }),
  awsDynamoDbEu: kmsKey({
    seed: 'aws-dynamodb',
    region: EU,
    alias: 'alias/aws/dynamodb',
    manager: 'AWS',
    description: 'Default key that protects my DynamoDB data when no other key is defined',
    created: '2022-03-01T11:00:00Z',
    policy: awsManagedKeyPolicy('dynamodb', EU),
  }),
};

// =============================================================================================
// IAM: managed policies, users, groups, roles, then the resources derived from them.

const doc = (...Statement: IamPolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

interface ManagedPolicy {
  name: string;
  arn: string;
  path: string;
  awsManaged: boolean;
  versionId: string;
  created: string;
  updated: string;
  document: PolicyDocument;
}

const managedPolicies: ManagedPolicy[] = [];
function managed(name: string, o: Omit<ManagedPolicy, 'name' | 'arn' | 'path' | 'awsManaged'> & { aws?: boolean; path?: string }) {
  const path = o.path ?? '/';
  const policy: ManagedPolicy = {
    name,
    arn: o.aws ? awsPolicyArn(name, path) : iamArn(`policy${path}${name}`),
    path,
    awsManaged: o.aws ?? false,
    versionId: o.versionId,
    created: o.created,
    updated: o.updated,
    document: o.document,
  };
  managedPolicies.push(policy);
  return policy;
}
const ref = (p: ManagedPolicy): AttachedPolicyRef => ({ policyName: p.name, policyArn: p.arn });

const POL = {
  // AWS-managed policies attached in the account (documents abbreviated where AWS's are long).
  administratorAccess: managed('AdministratorAccess', {
    aws: true,
    versionId: 'v1',
    created: '2015-02-06T18:39:46Z',
    updated: '2015-02-06T18:39:46Z',
    document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
  }),
  powerUserAccess: managed('PowerUserAccess', {
    aws: true,
    versionId: 'v5',
    created: '2015-02-06T18:39:47Z',
    updated: '2023-07-06T22:04:19Z',
    document: doc(
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: ['account:GetAccountInformation', 'account:ListRegions', 'iam:CreateServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization'],
        Resource: '*',
      },
    ),
  }),
  readOnlyAccess: managed('ReadOnlyAccess', {
    aws: true,
    versionId: 'v118',
    created: '2015-02-06T18:39:48Z',
    updated: '2026-09-24T17:10:03Z',
    document: doc({
      Sid: 'ReadOnlyAccessAbbreviated',
      Effect: 'Allow',
      Action: ['cloudtrail:Describe*', 'cloudtrail:Get*', 'ec2:Describe*', 'iam:Get*', 'iam:List*', 'kms:Describe*', 'kms:List*', 's3:Get*', 's3:List*'],
      Resource: '*',
    }),
  }),
  securityAudit: managed('SecurityAudit', {
    aws: true,
    versionId: 'v52',
    created: '2015-02-06T18:41:01Z',
    updated: '2026-08-12T19:22:45Z',
    document: doc({
      Sid: 'SecurityAuditAbbreviated',
      Effect: 'Allow',
      Action: ['access-analyzer:List*', 'cloudtrail:DescribeTrails', 'config:Describe*', 'ec2:Describe*', 'guardduty:Get*', 'iam:GenerateCredentialReport', 'iam:Get*', 'iam:List*', 'kms:Describe*', 'kms:Get*', 's3:GetBucket*'],
      Resource: '*',
    }),
  }),
  viewOnlyAccess: managed('ViewOnlyAccess', {
    aws: true,
    path: '/job-function/',
    versionId: 'v24',
    created: '2016-11-10T17:20:15Z',
    updated: '2026-05-20T16:44:10Z',
    document: doc({ Effect: 'Allow', Action: ['ec2:DescribeInstances', 'lambda:ListFunctions', 's3:ListAllMyBuckets'], Resource: '*' }),
  }),
  cloudShellFullAccess: managed('AWSCloudShellFullAccess', {
    aws: true,
    versionId: 'v1',
    created: '2020-12-15T19:59:40Z',
    updated: '2020-12-15T19:59:40Z',
    document: doc({ Effect: 'Allow', Action: ['cloudshell:*'], Resource: '*' }),
  }),
  ssmManagedInstanceCore: managed('AmazonSSMManagedInstanceCore', {
    aws: true,
    versionId: 'v2',
    created: '2019-03-15T17:22:12Z',
    updated: '2019-05-23T16:54:21Z',
    document: doc({
      Effect: 'Allow',
      Action: ['ssm:UpdateInstanceInformation', 'ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ec2messages:GetMessages'],
      Resource: '*',
    }),
  }),
  configServiceRole: managed('AWSConfigServiceRolePolicy', {
    aws: true,
    path: '/aws-service-role/',
    versionId: 'v61',
    created: '2018-05-30T23:31:46Z',
    updated: '2026-10-02T18:11:00Z',
    document: doc({ Effect: 'Allow', Action: ['ec2:Describe*', 'iam:GetRole', 's3:GetBucketPolicy'], Resource: '*' }),
  }),
  supportServiceRole: managed('AWSSupportServiceRolePolicy', {
    aws: true,
    path: '/aws-service-role/',
    versionId: 'v31',
    created: '2018-04-19T18:04:44Z',
    updated: '2026-06-10T20:30:00Z',
    document: doc({ Effect: 'Allow', Action: ['ec2:Describe*', 'iam:Get*', 'iam:List*'], Resource: '*' }),
  }),
  lambdaVpcAccess: managed('AWSLambdaVPCAccessExecutionRole', {
    aws: true,
    path: '/service-role/',
    versionId: 'v3',
    created: '2016-02-11T23:15:26Z',
    updated: '2024-01-05T22:37:21Z',
    document: doc({
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface'],
      Resource: '*',
    }),
  }),
  lambdaBasicExecution: managed('AWSLambdaBasicExecutionRole', {
    aws: true,
    path: '/service-role/',
    versionId: 'v1',
    created: '2015-04-09T15:03:43Z',
    updated: '2015-04-09T15:03:43Z',
    document: doc({ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }),
  }),
  configRole: managed('AWS_ConfigRole', {
    aws: true,
    path: '/service-role/',
    versionId: 'v33',
    created: '2020-09-14T20:13:48Z',
    updated: '2026-10-02T18:10:00Z',
    document: doc({ Effect: 'Allow', Action: ['config:Put*', 'ec2:Describe*', 's3:GetBucketPolicy'], Resource: '*' }),
  }),
  rdsEnhancedMonitoring: managed('AmazonRDSEnhancedMonitoringRole', {
    aws: true,
    path: '/service-role/',
    versionId: 'v1',
    created: '2015-11-11T19:58:29Z',
    updated: '2015-11-11T19:58:29Z',
    document: doc({
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: 'arn:aws:logs:*:*:log-group:RDS*',
    }),
  }),

  // Customer-managed policies.
  legacyFullAdmin: managed('legacy-full-admin', {
    versionId: 'v3',
    created: '2018-03-01T10:20:00Z',
    updated: '2019-07-15T08:00:00Z',
    document: doc({ Sid: 'LegacyEverything', Effect: 'Allow', Action: '*:*', Resource: '*' }),
  }),
  webAssetsRead: managed('web-assets-read', {
    versionId: 'v2',
    created: '2020-05-11T12:00:00Z',
    updated: '2024-02-02T09:30:00Z',
    document: doc({
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [bucketArn('acme-web-assets'), `${bucketArn('acme-web-assets')}/*`],
    }),
  }),
  ciAssumeDeployRoles: managed('ci-assume-deploy-roles', {
    versionId: 'v1',
    created: '2021-04-07T15:45:00Z',
    updated: '2021-04-07T15:45:00Z',
    document: doc({ Sid: 'AssumeAnyDeployRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
  }),
  secopsCloudTrailAdmin: managed('secops-cloudtrail-admin', {
    versionId: 'v4',
    created: '2022-01-20T10:00:00Z',
    updated: '2025-11-03T16:20:00Z',
    document: doc({ Effect: 'Allow', Action: ['cloudtrail:*', 'logs:Describe*', 'logs:FilterLogEvents'], Resource: '*' }),
  }),
  ordersDataKms: managed('orders-data-kms', {
    versionId: 'v1',
    created: '2022-05-09T14:00:00Z',
    updated: '2022-05-09T14:00:00Z',
    document: doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
  }),
  dynamodbOrdersRw: managed('dynamodb-orders-rw', {
    versionId: 'v2',
    created: '2022-05-09T14:05:00Z',
    updated: '2025-02-17T11:00:00Z',
    document: doc({
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
      Resource: [arn('dynamodb', US, 'table/orders'), `${arn('dynamodb', US, 'table/orders')}/index/*`],
    }),
  }),
  oldBillingReadonly: managed('old-billing-readonly', {
    versionId: 'v1',
    created: '2019-01-08T09:00:00Z',
    updated: '2019-01-08T09:00:00Z',
    document: doc({ Effect: 'Allow', Action: ['aws-portal:ViewBilling', 'aws-portal:ViewUsage', 'ce:Get*'], Resource: '*' }),
  }),
};

// --- Users ---------------------------------------------------------------------------------

interface UserSpec {
  name: string;
  created: string;
  passwordLastUsed?: string;
  login?: { created: string; resetRequired?: boolean };
  mfa?: MfaDevice[];
  keys?: AccessKey[];
  attached?: ManagedPolicy[];
  inline?: InlinePolicy[];
  groups?: string[];
  /** False when the user was created after the credential report was generated. */
  inReport?: boolean;
}

const users: UserSpec[] = [
  {
    // The old admin: console password, no MFA, a 2-year-old access key, admin attached directly.
    name: 'alice.admin',
    created: '2019-06-03T14:22:10Z',
    passwordLastUsed: '2026-10-29T16:41:07Z',
    login: { created: '2019-06-03T14:22:11Z' },
    keys: [
      {
        accessKeyId: 'AKIAEXAMPLEALICE0001',
        status: 'Active',
        createDate: t('2024-02-12T09:15:00Z'),
        lastUsedDate: t('2026-10-30T18:02:00Z'),
        lastUsedService: 's3',
        lastUsedRegion: US,
      },
    ],
    attached: [POL.administratorAccess],
  },
  {
    // The well-configured engineer: FIDO key, rights through groups only, no access key.
    name: 'jane.doe',
    created: '2023-09-18T08:00:00Z',
    passwordLastUsed: '2026-10-31T09:12:45Z',
    login: { created: '2023-09-18T08:00:01Z' },
    mfa: [{ serialNumber: iamArn('u2f/user/jane.doe/jane-yubikey-QK3EXAMPLE7TQZ'), kind: 'u2f', enableDate: t('2023-09-18T08:05:30Z') }],
    groups: ['Developers', 'SecOps'],
  },
  {
    // The CI user: two active keys, one of them never used since it was created two months ago.
    name: 'ci-deploy',
    created: '2021-04-07T15:40:00Z',
    keys: [
      {
        accessKeyId: 'AKIAEXAMPLECIDEPLOY1',
        status: 'Active',
        createDate: t('2026-08-14T10:00:00Z'),
        lastUsedDate: t('2026-10-31T23:10:00Z'),
        lastUsedService: 'sts',
        lastUsedRegion: US,
      },
      {
        accessKeyId: 'AKIAEXAMPLECIDEPLOY2',
        status: 'Active',
        createDate: t('2026-09-01T07:30:00Z'),
        lastUsedDate: null,
        lastUsedService: null,
        lastUsedRegion: null,
      },
    ],
    attached: [POL.ciAssumeDeployRoles],
    inline: [
      {
        policyName: 'deploy-artifacts',
        document: doc({
          Effect: 'Allow',
          Action: ['s3:PutObject', 's3:GetObject'],
          Resource: `${bucketArn('acme-web-assets')}/releases/*`,
        }),
      },
    ],
  },
  {
    // A former admin who has not signed in for half a year; virtual MFA; inline admin policy.
    name: 'bob.legacy',
    created: '2018-02-20T11:00:00Z',
    passwordLastUsed: '2026-04-17T13:22:08Z',
    login: { created: '2018-02-20T11:00:05Z' },
    mfa: [{ serialNumber: iamArn('mfa/bob.legacy'), kind: 'virtual', enableDate: t('2018-02-20T11:10:00Z') }],
    keys: [
      {
        accessKeyId: 'AKIAEXAMPLEBOBOLD001',
        status: 'Inactive',
        createDate: t('2019-05-02T10:00:00Z'),
        lastUsedDate: t('2022-11-30T17:45:00Z'),
        lastUsedService: 'ec2',
        lastUsedRegion: US,
      },
    ],
    inline: [{ policyName: 'old-admin-access', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }],
    groups: ['Admins'],
  },
  {
    // Created last week with a console password AND an access key that was never used.
    name: 'marketing-uploader',
    created: '2026-10-20T10:05:00Z',
    login: { created: '2026-10-20T10:05:02Z', resetRequired: true },
    keys: [
      {
        accessKeyId: 'AKIAEXAMPLEMARKETING',
        status: 'Active',
        createDate: t('2026-10-20T10:06:00Z'),
        lastUsedDate: null,
        lastUsedService: null,
        lastUsedRegion: null,
      },
    ],
  },
  {
    // Created minutes before the scan, after the credential report was generated.
    name: 'temp-contractor',
    created: '2026-10-31T23:40:00Z',
    login: { created: '2026-10-31T23:40:03Z', resetRequired: true },
    groups: ['ReadOnly'],
    inReport: false,
  },
];

function credentialRow(u: UserSpec): CredentialReportRow {
  const keys = u.keys ?? [];
  return {
    user: u.name,
    arn: iamArn(`user/${u.name}`),
    userCreationTime: t(u.created),
    passwordEnabled: u.login !== undefined,
    passwordLastUsed: u.passwordLastUsed ? t(u.passwordLastUsed) : null,
    passwordLastChanged: u.login ? t(u.login.created) : null,
    mfaActive: (u.mfa ?? []).length > 0,
    accessKeys: ([1, 2] as const).map((slot) => {
      const k = keys[slot - 1];
      return {
        slot,
        active: k?.status === 'Active',
        lastRotated: k?.createDate ?? null,
        lastUsedDate: k?.lastUsedDate ?? null,
        lastUsedService: k?.lastUsedService ?? null,
        lastUsedRegion: k?.lastUsedRegion ?? null,
      };
    }),
    certificates: [
      { active: false, lastRotated: null },
      { active: false, lastRotated: null },
    ],
  };
}

// --- Groups and roles ------------------------------------------------------------------------

interface GroupSpec {
  name: string;
  created: string;
  attached: ManagedPolicy[];
  inline?: InlinePolicy[];
}

const groups: GroupSpec[] = [
  { name: 'Admins', created: '2018-02-20T10:55:00Z', attached: [POL.administratorAccess] },
  {
    name: 'Developers',
    created: '2019-06-03T14:30:00Z',
    attached: [POL.powerUserAccess, POL.cloudShellFullAccess],
    inline: [{ policyName: 'kms-dev-keys', document: doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }) }],
  },
  { name: 'ReadOnly', created: '2019-06-03T14:31:00Z', attached: [POL.readOnlyAccess] },
  {
    name: 'SecOps',
    created: '2022-01-20T09:50:00Z',
    attached: [POL.secopsCloudTrailAdmin],
    inline: [
      {
        policyName: 'cloudtrail-break-glass',
        document: doc({ Sid: 'IncidentResponse', Effect: 'Allow', Action: ['cloudtrail:*', 'logs:*'], Resource: '*' }),
      },
    ],
  },
];

interface RoleSpec {
  name: string;
  path?: string;
  created: string;
  trust: PolicyDocument;
  attached?: ManagedPolicy[];
  inline?: InlinePolicy[];
  lastUsed?: string;
  maxSession?: number;
}

const serviceTrust = (service: string, condition?: Record<string, Record<string, unknown>>): PolicyDocument =>
  doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) });
const sameAccount = { StringEquals: { 'aws:SourceAccount': ACCOUNT } };

const roles: RoleSpec[] = [
  {
    name: 'AWSServiceRoleForConfig',
    path: '/aws-service-role/config.amazonaws.com/',
    created: '2020-01-15T09:00:00Z',
    trust: serviceTrust('config.amazonaws.com'),
    attached: [POL.configServiceRole],
    lastUsed: '2026-10-31T23:50:00Z',
  },
  {
    name: 'AWSServiceRoleForSupport',
    path: '/aws-service-role/support.amazonaws.com/',
    created: '2018-02-20T10:00:00Z',
    trust: serviceTrust('support.amazonaws.com'),
    attached: [POL.supportServiceRole],
  },
  {
    name: 'vigil-scanner',
    created: '2026-09-01T12:00:00Z',
    trust: doc({ Effect: 'Allow', Principal: { AWS: ROOT_ARN }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
    attached: [POL.securityAudit, POL.viewOnlyAccess],
    lastUsed: '2026-10-31T23:45:00Z',
  },
  {
    name: 'external-auditor-readonly',
    created: '2025-01-13T10:00:00Z',
    trust: doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${AUDITOR_ACCOUNT}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'acme-audit-2026' } },
    }),
    attached: [POL.readOnlyAccess],
    lastUsed: '2026-09-30T14:00:00Z',
  },
  {
    name: 'terraform-deployer',
    created: '2022-08-01T09:00:00Z',
    maxSession: 3600,
    trust: doc({
      Effect: 'Allow',
      Principal: { Federated: iamArn('oidc-provider/token.actions.githubusercontent.com') },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme-corp/infrastructure:ref:refs/heads/main' },
      },
    }),
    attached: [POL.administratorAccess],
    lastUsed: '2026-10-31T17:20:00Z',
  },
  {
    name: 'web-app-instance-role',
    created: '2020-05-11T12:05:00Z',
    trust: serviceTrust('ec2.amazonaws.com'),
    attached: [POL.ssmManagedInstanceCore, POL.webAssetsRead],
    lastUsed: '2026-10-31T23:59:00Z',
  },
  {
    name: 'ci-runner-role',
    created: '2025-03-04T10:00:00Z',
    trust: serviceTrust('ec2.amazonaws.com'),
    attached: [POL.ssmManagedInstanceCore],
    lastUsed: '2026-10-31T22:00:00Z',
  },
  {
    name: 'lambda-orders-api-role',
    created: '2022-05-09T14:10:00Z',
    trust: serviceTrust('lambda.amazonaws.com', sameAccount),
    attached: [POL.lambdaVpcAccess, POL.ordersDataKms, POL.dynamodbOrdersRw],
    lastUsed: '2026-10-31T23:59:30Z',
  },
  {
    name: 'legacy-report-generator-role',
    created: '2019-10-02T08:00:00Z',
    trust: serviceTrust('lambda.amazonaws.com'),
    attached: [POL.lambdaBasicExecution],
    lastUsed: '2026-10-31T06:00:00Z',
  },
  {
    name: 'image-thumbnailer-role',
    created: '2024-03-11T10:00:00Z',
    trust: serviceTrust('lambda.amazonaws.com', sameAccount),
    attached: [POL.lambdaBasicExecution, POL.webAssetsRead],
    lastUsed: '2026-10-31T21:14:00Z',
  },
  {
    name: 'aws-config-role-eu',
    path: '/service-role/',
    created: '2021-07-19T09:00:00Z',
    trust: serviceTrust('config.amazonaws.com'),
    attached: [POL.configRole],
    lastUsed: '2026-02-11T09:00:00Z',
  },
  {
    name: 'CloudTrail_CloudWatchLogs_Role',
    created: '2019-03-14T10:10:00Z',
    trust: serviceTrust('cloudtrail.amazonaws.com', {
      StringEquals: { 'aws:SourceArn': arn('cloudtrail', US, 'trail/acme-management-trail') },
    }),
    inline: [
      {
        policyName: 'cloudtrail-to-cloudwatch-logs',
        document: doc({
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${logGroupArn(US, 'aws-cloudtrail-logs-acme')}:log-stream:*`,
        }),
      },
    ],
    lastUsed: '2026-10-31T23:58:00Z',
  },
  {
    name: 'vpc-flow-logs-role',
    created: '2021-02-01T10:00:00Z',
    trust: serviceTrust('vpc-flow-logs.amazonaws.com', sameAccount),
    inline: [
      {
        policyName: 'flow-logs-delivery',
        document: doc({
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: `${logGroupArn(US, 'vpc-flow-logs/prod-vpc')}:*`,
        }),
      },
    ],
    lastUsed: '2026-10-31T23:59:00Z',
  },
  {
    name: 'rds-monitoring-role',
    created: '2022-05-10T09:00:00Z',
    trust: serviceTrust('monitoring.rds.amazonaws.com'),
    attached: [POL.rdsEnhancedMonitoring],
    lastUsed: '2026-10-31T23:59:00Z',
  },
  {
    name: 's3-replication-role',
    path: '/service-role/',
    created: '2022-06-01T10:00:00Z',
    trust: serviceTrust('s3.amazonaws.com', sameAccount),
    inline: [
      {
        policyName: 'replicate-cloudtrail-logs',
        document: doc(
          {
            Effect: 'Allow',
            Action: ['s3:GetReplicationConfiguration', 's3:ListBucket', 's3:GetObjectVersionForReplication'],
            Resource: [bucketArn('acme-cloudtrail-logs-123456789012'), `${bucketArn('acme-cloudtrail-logs-123456789012')}/*`],
          },
          {
            Effect: 'Allow',
            Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
            Resource: `${bucketArn('acme-cloudtrail-logs-replica-eu')}/*`,
          },
        ),
      },
    ],
    lastUsed: '2026-10-31T23:57:00Z',
  },
];

const roleArn = (name: string) => {
  const r = roles.find((x) => x.name === name);
  if (!r) throw new Error(`unknown role ${name}`);
  return iamArn(`role${r.path ?? '/'}${name}`);
};
const instanceProfileArn = (name: string) => iamArn(`instance-profile/${name}`);

// --- Derived: who is attached to what --------------------------------------------------------

function entitiesOf(policy: ManagedPolicy): PolicyEntities {
  const has = (list: ManagedPolicy[] | undefined) => (list ?? []).includes(policy);
  return {
    users: users.filter((u) => has(u.attached)).map((u) => u.name),
    groups: groups.filter((g) => has(g.attached)).map((g) => g.name),
    roles: roles.filter((r) => has(r.attached)).map((r) => r.name),
  };
}
const attachmentCount = (p: ManagedPolicy) => {
  const e = entitiesOf(p);
  return e.users.length + e.groups.length + e.roles.length;
};
/** `ListEntitiesForPolicy` of an AWS-managed policy that may be attached to nothing. */
const entitiesByName = (name: string): PolicyEntities => {
  const p = managedPolicies.find((x) => x.awsManaged && x.name === name);
  return p ? entitiesOf(p) : { users: [], groups: [], roles: [] };
};

// --- The account -------------------------------------------------------------------------------

const virtualMfaDevices = [
  { serialNumber: iamArn('mfa/root-account-mfa-device'), userArn: ROOT_ARN, enableDate: t('2019-03-14T09:50:00Z') },
  ...users.flatMap((u) =>
    (u.mfa ?? [])
      .filter((d) => d.kind === 'virtual')
      .map((d) => ({ serialNumber: d.serialNumber, userArn: iamArn(`user/${u.name}`), enableDate: d.enableDate })),
  ),
];

add('AwsAccount', {
  id: ROOT_ARN,
  name: ACCOUNT,
  region: 'global',
  attributes: {
    // A weak password policy: 8 characters, no symbols, no expiry, no reuse prevention.
    passwordPolicy: {
      minimumPasswordLength: 8,
      requireSymbols: false,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: true,
      allowUsersToChangePassword: true,
      expirePasswords: false,
      hardExpiry: false,
    },
    accountSummary: {
      AccountAccessKeysPresent: 0,
      AccountMFAEnabled: 1,
      AccountSigningCertificatesPresent: 0,
      AssumeRolePolicySizeQuota: 2048,
      AttachedPoliciesPerGroupQuota: 10,
      AttachedPoliciesPerRoleQuota: 10,
      AttachedPoliciesPerUserQuota: 10,
      GlobalEndpointTokenVersion: 1,
      GroupPolicySizeQuota: 5120,
      Groups: groups.length,
      GroupsPerUserQuota: 10,
      GroupsQuota: 300,
      InstanceProfiles: 2,
      InstanceProfilesQuota: 1000,
      MFADevices: virtualMfaDevices.length + 1,
      MFADevicesInUse: virtualMfaDevices.length + 1,
      Policies: managedPolicies.filter((p) => !p.awsManaged).length,
      PoliciesQuota: 1500,
      PolicySizeQuota: 6144,
      PolicyVersionsInUse: 27,
      PolicyVersionsInUseQuota: 10000,
      Providers: 2,
      RolePolicySizeQuota: 10240,
      Roles: roles.length,
      RolesQuota: 1000,
      ServerCertificates: 2,
      ServerCertificatesQuota: 20,
      SigningCertificatesPerUserQuota: 2,
      UserPolicySizeQuota: 2048,
      Users: users.length,
      UsersQuota: 5000,
      VersionsPerPolicyQuota: 5,
    },
    // Root signed in to the console a few days ago (billing), MFA on, no access keys.
    rootCredentialReport: {
      user: '<root_account>',
      arn: ROOT_ARN,
      userCreationTime: t('2018-02-19T17:30:00Z'),
      passwordEnabled: null,
      passwordLastUsed: t('2026-10-27T08:12:44Z'),
      passwordLastChanged: null,
      mfaActive: true,
      accessKeys: [
        { slot: 1, active: false, lastRotated: null, lastUsedDate: null, lastUsedService: null, lastUsedRegion: null },
        { slot: 2, active: false, lastRotated: null, lastUsedDate: null, lastUsedService: null, lastUsedRegion: null },
      ],
      certificates: [
        { active: false, lastRotated: null },
        { active: false, lastRotated: null },
      ],
    },
    virtualMfaDevices,
    supportAccessEntities: entitiesByName('AWSSupportAccess'),
    securityAuditEntities: entitiesByName('SecurityAudit'),
    cloudShellFullAccessEntities: entitiesByName('AWSCloudShellFullAccess'),
    samlProviders: [{ arn: iamArn('saml-provider/Okta'), createDate: t('2023-09-01T10:00:00Z'), validUntil: t('2125-09-01T10:00:00Z') }],
    contactInformation: {
      fullName: 'Acme Corp Cloud Team',
      companyName: 'Acme Corp',
      phoneNumber: '+1-555-0100',
      addressLine1: '100 Example Avenue',
      city: 'Springfield',
      stateOrRegion: 'IL',
      postalCode: '62701',
      countryCode: 'US',
      websiteUrl: 'https://www.acme-corp.example',
    },
    securityContact: { name: 'Acme Security Team', title: 'CISO', emailAddress: 'security@acme-corp.example', phoneNumber: '+1-555-0101' },
    billingContact: { name: 'Acme Finance', title: 'Cloud FinOps', emailAddress: 'aws-billing@acme-corp.example', phoneNumber: '+1-555-0102' },
    operationsContact: null,
  },
});

// --- Users, groups, roles, policies, inline policies, certificates ---------------------------

for (const u of users) {
  add('AwsIamUser', {
    id: iamArn(`user/${u.name}`),
    name: u.name,
    region: 'global',
    attributes: {
      userId: iamUniqueId('AIDA', u.name),
      path: '/',
      createDate: t(u.created),
      passwordLastUsed: u.passwordLastUsed ? t(u.passwordLastUsed) : null,
      credentialReport: u.inReport === false ? null : credentialRow(u),
      loginProfile: u.login ? { createDate: t(u.login.created), passwordResetRequired: u.login.resetRequired ?? false } : null,
      mfaDevices: u.mfa ?? [],
      accessKeys: u.keys ?? [],
      attachedPolicies: (u.attached ?? []).map(ref),
      inlinePolicies: u.inline ?? [],
      groups: u.groups ?? [],
    },
  });
}

for (const r of roles) {
  add('AwsIamRole', {
    id: roleArn(r.name),
    name: r.name,
    region: 'global',
    attributes: {
      roleId: iamUniqueId('AROA', r.name),
      path: r.path ?? '/',
      createDate: t(r.created),
      assumeRolePolicyDocument: r.trust,
      maxSessionDuration: r.maxSession ?? 3600,
      serviceLinked: (r.path ?? '/').startsWith('/aws-service-role/'),
      attachedPolicies: (r.attached ?? []).map(ref),
      inlinePolicies: r.inline ?? [],
      lastUsedDate: r.lastUsed ? t(r.lastUsed) : null,
    },
  });
}

for (const g of groups) {
  add('AwsIamGroup', {
    id: iamArn(`group/${g.name}`),
    name: g.name,
    region: 'global',
    attributes: {
      groupId: iamUniqueId('AGPA', g.name),
      path: '/',
      createDate: t(g.created),
      attachedPolicies: g.attached.map(ref),
      inlinePolicies: g.inline ?? [],
    },
  });
}

// Customer-managed policies, then the AWS-managed ones attached to something (as ListPolicies
// with OnlyAttached returns them).
for (const p of [...managedPolicies.filter((x) => !x.awsManaged), ...managedPolicies.filter((x) => x.awsManaged)]) {
  const count = attachmentCount(p);
  if (p.awsManaged && count === 0) continue;
  add('AwsIamPolicy', {
    id: p.arn,
    name: p.name,
    region: 'global',
    attributes: {
      policyId: iamUniqueId('ANPA', p.arn),
      path: p.path,
      awsManaged: p.awsManaged,
      defaultVersionId: p.versionId,
      attachmentCount: count,
      permissionsBoundaryUsageCount: 0,
      isAttachable: true,
      createDate: t(p.created),
      updateDate: t(p.updated),
      document: p.document,
    },
  });
}

const inlineOwners: { type: InlinePolicyAttributes['principalType']; name: string; arn: string; inline?: InlinePolicy[] }[] = [
  ...users.map((u) => ({ type: 'user' as const, name: u.name, arn: iamArn(`user/${u.name}`), inline: u.inline })),
  ...groups.map((g) => ({ type: 'group' as const, name: g.name, arn: iamArn(`group/${g.name}`), inline: g.inline })),
  ...roles.map((r) => ({ type: 'role' as const, name: r.name, arn: roleArn(r.name), inline: r.inline })),
];
for (const o of inlineOwners) {
  for (const p of o.inline ?? []) {
    add('AwsIamInlinePolicy', {
      id: `${o.arn}/inline-policy/${p.policyName}`,
      name: `${o.name}/${p.policyName}`,
      region: 'global',
      attributes: { principalType: o.type, principalName: o.name, principalArn: o.arn, policyName: p.policyName, document: p.document },
    });
  }
}

for (const c of [
  { name: 'www-acme-corp-example-2025', uploaded: '2025-01-10T09:00:00Z', expires: '2026-01-15T23:59:59Z' },
  { name: 'api-acme-corp-example-2026', uploaded: '2026-02-01T09:00:00Z', expires: '2027-02-28T23:59:59Z' },
]) {
  add('AwsIamServerCertificate', {
    id: iamArn(`server-certificate/${c.name}`),
    name: c.name,
    region: 'global',
    attributes: { serverCertificateId: iamUniqueId('ASCA', c.name), path: '/', uploadDate: t(c.uploaded), expiration: t(c.expires) },
  });
}

// =============================================================================================
// SNS and SQS (alarm actions, DLQs and notifications point at them).

const TOPIC = {
  securityAlerts: topicArn(US, 'security-alerts'),
  ordersEvents: topicArn(US, 'orders-events'),
  euOps: topicArn(EU, 'eu-ops-notifications'),
};
const QUEUE = {
  orders: queueArn(US, 'orders-queue'),
  ordersDlq: queueArn(US, 'orders-dlq'),
  euImport: queueArn(EU, 'eu-legacy-import-queue'),
};

const defaultTopicPolicy = (topic: string) => ({
  Version: '2008-10-17',
  Id: '__default_policy_ID',
  Statement: [
    {
      Sid: '__default_statement_ID',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
      Resource: topic,
      Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
    },
  ],
});
const subscription = (topic: string, protocol: string) => ({
  subscriptionArn: `${topic}:${uuid(`sub/${topic}/${protocol}`)}`,
  protocol,
});

function topic(region: Region, arnValue: string, a: Omit<SnsTopicAttributes, 'tags'>, tags: Record<string, string>) {
  add('AwsSnsTopic', { id: arnValue, name: arnValue.split(':').pop() ?? arnValue, region, tags, attributes: { ...a, tags } });
}
topic(
  US,
  TOPIC.securityAlerts,
  {
    kmsMasterKeyId: 'alias/aws/sns',
    policy: {
      ...defaultTopicPolicy(TOPIC.securityAlerts),
      Statement: [
        ...defaultTopicPolicy(TOPIC.securityAlerts).Statement,
        {
          Sid: 'AllowCloudWatchAlarms',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'SNS:Publish',
          Resource: TOPIC.securityAlerts,
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
        },
      ],
    },
    subscriptions: [subscription(TOPIC.securityAlerts, 'email'), subscription(TOPIC.securityAlerts, 'https')],
  },
  team('security'),
);
topic(
  US,
  TOPIC.ordersEvents,
  {
    kmsMasterKeyId: null,
    policy: defaultTopicPolicy(TOPIC.ordersEvents),
    subscriptions: [subscription(TOPIC.ordersEvents, 'sqs'), subscription(TOPIC.ordersEvents, 'lambda')],
  },
  team('orders'),
);
topic(
  EU,
  TOPIC.euOps,
  {
    kmsMasterKeyId: null,
    policy: {
      Version: '2012-10-17',
      Id: 'eu-ops-notifications',
      Statement: [
        ...defaultTopicPolicy(TOPIC.euOps).Statement,
        { Sid: 'AllowAnyonePublish', Effect: 'Allow', Principal: '*', Action: 'SNS:Publish', Resource: TOPIC.euOps },
      ],
    },
    subscriptions: [subscription(TOPIC.euOps, 'email'), subscription(TOPIC.euOps, 'http')],
  },
  team('platform', 'production', { region: 'eu' }),
);

function queue(region: Region, arnValue: string, a: Omit<SqsQueueAttributes, 'url' | 'tags'>, tags: Record<string, string>) {
  const name = arnValue.split(':').pop() ?? arnValue;
  add('AwsSqsQueue', {
    id: arnValue,
    name,
    region,
    tags,
    attributes: { url: `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${name}`, ...a, tags },
  });
}
queue(
  US,
  QUEUE.orders,
  {
    kmsMasterKeyId: null,
    sqsManagedSseEnabled: true,
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowOrdersEventsTopic',
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: QUEUE.orders,
          Condition: { ArnEquals: { 'aws:SourceArn': TOPIC.ordersEvents } },
        },
      ],
    },
  },
  team('orders'),
);
queue(US, QUEUE.ordersDlq, { kmsMasterKeyId: KEY.ordersData, sqsManagedSseEnabled: false, policy: null }, team('orders'));
queue(
  EU,
  QUEUE.euImport,
  {
    kmsMasterKeyId: null,
    sqsManagedSseEnabled: false,
    policy: {
      Version: '2012-10-17',
      Statement: [{ Sid: 'LegacyPartnerUpload', Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: QUEUE.euImport }],
    },
  },
  team('data', 'production', { 'cost-center': 'legacy' }),
);

// =============================================================================================
// Networking: VPCs, subnets, network ACLs, security groups, peering.

interface Vpc {
  id: string;
  region: Region;
  cidr: string;
  name: string;
  isDefault: boolean;
}
const VPC = {
  defaultUs: { id: ec2Id('vpc', 'default-us'), region: US, cidr: '172.31.0.0/16', name: 'default', isDefault: true },
  prod: { id: ec2Id('vpc', 'prod'), region: US, cidr: '10.10.0.0/16', name: 'prod-vpc', isDefault: false },
  defaultEu: { id: ec2Id('vpc', 'default-eu'), region: EU, cidr: '172.31.0.0/16', name: 'default', isDefault: true },
  euProd: { id: ec2Id('vpc', 'eu-prod'), region: EU, cidr: '10.20.0.0/16', name: 'eu-prod-vpc', isDefault: false },
} satisfies Record<string, Vpc>;

const flowLogs: Record<string, VpcAttributes['flowLogs']> = {
  [VPC.prod.id]: [
    {
      flowLogId: ec2Id('fl', 'prod'),
      status: 'ACTIVE',
      trafficType: 'ALL',
      destinationType: 'cloud-watch-logs',
      destination: logGroupArn(US, 'vpc-flow-logs/prod-vpc'),
      deliverLogsStatus: 'SUCCESS',
    },
  ],
  [VPC.euProd.id]: [
    {
      flowLogId: ec2Id('fl', 'eu-prod'),
      status: 'ACTIVE',
      trafficType: 'REJECT',
      destinationType: 's3',
      destination: 'arn:aws:s3:::acme-log-archive-eu/vpc-flow-logs/',
      deliverLogsStatus: 'SUCCESS',
    },
  ],
};

for (const v of Object.values(VPC)) {
  add('AwsEc2Vpc', {
    id: arn('ec2', v.region, `vpc/${v.id}`),
    name: v.id,
    region: v.region,
    tags: v.isDefault ? {} : { Name: v.name, ...team('platform') },
    attributes: {
      vpcId: v.id,
      ownerId: ACCOUNT,
      isDefault: v.isDefault,
      state: 'available',
      cidrBlocks: [v.cidr],
      ipv6CidrBlocks: [],
      flowLogs: flowLogs[v.id] ?? [],
    },
  });
}

interface Subnet {
  id: string;
  vpc: Vpc;
  az: string;
  azId: string;
  cidr: string;
  name: string;
  publicIp: boolean;
}
const subnet = (vpc: Vpc, name: string, az: string, azId: string, cidr: string, publicIp: boolean): Subnet => ({
  id: ec2Id('subnet', `${vpc.name}/${vpc.region}/${name}`),
  vpc,
  az,
  azId,
  cidr,
  name,
  publicIp,
});
const SUBNET = {
  prodPublicA: subnet(VPC.prod, 'prod-public-a', 'us-east-1a', 'use1-az1', '10.10.0.0/24', true),
  prodPublicB: subnet(VPC.prod, 'prod-public-b', 'us-east-1b', 'use1-az2', '10.10.1.0/24', true),
  prodPrivateA: subnet(VPC.prod, 'prod-private-a', 'us-east-1a', 'use1-az1', '10.10.10.0/24', false),
  prodPrivateB: subnet(VPC.prod, 'prod-private-b', 'us-east-1b', 'use1-az2', '10.10.11.0/24', false),
  defaultUsA: subnet(VPC.defaultUs, 'default-a', 'us-east-1a', 'use1-az1', '172.31.0.0/20', true),
  defaultUsB: subnet(VPC.defaultUs, 'default-b', 'us-east-1b', 'use1-az2', '172.31.16.0/20', true),
  euPublicA: subnet(VPC.euProd, 'eu-public-a', 'eu-west-1a', 'euw1-az1', '10.20.0.0/24', false),
  euPrivateA: subnet(VPC.euProd, 'eu-private-a', 'eu-west-1a', 'euw1-az1', '10.20.1.0/24', false),
  defaultEuA: subnet(VPC.defaultEu, 'default-a', 'eu-west-1a', 'euw1-az1', '172.31.0.0/20', true),
  defaultEuB: subnet(VPC.defaultEu, 'default-b', 'eu-west-1b', 'euw1-az2', '172.31.16.0/20', true),
};
for (const s of Object.values(SUBNET)) {
  add('AwsEc2Subnet', {
    id: arn('ec2', s.vpc.region, `subnet/${s.id}`),
    name: s.id,
    region: s.vpc.region,
    tags: s.vpc.isDefault ? {} : { Name: s.name, ...team('platform') },
    attributes: {
      subnetId: s.id,
      vpcId: s.vpc.id,
      ownerId: ACCOUNT,
      availabilityZone: s.az,
      availabilityZoneId: s.azId,
      cidrBlock: s.cidr,
      ipv6CidrBlocks: [],
      mapPublicIpOnLaunch: s.publicIp,
      assignIpv6AddressOnCreation: false,
      defaultForAz: s.vpc.isDefault,
      state: 'available',
    },
  });
}

const naclEntry = (
  ruleNumber: number,
  egress: boolean,
  action: 'allow' | 'deny',
  protocol: string,
  cidr: string,
  ports?: [number, number],
): NetworkAclEntry => ({
  ruleNumber,
  egress,
  action,
  protocol,
  fromPort: ports ? ports[0] : null,
  toPort: ports ? ports[1] : null,
  cidrIpv4: cidr,
  cidrIpv6: null,
});
/** The entries AWS puts in a default network ACL: everything allowed both ways. */
const openNaclEntries = [
  naclEntry(100, true, 'allow', 'all', '0.0.0.0/0'),
  naclEntry(100, false, 'allow', 'all', '0.0.0.0/0'),
  naclEntry(32767, true, 'deny', 'all', '0.0.0.0/0'),
  naclEntry(32767, false, 'deny', 'all', '0.0.0.0/0'),
];
function nacl(vpc: Vpc, seed: string, isDefault: boolean, entries: NetworkAclEntry[], subnets: Subnet[], name?: string) {
  const id = ec2Id('acl', `${vpc.region}/${seed}`);
  add('AwsEc2NetworkAcl', {
    id: arn('ec2', vpc.region, `network-acl/${id}`),
    name: id,
    region: vpc.region,
    tags: name ? { Name: name, ...team('platform') } : {},
    attributes: {
      networkAclId: id,
      vpcId: vpc.id,
      ownerId: ACCOUNT,
      isDefault,
      entries,
      associatedSubnetIds: subnets.map((s) => s.id),
    },
  });
}
nacl(VPC.defaultUs, 'default-us', true, openNaclEntries, [SUBNET.defaultUsA, SUBNET.defaultUsB]);
nacl(VPC.prod, 'prod-default', true, openNaclEntries, [SUBNET.prodPublicA, SUBNET.prodPublicB]);
nacl(
  VPC.prod,
  'prod-private',
  false,
  [
    naclEntry(100, true, 'allow', 'all', '0.0.0.0/0'),
    naclEntry(100, false, 'allow', 'tcp', '0.0.0.0/0', [443, 443]),
    // Return traffic for outbound connections (ephemeral ports): it also admits RDP (3389).
    naclEntry(110, false, 'allow', 'tcp', '0.0.0.0/0', [1024, 65535]),
    naclEntry(120, false, 'allow', 'all', '10.10.0.0/16'),
    naclEntry(32767, true, 'deny', 'all', '0.0.0.0/0'),
    naclEntry(32767, false, 'deny', 'all', '0.0.0.0/0'),
  ],
  [SUBNET.prodPrivateA, SUBNET.prodPrivateB],
  'prod-private-nacl',
);
nacl(VPC.defaultEu, 'default-eu', true, openNaclEntries, [SUBNET.defaultEuA, SUBNET.defaultEuB]);
nacl(VPC.euProd, 'eu-prod-default', true, openNaclEntries, [SUBNET.euPublicA, SUBNET.euPrivateA]);
nacl(
  VPC.euProd,
  'eu-legacy-dmz',
  false,
  [
    naclEntry(100, true, 'allow', 'all', '0.0.0.0/0'),
    naclEntry(100, false, 'allow', 'tcp', '0.0.0.0/0', [80, 80]),
    naclEntry(110, false, 'allow', 'tcp', '0.0.0.0/0', [443, 443]),
    naclEntry(32767, true, 'deny', 'all', '0.0.0.0/0'),
    naclEntry(32767, false, 'deny', 'all', '0.0.0.0/0'),
  ],
  [],
  'eu-legacy-dmz-nacl',
);

// --- Security groups and the network interfaces using them -----------------------------------

const eni = (seed: string) => ec2Id('eni', seed);
const ENI = {
  albA: eni('alb-a'),
  albB: eni('alb-b'),
  web1: eni('web-1'),
  web2: eni('web-2'),
  bastion: eni('bastion'),
  jenkins: eni('jenkins'),
  legacyReporting: eni('legacy-reporting'),
  paymentsDb: eni('payments-db'),
  ordersApiA: eni('orders-api-a'),
  ordersApiB: eni('orders-api-b'),
  aurora1: eni('orders-aurora-1'),
  aurora2: eni('orders-aurora-2'),
  reportingMysql: eni('reporting-mysql'),
  euApi: eni('eu-api-1'),
  euBatch: eni('eu-batch-worker'),
  euWebhook: eni('eu-webhook-handler'),
  euPg1: eni('eu-analytics-pg-1'),
  euPg2: eni('eu-analytics-pg-2'),
  euPg3: eni('eu-analytics-pg-3'),
  efsA: eni('efs-a'),
  efsB: eni('efs-b'),
};

interface Sg {
  id: string;
  vpc: Vpc;
  name: string;
}
const sg = (vpc: Vpc, name: string): Sg => ({ id: ec2Id('sg', `${vpc.region}/${vpc.name}/${name}`), vpc, name });
const SG = {
  defaultUs: sg(VPC.defaultUs, 'default'),
  prodDefault: sg(VPC.prod, 'default'),
  launchWizard: sg(VPC.defaultUs, 'launch-wizard-1'),
  webAlb: sg(VPC.prod, 'web-alb-sg'),
  officeAllowlist: sg(VPC.prod, 'office-allowlist-sg'),
  webApp: sg(VPC.prod, 'web-app-sg'),
  bastion: sg(VPC.prod, 'bastion-ssh-sg'),
  ordersApiLambda: sg(VPC.prod, 'orders-api-lambda-sg'),
  paymentsDb: sg(VPC.prod, 'payments-db-sg'),
  ordersAurora: sg(VPC.prod, 'orders-aurora-sg'),
  efs: sg(VPC.prod, 'shared-media-efs-sg'),
  reportingMysql: sg(VPC.defaultUs, 'reporting-mysql-sg'),
  defaultEu: sg(VPC.defaultEu, 'default'),
  euProdDefault: sg(VPC.euProd, 'default'),
  euApi: sg(VPC.euProd, 'eu-api-sg'),
  euWebhook: sg(VPC.euProd, 'eu-webhook-lambda-sg'),
  euAnalyticsPg: sg(VPC.euProd, 'eu-analytics-pg-sg'),
  euLegacyFtp: sg(VPC.euProd, 'eu-legacy-ftp-sg'),
};

const tcp = (from: number, to: number, sources: { v4?: string[]; v6?: string[]; groups?: Sg[] }): SecurityGroupRule => ({
  protocol: 'tcp',
  fromPort: from,
  toPort: to,
  ipv4Ranges: sources.v4 ?? [],
  ipv6Ranges: sources.v6 ?? [],
  groups: (sources.groups ?? []).map((g) => ({ groupId: g.id, userId: ACCOUNT })),
  prefixListIds: [],
});
const allTraffic = (sources: { v4?: string[]; v6?: string[]; groups?: Sg[] }): SecurityGroupRule => ({
  ...tcp(0, 0, sources),
  protocol: 'all',
  fromPort: null,
  toPort: null,
});
const allOut = allTraffic({ v4: ['0.0.0.0/0'] });
const ANYWHERE = { v4: ['0.0.0.0/0'], v6: ['::/0'] };

function securityGroup(g: Sg, description: string, ingress: SecurityGroupRule[], egress: SecurityGroupRule[], enis: string[], tags = true) {
  add('AwsEc2SecurityGroup', {
    id: arn('ec2', g.vpc.region, `security-group/${g.id}`),
    name: g.id,
    region: g.vpc.region,
    tags: tags && g.name !== 'default' ? { Name: g.name, ...team('platform') } : {},
    attributes: {
      groupId: g.id,
      groupName: g.name,
      description,
      vpcId: g.vpc.id,
      ownerId: ACCOUNT,
      isDefault: g.name === 'default',
      ingressRules: ingress,
      egressRules: egress,
      networkInterfaceIds: enis,
    },
  });
}
/** An office and home-office allowlist that grew one /32 at a time. */
const officeAllowlist = Array.from({ length: 54 }, (_, i) => `198.51.100.${10 + i}/32`);

securityGroup(SG.defaultUs, 'default VPC security group', [allTraffic({ groups: [SG.defaultUs] })], [allOut], [ENI.legacyReporting]);
securityGroup(SG.prodDefault, 'default VPC security group', [], [], []);
securityGroup(
  SG.launchWizard,
  'launch-wizard-1 created 2025-03-04T10:12:33.041Z',
  [allTraffic({ v4: ['0.0.0.0/0'] })],
  [allOut],
  [ENI.jenkins],
  false,
);
securityGroup(SG.webAlb, 'Public HTTPS load balancer', [tcp(443, 443, ANYWHERE), tcp(80, 80, ANYWHERE)], [allOut], [ENI.albA, ENI.albB]);
securityGroup(
  SG.officeAllowlist,
  'Office, VPN and uptime-monitor access to internal dashboards',
  [tcp(443, 443, { v4: officeAllowlist }), tcp(443, 443, { v4: ['18.184.0.0/15'] })],
  [allOut],
  [ENI.albA, ENI.albB],
);
securityGroup(
  SG.webApp,
  'Web application instances',
  [tcp(8080, 8080, { groups: [SG.webAlb] }), tcp(22, 22, { groups: [SG.bastion] })],
  [allOut],
  [ENI.web1, ENI.web2],
);
securityGroup(SG.bastion, 'SSH bastion', [tcp(22, 22, { v4: ['0.0.0.0/0'] })], [allOut], [ENI.bastion]);
securityGroup(SG.ordersApiLambda, 'orders-api Lambda function', [], [allOut], [ENI.ordersApiA, ENI.ordersApiB]);
securityGroup(
  SG.paymentsDb,
  'payments-db PostgreSQL',
  [tcp(5432, 5432, { groups: [SG.webApp, SG.ordersApiLambda] }), tcp(5432, 5432, { v4: ['10.10.0.0/16'] })],
  [],
  [ENI.paymentsDb],
);
securityGroup(SG.ordersAurora, 'orders-aurora MySQL', [tcp(3306, 3306, { groups: [SG.ordersApiLambda] })], [], [ENI.aurora1, ENI.aurora2]);
securityGroup(SG.efs, 'shared-media EFS mount targets', [tcp(2049, 2049, { groups: [SG.webApp] })], [], [ENI.efsA, ENI.efsB]);
securityGroup(SG.reportingMysql, 'reporting database (legacy BI tool access)', [tcp(3306, 3306, { v4: ['0.0.0.0/0'] })], [allOut], [ENI.reportingMysql]);
securityGroup(SG.defaultEu, 'default VPC security group', [allTraffic({ groups: [SG.defaultEu] })], [allOut], []);
securityGroup(SG.euProdDefault, 'default VPC security group', [allTraffic({ groups: [SG.euProdDefault] })], [allOut], []);
securityGroup(SG.euApi, 'EU API instances', [tcp(443, 443, { v4: ['10.20.0.0/16'] })], [allOut], [ENI.euApi, ENI.euBatch]);
securityGroup(SG.euWebhook, 'eu-webhook-handler Lambda function', [], [allOut], [ENI.euWebhook]);
securityGroup(SG.euAnalyticsPg, 'eu-analytics-pg cluster', [tcp(5432, 5432, { v4: ['10.20.0.0/16'] })], [], [ENI.euPg1, ENI.euPg2, ENI.euPg3]);
securityGroup(
  SG.euLegacyFtp,
  'Legacy partner FTP drop (decommissioned)',
  [tcp(20, 21, { v4: ['0.0.0.0/0'] }), tcp(3389, 3389, { v4: ['0.0.0.0/0'] })],
  [allOut],
  [],
);

// --- VPC peering between the two production VPCs ---------------------------------------------

const pcxId = ec2Id('pcx', 'prod-eu-prod');
const peering = (region: Region, routes: VpcPeeringConnectionAttributes['routes']) =>
  add('AwsEc2VpcPeeringConnection', {
    id: arn('ec2', region, `vpc-peering-connection/${pcxId}`),
    name: pcxId,
    region,
    tags: { Name: 'prod-to-eu-prod', ...team('platform') },
    attributes: {
      peeringConnectionId: pcxId,
      status: 'active',
      requester: { vpcId: VPC.prod.id, ownerId: ACCOUNT, region: US, cidrBlocks: [VPC.prod.cidr], ipv6CidrBlocks: [] },
      accepter: { vpcId: VPC.euProd.id, ownerId: ACCOUNT, region: EU, cidrBlocks: [VPC.euProd.cidr], ipv6CidrBlocks: [] },
      routes,
    },
  });
// us-east-1 routes the whole EU VPC; eu-west-1 routes only the US private subnet it needs.
peering(US, [{ routeTableId: ec2Id('rtb', 'prod-private'), vpcId: VPC.prod.id, destination: VPC.euProd.cidr, destinationType: 'ipv4', state: 'active' }]);
peering(EU, [{ routeTableId: ec2Id('rtb', 'eu-private'), vpcId: VPC.euProd.id, destination: SUBNET.prodPrivateA.cidr, destinationType: 'ipv4', state: 'active' }]);

// =============================================================================================
// EC2 compute: instances, volumes, snapshots, AMIs, Elastic IPs, launch templates, settings.

const AMI = {
  golden: ec2Id('ami', 'web-golden-2026-10'),
  bastion: ec2Id('ami', 'bastion-base-2024-02'),
  goldenEu: ec2Id('ami', 'web-golden-2026-10-eu'),
  legacy: ec2Id('ami', 'legacy-reporting-2016'),
};
const image = (region: Region, id: string, name: string, isPublic: boolean, created: string, tags: Record<string, string>) =>
  add('AwsEc2Image', {
    id: `arn:aws:ec2:${region}::image/${id}`,
    name: id,
    region,
    tags,
    attributes: { imageId: id, imageName: name, public: isPublic, state: 'available', creationDate: t(created), deprecationTime: null },
  });
image(US, AMI.golden, 'acme-web-golden-2026-10-01', false, '2026-10-01T06:12:40Z', { Name: 'acme-web-golden', ...team('platform') });
image(US, AMI.bastion, 'acme-bastion-base-2024-02', true, '2024-02-19T15:03:11Z', { Name: 'acme-bastion-base', ...team('platform') });
image(EU, AMI.goldenEu, 'acme-web-golden-2026-10-01', false, '2026-10-01T07:40:02Z', { Name: 'acme-web-golden', ...team('platform') });

const WEB_USER_DATA = [
  '#cloud-config',
  'package_update: true',
  'packages: [nginx, amazon-cloudwatch-agent]',
  'runcmd:',
  '  - systemctl enable --now nginx',
  '  - aws s3 cp s3://acme-web-assets/releases/current/app.tar.gz /opt/app/',
].join('\n');
// Fake credentials from the AWS documentation: obviously not real, but they match the detector.
const JENKINS_USER_DATA = [
  '#!/bin/bash',
  'yum install -y java-17-amazon-corretto jenkins',
  'mkdir -p /var/lib/jenkins/.aws',
  'cat > /var/lib/jenkins/.aws/credentials <<EOF',
  '[default]',
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'EOF',
  'systemctl enable --now jenkins',
].join('\n');

interface InstanceSpec {
  name: string;
  region: Region;
  type: string;
  state: 'running' | 'stopped';
  launched: string;
  stoppedAt?: string;
  subnet: Subnet;
  sgs: Sg[];
  privateIp: string;
  publicIp?: string;
  profile?: string;
  imds: Ec2InstanceAttributes['metadataOptions'];
  monitoring: 'enabled' | 'disabled';
  image: string;
  paravirtual?: boolean;
  userData: string | null;
  tags: Record<string, string>;
}
const IMDSV2 = { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 2 };
const IMDSV1 = { httpTokens: 'optional', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 };

const instances: InstanceSpec[] = [
  {
    name: 'web-1',
    region: US,
    type: 'm6i.large',
    state: 'running',
    launched: '2026-09-15T08:30:12Z',
    subnet: SUBNET.prodPrivateA,
    sgs: [SG.webApp],
    privateIp: '10.10.10.21',
    profile: 'web-app-instance-role',
    imds: IMDSV2,
    monitoring: 'enabled',
    image: AMI.golden,
    userData: WEB_USER_DATA,
    tags: { Name: 'web-1', ...team('web') },
  },
  {
    name: 'web-2',
    region: US,
    type: 'm6i.large',
    state: 'running',
    launched: '2025-12-03T11:02:45Z',
    subnet: SUBNET.prodPrivateB,
    sgs: [SG.webApp],
    privateIp: '10.10.11.37',
    profile: 'web-app-instance-role',
    imds: IMDSV2,
    monitoring: 'disabled',
    image: AMI.golden,
    userData: WEB_USER_DATA,
    tags: { Name: 'web-2', ...team('web') },
  },
  {
    name: 'bastion',
    region: US,
    type: 't3.micro',
    state: 'running',
    launched: '2026-02-20T09:15:00Z',
    subnet: SUBNET.prodPublicA,
    sgs: [SG.bastion],
    privateIp: '10.10.0.10',
    publicIp: '203.0.113.10',
    imds: IMDSV1,
    monitoring: 'disabled',
    image: AMI.bastion,
    userData: null,
    tags: { Name: 'bastion', ...team('platform') },
  },
  {
    name: 'jenkins',
    region: US,
    type: 't3.xlarge',
    state: 'running',
    launched: '2025-03-04T10:14:20Z',
    subnet: SUBNET.defaultUsA,
    sgs: [SG.launchWizard],
    privateIp: '172.31.5.140',
    publicIp: '198.51.100.77',
    profile: 'ci-runner-role',
    imds: IMDSV1,
    monitoring: 'disabled',
    image: ec2Id('ami', 'amazon-linux-2023-2025-02'),
    userData: JENKINS_USER_DATA,
    tags: { Name: 'jenkins', team: 'platform', environment: 'tooling' },
  },
  {
    name: 'legacy-reporting',
    region: US,
    type: 'm3.medium',
    state: 'stopped',
    launched: '2021-01-11T07:00:00Z',
    stoppedAt: '2026-06-10T17:45:00Z',
    subnet: SUBNET.defaultUsB,
    sgs: [SG.defaultUs],
    privateIp: '172.31.20.8',
    imds: IMDSV1,
    monitoring: 'disabled',
    image: AMI.legacy,
    paravirtual: true,
    userData: null,
    tags: { Name: 'legacy-reporting', team: 'finance', environment: 'production', 'cost-center': 'legacy' },
  },
  {
    name: 'eu-api-1',
    region: EU,
    type: 'm6i.large',
    state: 'running',
    launched: '2026-10-05T10:20:00Z',
    subnet: SUBNET.euPrivateA,
    sgs: [SG.euApi],
    privateIp: '10.20.1.15',
    profile: 'web-app-instance-role',
    imds: IMDSV2,
    monitoring: 'enabled',
    image: AMI.goldenEu,
    userData: WEB_USER_DATA,
    tags: { Name: 'eu-api-1', ...team('web') },
  },
  {
    name: 'eu-batch-worker',
    region: EU,
    type: 'c6i.xlarge',
    state: 'stopped',
    launched: '2026-10-26T02:00:00Z',
    stoppedAt: '2026-10-27T04:31:09Z',
    subnet: SUBNET.euPrivateA,
    sgs: [SG.euApi],
    privateIp: '10.20.1.44',
    profile: 'web-app-instance-role',
    imds: IMDSV2,
    monitoring: 'disabled',
    image: AMI.goldenEu,
    userData: null,
    tags: { Name: 'eu-batch-worker', ...team('data') },
  },
];
const instanceId = (name: string) => ec2Id('i', name);

for (const i of instances) {
  const id = instanceId(i.name);
  add('AwsEc2Instance', {
    id: arn('ec2', i.region, `instance/${id}`),
    name: id,
    region: i.region,
    tags: i.tags,
    attributes: {
      instanceId: id,
      state: i.state,
      instanceType: i.type,
      launchTime: t(i.launched),
      stateTransitionTime: i.stoppedAt ? t(i.stoppedAt) : null,
      publicIp: i.publicIp ?? null,
      publicDnsName: i.publicIp ? `ec2-${i.publicIp.replace(/\./g, '-')}.${i.region === US ? 'compute-1' : `${i.region}.compute`}.amazonaws.com` : null,
      privateIp: i.privateIp,
      iamInstanceProfileArn: i.profile ? instanceProfileArn(i.profile) : null,
      metadataOptions: i.imds,
      monitoringState: i.monitoring,
      securityGroupIds: i.sgs.map((g) => g.id),
      subnetId: i.subnet.id,
      vpcId: i.subnet.vpc.id,
      imageId: i.image,
      ebsOptimized: !i.paravirtual,
      virtualizationType: i.paravirtual ? 'paravirtual' : 'hvm',
      platform: null,
      userData: i.userData,
    },
  });
}

interface VolumeSpec {
  seed: string;
  region: Region;
  instance?: string;
  device?: string;
  encryptedWith?: string;
  type: string;
  size: number;
  created: string;
  tags: Record<string, string>;
}
const volumeId = (seed: string) => ec2Id('vol', seed);
const volumes: VolumeSpec[] = [
  { seed: 'web-1-root', region: US, instance: 'web-1', device: '/dev/xvda', encryptedWith: KEY.awsEbs, type: 'gp3', size: 30, created: '2026-09-15T08:30:14Z', tags: { Name: 'web-1-root', ...team('web') } },
  { seed: 'web-2-root', region: US, instance: 'web-2', device: '/dev/xvda', encryptedWith: KEY.awsEbs, type: 'gp3', size: 30, created: '2025-12-03T11:02:47Z', tags: { Name: 'web-2-root', ...team('web') } },
  { seed: 'bastion-root', region: US, instance: 'bastion', device: '/dev/xvda', encryptedWith: KEY.awsEbs, type: 'gp3', size: 8, created: '2026-02-20T09:15:02Z', tags: { Name: 'bastion-root', ...team('platform') } },
  { seed: 'jenkins-root', region: US, instance: 'jenkins', device: '/dev/xvda', type: 'gp2', size: 100, created: '2025-03-04T10:14:22Z', tags: { Name: 'jenkins-root' } },
  { seed: 'legacy-reporting-root', region: US, instance: 'legacy-reporting', device: '/dev/sda1', type: 'standard', size: 20, created: '2021-01-11T07:00:03Z', tags: { Name: 'legacy-reporting-root', team: 'finance' } },
  { seed: 'old-elasticsearch-data', region: US, encryptedWith: KEY.awsEbs, type: 'gp2', size: 500, created: '2023-04-18T12:00:00Z', tags: { Name: 'old-elasticsearch-data', team: 'data', environment: 'production' } },
  { seed: 'eu-api-1-root', region: EU, instance: 'eu-api-1', device: '/dev/xvda', encryptedWith: KEY.euData, type: 'gp3', size: 30, created: '2026-10-05T10:20:02Z', tags: { Name: 'eu-api-1-root', ...team('web') } },
  { seed: 'eu-batch-worker-root', region: EU, instance: 'eu-batch-worker', device: '/dev/xvda', type: 'gp3', size: 50, created: '2026-10-26T02:00:02Z', tags: { Name: 'eu-batch-worker-root', ...team('data') } },
];
for (const v of volumes) {
  const id = volumeId(v.seed);
  add('AwsEc2Volume', {
    id: arn('ec2', v.region, `volume/${id}`),
    name: id,
    region: v.region,
    tags: v.tags,
    attributes: {
      volumeId: id,
      encrypted: v.encryptedWith !== undefined,
      kmsKeyId: v.encryptedWith ?? null,
      state: v.instance ? 'in-use' : 'available',
      volumeType: v.type,
      sizeGiB: v.size,
      snapshotId: null,
      createTime: t(v.created),
      attachments: v.instance
        ? [{ instanceId: instanceId(v.instance), device: v.device ?? '/dev/xvda', state: 'attached', deleteOnTermination: true }]
        : [],
    },
  });
}

const snapshot = (
  region: Region,
  seed: string,
  volume: string,
  encryptedWith: string | undefined,
  started: string,
  permissions: Ec2SnapshotAttributes['createVolumePermissions'],
  tags: Record<string, string>,
) => {
  const id = ec2Id('snap', seed);
  add('AwsEc2Snapshot', {
    id: `arn:aws:ec2:${region}::snapshot/${id}`,
    name: id,
    region,
    tags,
    attributes: {
      snapshotId: id,
      volumeId: volume,
      encrypted: encryptedWith !== undefined,
      kmsKeyId: encryptedWith ?? null,
      state: 'completed',
      startTime: t(started),
      createVolumePermissions: permissions,
    },
  });
};
snapshot(US, 'web-1-daily', volumeId('web-1-root'), KEY.awsEbs, '2026-10-31T03:00:12Z', [], { Name: 'web-1-daily', 'dlm:managed': 'true' });
snapshot(US, 'jenkins-before-upgrade', volumeId('jenkins-root'), undefined, '2026-01-20T18:30:00Z', [], { Name: 'jenkins-before-upgrade' });
// A copy of the legacy reporting disk made for a migration test and shared with everyone by mistake.
snapshot(EU, 'legacy-reporting-copy', 'vol-ffffffff', undefined, '2026-07-02T09:12:00Z', [{ group: 'all' }], { Name: 'legacy-reporting-migration-test' });
snapshot(EU, 'eu-api-1-weekly', volumeId('eu-api-1-root'), KEY.euData, '2026-10-26T03:00:00Z', [{ userId: DR_ACCOUNT }], { Name: 'eu-api-1-weekly', backup: 'dr' });

const eip = (region: Region, seed: string, publicIp: string, attachedTo?: { instance: string; eni: string }) => {
  const allocationId = ec2Id('eipalloc', seed);
  add('AwsEc2Eip', {
    id: arn('ec2', region, `elastic-ip/${allocationId}`),
    name: publicIp,
    region,
    tags: { Name: seed, ...team('platform') },
    attributes: {
      allocationId,
      publicIp,
      associationId: attachedTo ? ec2Id('eipassoc', seed) : null,
      instanceId: attachedTo ? instanceId(attachedTo.instance) : null,
      networkInterfaceId: attachedTo?.eni ?? null,
      domain: 'vpc',
    },
  });
};
eip(US, 'bastion-eip', '203.0.113.10', { instance: 'bastion', eni: ENI.bastion });
eip(EU, 'eu-old-ftp-eip', '198.51.100.200');

const launchTemplate = (
  name: string,
  defaultVersion: number,
  latestVersion: number,
  versions: Ec2LaunchTemplateAttributes['versions'],
  userData: Ec2LaunchTemplateAttributes['versionsUserData'],
  tags: Record<string, string>,
) => {
  const id = ec2Id('lt', name);
  add('AwsEc2LaunchTemplate', {
    id: arn('ec2', US, `launch-template/${id}`),
    name,
    region: US,
    tags,
    attributes: { launchTemplateId: id, defaultVersionNumber: defaultVersion, latestVersionNumber: latestVersion, versions, versionsUserData: userData },
  });
};
launchTemplate(
  'web-asg-template',
  7,
  7,
  [{ versionNumber: 7, isDefault: true, metadataOptions: IMDSV2, associatePublicIpAddress: false }],
  [{ versionNumber: 7, userData: WEB_USER_DATA }],
  team('web'),
);
const CI_RUNNER_USER_DATA = [
  '#!/bin/bash',
  "export DB_PASSWORD='example-password-not-real'",
  'curl -sSL https://ci.acme-corp.example/bootstrap.sh | bash',
].join('\n');
launchTemplate(
  'ci-runner-template',
  1,
  2,
  [
    { versionNumber: 1, isDefault: true, metadataOptions: null, associatePublicIpAddress: true },
    { versionNumber: 2, isDefault: false, metadataOptions: IMDSV1, associatePublicIpAddress: true },
  ],
  [
    { versionNumber: 1, userData: CI_RUNNER_USER_DATA },
    { versionNumber: 2, userData: CI_RUNNER_USER_DATA },
  ],
  { team: 'platform', environment: 'tooling' },
);

const regionalSettings = (region: Region, a: Ec2RegionalSettingsAttributes) =>
  add('AwsEc2RegionalSettings', { id: arn('ec2', region, 'regional-settings'), name: `${ACCOUNT}/${region}`, region, attributes: a });
regionalSettings(US, {
  ebsEncryptionByDefault: true,
  ebsDefaultKmsKeyId: 'alias/aws/ebs',
  snapshotBlockPublicAccessState: 'block-all-sharing',
  imageBlockPublicAccessState: 'block-new-sharing',
  instanceMetadataDefaults: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
});
regionalSettings(EU, {
  ebsEncryptionByDefault: false,
  ebsDefaultKmsKeyId: 'alias/aws/ebs',
  snapshotBlockPublicAccessState: 'unblocked',
  imageBlockPublicAccessState: 'unblocked',
  instanceMetadataDefaults: {},
});

// =============================================================================================
// S3: account Block Public Access and buckets.

add('AwsS3AccountPublicAccessBlock', {
  id: `arn:aws:s3::${ACCOUNT}:public-access-block`,
  name: ACCOUNT,
  region: 'global',
  // Never configured at account level: each bucket relies on its own settings.
  attributes: { publicAccessBlock: null },
});

const CANONICAL_OWNER = hex('s3-canonical-owner', 64);
const ownerOnlyAcl = { ownerId: CANONICAL_OWNER, grants: [{ type: 'CanonicalUser', id: CANONICAL_OWNER, permission: 'FULL_CONTROL' }] };
const blockAll = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const noNotifications: S3Notifications = { topicArns: [], queueArns: [], lambdaFunctionArns: [], eventBridge: false };
const enforced = { objectOwnership: 'BucketOwnerEnforced' };
const kmsEncryption = (key?: string) => ({
  rules: [{ sseAlgorithm: 'aws:kms', ...(key ? { kmsMasterKeyId: key } : {}), bucketKeyEnabled: true }],
});
const sseS3 = { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] };

function bucket(
  name: string,
  region: Region,
  a: Omit<S3BucketAttributes, 'tags' | 'policyStatus'> & { policyPublic?: boolean },
  tags: Record<string, string>,
  errors?: Init<S3BucketAttributes>['errors'],
) {
  const { policyPublic, ...attributes } = a;
  add('AwsS3Bucket', {
    id: bucketArn(name),
    name,
    region,
    tags,
    attributes: { ...attributes, policyStatus: a.policy ? { isPublic: policyPublic ?? false } : null, tags },
    ...(errors ? { errors } : {}),
  });
}

const CLOUDTRAIL_BUCKET = `acme-cloudtrail-logs-${ACCOUNT}`;
const ACCESS_LOGS_BUCKET = 'acme-s3-access-logs';
const TRAIL_ARN = arn('cloudtrail', US, 'trail/acme-management-trail');

bucket(
  'acme-web-assets',
  US,
  {
    creationDate: t('2020-05-11T11:58:02Z'),
    policy: {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'PublicReadGetObject', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${bucketArn('acme-web-assets')}/*` },
      ],
    },
    policyPublic: true,
    acl: ownerOnlyAcl,
    publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false },
    encryption: sseS3,
    versioning: { status: 'Enabled', mfaDelete: 'Disabled' },
    logging: { targetBucket: ACCESS_LOGS_BUCKET, targetPrefix: 'acme-web-assets/' },
    ownershipControls: enforced,
    objectLock: null,
    lifecycle: {
      rules: [
        {
          id: 'expire-old-versions',
          status: 'Enabled',
          hasExpiration: false,
          hasTransitions: false,
          hasNoncurrentVersionExpiration: true,
          hasNoncurrentVersionTransitions: false,
          abortIncompleteMultipartUploadDays: 7,
        },
      ],
    },
    replication: null,
    notifications: { ...noNotifications, lambdaFunctionArns: [functionArn(US, 'image-thumbnailer')] },
  },
  team('web', 'production', { 'data-classification': 'public' }),
);
bucket(
  CLOUDTRAIL_BUCKET,
  US,
  {
    creationDate: t('2019-03-14T10:00:41Z'),
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AWSCloudTrailAclCheck',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:GetBucketAcl',
          Resource: bucketArn(CLOUDTRAIL_BUCKET),
          Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
        },
        {
          Sid: 'AWSCloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${bucketArn(CLOUDTRAIL_BUCKET)}/AWSLogs/${ACCOUNT}/*`,
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN } },
        },
        denyInsecureTransport(CLOUDTRAIL_BUCKET),
      ],
    },
    acl: ownerOnlyAcl,
    publicAccessBlock: blockAll,
    encryption: kmsEncryption(KEY.cloudtrail),
    versioning: { status: 'Enabled', mfaDelete: 'Disabled' },
    logging: { targetBucket: ACCESS_LOGS_BUCKET, targetPrefix: 'cloudtrail/' },
    ownershipControls: enforced,
    objectLock: { enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 365 } },
    lifecycle: {
      rules: [
        {
          id: 'archive-then-expire',
          status: 'Enabled',
          hasExpiration: true,
          hasTransitions: true,
          hasNoncurrentVersionExpiration: true,
          hasNoncurrentVersionTransitions: false,
        },
      ],
    },
    replication: {
      role: roleArn('s3-replication-role'),
      rules: [{ id: 'replicate-to-eu', status: 'Enabled', destinationBucket: bucketArn('acme-cloudtrail-logs-replica-eu'), storageClass: 'STANDARD_IA' }],
    },
    notifications: noNotifications,
  },
  team('security'),
);
bucket(
  'acme-cloudtrail-logs-replica-eu',
  EU,
  {
    creationDate: t('2022-06-01T09:40:00Z'),
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowReplicationFromUs',
          Effect: 'Allow',
          Principal: { AWS: roleArn('s3-replication-role') },
          Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'],
          Resource: `${bucketArn('acme-cloudtrail-logs-replica-eu')}/*`,
        },
        denyInsecureTransport('acme-cloudtrail-logs-replica-eu'),
      ],
    },
    acl: ownerOnlyAcl,
    publicAccessBlock: blockAll,
    encryption: kmsEncryption(KEY.euData),
    versioning: { status: 'Enabled', mfaDelete: 'Disabled' },
    logging: null,
    ownershipControls: enforced,
    objectLock: { enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 365 } },
    lifecycle: {
      rules: [{ id: 'glacier', status: 'Enabled', hasExpiration: false, hasTransitions: true, hasNoncurrentVersionExpiration: false, hasNoncurrentVersionTransitions: false }],
    },
    replication: null,
    notifications: noNotifications,
  },
  team('security'),
);
bucket(
  ACCESS_LOGS_BUCKET,
  US,
  {
    creationDate: t('2019-03-14T09:58:10Z'),
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'S3ServerAccessLogsPolicy',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${bucketArn(ACCESS_LOGS_BUCKET)}/*`,
          Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
        },
        denyInsecureTransport(ACCESS_LOGS_BUCKET),
      ],
    },
    acl: ownerOnlyAcl,
    publicAccessBlock: blockAll,
    encryption: sseS3,
    versioning: { status: null, mfaDelete: null },
    logging: null,
    ownershipControls: enforced,
    objectLock: null,
    lifecycle: {
      rules: [{ id: 'expire-400-days', status: 'Enabled', hasExpiration: true, hasTransitions: false, hasNoncurrentVersionExpiration: false, hasNoncurrentVersionTransitions: false }],
    },
    replication: null,
    notifications: noNotifications,
  },
  team('security'),
);
bucket(
  'acme-data-lake-raw',
  US,
  {
    creationDate: t('2023-02-07T09:12:33Z'),
    policy: {
      Version: '2012-10-17',
      Statement: [
        denyInsecureTransport('acme-data-lake-raw'),
        {
          Sid: 'DenyObjectsWithoutKms',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `${bucketArn('acme-data-lake-raw')}/*`,
          Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
        },
      ],
    },
    acl: ownerOnlyAcl,
    publicAccessBlock: blockAll,
    encryption: kmsEncryption(KEY.dataLake),
    versioning: { status: 'Enabled', mfaDelete: 'Disabled' },
    logging: { targetBucket: ACCESS_LOGS_BUCKET, targetPrefix: 'acme-data-lake-raw/' },
    ownershipControls: enforced,
    objectLock: null,
    lifecycle: {
      rules: [
        {
          id: 'intelligent-tiering',
          status: 'Enabled',
          hasExpiration: false,
          hasTransitions: true,
          hasNoncurrentVersionExpiration: true,
          hasNoncurrentVersionTransitions: true,
          abortIncompleteMultipartUploadDays: 3,
        },
      ],
    },
    // Replicated to the disaster-recovery account, whose buckets this scan cannot see.
    replication: {
      role: roleArn('s3-replication-role'),
      rules: [
        {
          id: 'dr-copy',
          status: 'Enabled',
          destinationBucket: 'arn:aws:s3:::acme-dr-data-lake-raw-eu',
          destinationAccount: DR_ACCOUNT,
          storageClass: 'STANDARD_IA',
        },
      ],
    },
    notifications: { ...noNotifications, eventBridge: true },
  },
  team('data', 'production', { 'data-classification': 'confidential' }),
);
bucket(
  'acme-legacy-reports',
  US,
  {
    creationDate: t('2016-08-22T15:20:00Z'),
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowUploadsFromReportingSite',
          Effect: 'Allow',
          Principal: '*',
          Action: ['s3:PutObject', 's3:PutObjectAcl'],
          Resource: `${bucketArn('acme-legacy-reports')}/uploads/*`,
          Condition: { StringLike: { 'aws:Referer': 'https://reports.acme-corp.example/*' } },
        },
      ],
    },
    policyPublic: true,
    acl: {
      ownerId: CANONICAL_OWNER,
      grants: [
        { type: 'CanonicalUser', id: CANONICAL_OWNER, permission: 'FULL_CONTROL' },
        { type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' },
        { type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers', permission: 'WRITE' },
      ],
    },
    publicAccessBlock: null,
    encryption: null,
    versioning: { status: null, mfaDelete: null },
    logging: null,
    ownershipControls: { objectOwnership: 'ObjectWriter' },
    objectLock: null,
    lifecycle: null,
    replication: null,
    notifications: noNotifications,
  },
  { team: 'finance', environment: 'production', 'cost-center': 'legacy' },
);
bucket(
  'acme-partner-exchange',
  EU,
  {
    creationDate: t('2024-09-30T14:05:00Z'),
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowPartnerAccount',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` },
          Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
          Resource: [bucketArn('acme-partner-exchange'), `${bucketArn('acme-partner-exchange')}/*`],
        },
        {
          Sid: 'OnlyExchangeAdminsManageLifecycle',
          Effect: 'Deny',
          Principal: '*',
          Action: ['s3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration'],
          Resource: bucketArn('acme-partner-exchange'),
          Condition: { StringNotLike: { 'aws:PrincipalArn': iamArn('role/partner-exchange-admin') } },
        },
        denyInsecureTransport('acme-partner-exchange'),
      ],
    },
    acl: ownerOnlyAcl,
    publicAccessBlock: blockAll,
    encryption: kmsEncryption(KEY.partnerExchange),
    versioning: { status: 'Suspended', mfaDelete: 'Disabled' },
    logging: null,
    ownershipControls: enforced,
    objectLock: null,
    lifecycle: null, // not readable: see the error below
    replication: null,
    notifications: noNotifications,
  },
  team('partnerships'),
  {
    // Deliberate collection error: the bucket policy denies reading the lifecycle configuration.
    lifecycle: {
      code: 'AccessDenied',
      message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/vigil-scanner/vigil is not authorized to perform: s3:GetLifecycleConfiguration on resource: "arn:aws:s3:::acme-partner-exchange" with an explicit deny in a resource-based policy`,
    },
  },
);
bucket(
  'acme-terraform-state',
  US,
  {
    creationDate: t('2021-01-19T08:30:00Z'),
    policy: { Version: '2012-10-17', Statement: [denyInsecureTransport('acme-terraform-state')] },
    acl: ownerOnlyAcl,
    publicAccessBlock: blockAll,
    encryption: kmsEncryption(),
    versioning: { status: 'Enabled', mfaDelete: 'Enabled' },
    logging: { targetBucket: ACCESS_LOGS_BUCKET, targetPrefix: 'acme-terraform-state/' },
    ownershipControls: enforced,
    objectLock: null,
    lifecycle: {
      rules: [
        { id: 'expire-noncurrent-90d', status: 'Enabled', hasExpiration: false, hasTransitions: false, hasNoncurrentVersionExpiration: true, hasNoncurrentVersionTransitions: false },
      ],
    },
    replication: null,
    notifications: noNotifications,
  },
  team('platform'),
);

// =============================================================================================
// CloudTrail, CloudWatch Logs and alarms, Config.

const TRAIL_LOG_GROUP = 'aws-cloudtrail-logs-acme';
add('AwsCloudTrailTrail', {
  id: TRAIL_ARN,
  name: 'acme-management-trail',
  region: US,
  attributes: {
    homeRegion: US,
    isMultiRegionTrail: true,
    isOrganizationTrail: false,
    includeGlobalServiceEvents: true,
    logFileValidationEnabled: true,
    kmsKeyId: KEY.cloudtrail,
    s3BucketName: CLOUDTRAIL_BUCKET,
    s3KeyPrefix: null,
    snsTopicArn: null,
    cloudWatchLogsLogGroupArn: `${logGroupArn(US, TRAIL_LOG_GROUP)}:*`,
    cloudWatchLogsRoleArn: roleArn('CloudTrail_CloudWatchLogs_Role'),
    hasCustomEventSelectors: true,
    hasInsightSelectors: true,
    status: {
      isLogging: true,
      latestDeliveryTime: t('2026-10-31T23:55:41Z'),
      latestCloudWatchLogsDeliveryTime: t('2026-10-31T23:58:12Z'),
    },
    // All management events, plus S3 object writes (not reads) in every bucket.
    eventSelectors: {
      basic: [],
      advanced: [
        { name: 'Management events', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] },
        {
          name: 'S3 object writes',
          fieldSelectors: [
            { field: 'eventCategory', equals: ['Data'] },
            { field: 'resources.type', equals: ['AWS::S3::Object'] },
            { field: 'readOnly', equals: ['false'] },
          ],
        },
      ],
    },
    insightSelectors: [{ insightType: 'ApiCallRateInsight' }],
  },
});
add('AwsCloudTrailTrail', {
  id: arn('cloudtrail', EU, 'trail/eu-payments-audit-trail'),
  name: 'eu-payments-audit-trail',
  region: EU,
  attributes: {
    homeRegion: EU,
    isMultiRegionTrail: false,
    isOrganizationTrail: false,
    includeGlobalServiceEvents: false,
    logFileValidationEnabled: false,
    kmsKeyId: null,
    // Delivers to the central log-archive account's bucket.
    s3BucketName: 'acme-log-archive-eu',
    s3KeyPrefix: 'eu-payments',
    snsTopicArn: null,
    cloudWatchLogsLogGroupArn: null,
    cloudWatchLogsRoleArn: null,
    hasCustomEventSelectors: false,
    hasInsightSelectors: false,
    status: { isLogging: true, latestDeliveryTime: t('2026-10-31T23:52:03Z') },
    eventSelectors: {
      basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] }],
      advanced: [],
    },
    insightSelectors: null,
  },
});
for (const region of REGIONS) {
  add('AwsCloudTrailRegion', { id: arn('cloudtrail', region, 'trails'), name: region, region, attributes: {} });
}

const logGroup = (region: Region, name: string, a: Partial<LogGroupAttributes> & { creationTime: string }) =>
  add('AwsLogsLogGroup', {
    id: logGroupArn(region, name),
    name,
    region,
    attributes: {
      retentionInDays: a.retentionInDays ?? null,
      kmsKeyId: a.kmsKeyId ?? null,
      logGroupClass: 'STANDARD',
      storedBytes: a.storedBytes ?? null,
      creationTime: t(a.creationTime),
    },
  });
logGroup(US, TRAIL_LOG_GROUP, { retentionInDays: 365, kmsKeyId: KEY.cloudtrail, storedBytes: 51_539_607_552, creationTime: '2019-03-14T10:09:00Z' });
logGroup(US, 'vpc-flow-logs/prod-vpc', { retentionInDays: 90, storedBytes: 8_796_093_022, creationTime: '2021-02-01T10:05:00Z' });
logGroup(US, '/aws/lambda/orders-api', { retentionInDays: 30, storedBytes: 734_003_200, creationTime: '2022-05-09T14:20:00Z' });
logGroup(US, '/aws/lambda/legacy-report-generator', { storedBytes: 2_147_483_648, creationTime: '2019-10-02T08:10:00Z' });
logGroup(US, '/aws/lambda/public-status-page', { retentionInDays: 14, storedBytes: 12_582_912, creationTime: '2024-11-05T16:00:00Z' });
logGroup(US, '/aws/rds/instance/payments-db/postgresql', { storedBytes: 1_288_490_188, creationTime: '2022-05-10T09:30:00Z' });
logGroup(EU, '/aws/lambda/eu-webhook-handler', { retentionInDays: 400, kmsKeyId: KEY.euData, storedBytes: 104_857_600, creationTime: '2025-06-16T10:00:00Z' });

/** Metric filters and alarms on the CloudTrail log group for some CIS 4.x requirements, not all. */
const CIS_PATTERNS: { metric: string; pattern: string; alarm: 'notifying' | 'actions-disabled' | 'none' }[] = [
  {
    metric: 'UnauthorizedAPICalls',
    pattern:
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    alarm: 'notifying',
  },
  {
    metric: 'ConsoleSigninWithoutMFA',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    alarm: 'notifying',
  },
  {
    metric: 'RootAccountUsage',
    pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    alarm: 'notifying',
  },
  {
    metric: 'IAMPolicyChanges',
    pattern:
      '{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }',
    alarm: 'notifying',
  },
  {
    metric: 'CloudTrailConfigChanges',
    pattern:
      '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
    alarm: 'notifying',
  },
  {
    metric: 'SecurityGroupChanges',
    pattern:
      '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
    alarm: 'notifying',
  },
  {
    metric: 'NACLChanges',
    pattern:
      '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
    alarm: 'actions-disabled',
  },
  {
    metric: 'ConsoleAuthenticationFailures',
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    alarm: 'none',
  },
];
const kebab = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();

const metricFilters = (region: Region, group: string, filters: MetricFilter[]) =>
  add('AwsLogsMetricFilters', {
    id: arn('logs', region, `log-group:${group}:metric-filter`),
    name: group,
    region,
    attributes: { logGroupName: group, metricFilters: filters },
  });
metricFilters(
  US,
  TRAIL_LOG_GROUP,
  CIS_PATTERNS.map((p) => ({
    filterName: `cis-${kebab(p.metric)}`,
    filterPattern: p.pattern,
    metricTransformations: [{ metricName: p.metric, metricNamespace: 'CISBenchmark' }],
  })),
);
metricFilters(US, '/aws/lambda/orders-api', [
  { filterName: 'orders-api-errors', filterPattern: '{ $.level = "error" }', metricTransformations: [{ metricName: 'OrdersApiErrors', metricNamespace: 'Acme/OrdersApi' }] },
]);

const alarm = (region: Region, name: string, a: Partial<AlarmAttributes>) =>
  add('AwsCloudWatchAlarm', {
    id: arn('cloudwatch', region, `alarm:${name}`),
    name,
    region,
    attributes: {
      namespace: a.namespace ?? null,
      metricName: a.metricName ?? null,
      metrics: a.metrics ?? [],
      actionsEnabled: a.actionsEnabled ?? true,
      alarmActions: a.alarmActions ?? [],
      okActions: a.okActions ?? [],
      insufficientDataActions: [],
      stateValue: a.stateValue ?? 'OK',
    },
  });
for (const p of CIS_PATTERNS.filter((x) => x.alarm !== 'none')) {
  alarm(US, `cis-${kebab(p.metric)}`, {
    namespace: 'CISBenchmark',
    metricName: p.metric,
    actionsEnabled: p.alarm === 'notifying',
    alarmActions: [TOPIC.securityAlerts],
    stateValue: p.metric === 'UnauthorizedAPICalls' ? 'ALARM' : 'OK',
  });
}
alarm(US, 'orders-api-errors', { namespace: 'Acme/OrdersApi', metricName: 'OrdersApiErrors', stateValue: 'INSUFFICIENT_DATA' });
alarm(US, 'payments-db-high-cpu', {
  namespace: 'AWS/RDS',
  metricName: 'CPUUtilization',
  alarmActions: [TOPIC.securityAlerts],
  okActions: [TOPIC.securityAlerts],
});
alarm(EU, 'eu-webhook-handler-error-rate', {
  metrics: [
    { namespace: 'AWS/Lambda', metricName: 'Errors' },
    { namespace: 'AWS/Lambda', metricName: 'Invocations' },
  ],
  alarmActions: [TOPIC.euOps],
});

add('AwsCloudWatchAccountMonitoring', {
  id: `arn:aws:cloudwatch::${ACCOUNT}:account-monitoring`,
  name: ACCOUNT,
  region: 'global',
  attributes: {},
});

// AWS Config: recording everything in us-east-1; stopped, partial and on a custom role in eu-west-1.
add('AwsConfigRecorderRegion', {
  id: arn('config', US, 'configuration-recorders'),
  name: US,
  region: US,
  attributes: {
    recorders: [
      {
        name: 'default',
        arn: arn('config', US, `configuration-recorder/default/${hex('config-us', 16)}`),
        roleArn: roleArn('AWSServiceRoleForConfig'),
        allSupported: true,
        includeGlobalResourceTypes: true,
        recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
        resourceTypes: [],
        excludedResourceTypes: [],
      },
    ],
    recorderStatuses: [{ name: 'default', recording: true, lastStatus: 'Success', lastStatusChangeTime: t('2026-10-31T23:41:20Z') }],
  },
});
add('AwsConfigRecorderRegion', {
  id: arn('config', EU, 'configuration-recorders'),
  name: EU,
  region: EU,
  attributes: {
    recorders: [
      {
        name: 'default',
        arn: arn('config', EU, `configuration-recorder/default/${hex('config-eu', 16)}`),
        roleArn: roleArn('aws-config-role-eu'),
        allSupported: false,
        includeGlobalResourceTypes: false,
        recordingStrategy: 'INCLUSION_BY_RESOURCE_TYPES',
        resourceTypes: ['AWS::EC2::Instance', 'AWS::EC2::SecurityGroup', 'AWS::S3::Bucket'],
        excludedResourceTypes: [],
      },
    ],
    recorderStatuses: [{ name: 'default', recording: false, lastStatus: 'Success', lastStatusChangeTime: t('2026-02-11T09:03:00Z') }],
  },
});

// =============================================================================================
// Databases and storage: RDS, DynamoDB, EFS.

const rdsInstance = (
  region: Region,
  identifier: string,
  a: Omit<RdsDbInstanceAttributes, 'identifier' | 'status' | 'caCertificateIdentifier' | 'certificateValidTill'> & {
    ca?: string;
    certValidTill?: string;
  },
  tags: Record<string, string>,
) => {
  const { ca, certValidTill, ...attributes } = a;
  add('AwsRdsDbInstance', {
    id: arn('rds', region, `db:${identifier}`),
    name: identifier,
    region,
    tags,
    attributes: {
      identifier,
      status: 'available',
      ...attributes,
      caCertificateIdentifier: ca ?? 'rds-ca-rsa2048-g1',
      certificateValidTill: t(certValidTill ?? '2027-05-10T09:25:00Z'),
    },
  });
};

rdsInstance(
  US,
  'payments-db',
  {
    engine: 'postgres',
    engineVersion: '16.4',
    instanceClass: 'db.r6g.large',
    dbClusterIdentifier: null,
    readReplicaSource: null,
    storageEncrypted: true,
    kmsKeyId: KEY.ordersData,
    publiclyAccessible: false,
    multiAZ: true,
    autoMinorVersionUpgrade: true,
    backupRetentionPeriod: 14,
    deletionProtection: true,
    iamDatabaseAuthenticationEnabled: true,
    monitoringInterval: 60,
    enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
    copyTagsToSnapshot: true,
    masterUsername: 'payments_admin',
    port: 5432,
    vpcId: VPC.prod.id,
    parameterGroups: ['payments-postgres16'],
    transportParameters: { 'rds.force_ssl': '1' },
  },
  team('payments', 'production', { 'data-classification': 'confidential' }),
);
rdsInstance(
  US,
  'reporting-mysql',
  {
    engine: 'mysql',
    engineVersion: '8.0.35',
    instanceClass: 'db.t3.medium',
    dbClusterIdentifier: null,
    readReplicaSource: null,
    storageEncrypted: false,
    kmsKeyId: null,
    publiclyAccessible: true,
    multiAZ: false,
    autoMinorVersionUpgrade: false,
    backupRetentionPeriod: 0,
    deletionProtection: false,
    iamDatabaseAuthenticationEnabled: false,
    monitoringInterval: 0,
    enabledCloudwatchLogsExports: [],
    copyTagsToSnapshot: false,
    masterUsername: 'admin',
    port: 3306,
    vpcId: VPC.defaultUs.id,
    ca: 'rds-ca-2019',
    certValidTill: '2024-08-22T17:08:50Z',
    parameterGroups: ['default.mysql8.0'],
    transportParameters: {},
  },
  { team: 'finance', environment: 'production', 'cost-center': 'legacy' },
);
const auroraMember = (n: number, writer: boolean, monitoring: number, autoMinor: boolean) =>
  rdsInstance(
    US,
    `orders-aurora-instance-${n}`,
    {
      engine: 'aurora-mysql',
      engineVersion: '8.0.mysql_aurora.3.05.2',
      instanceClass: 'db.r6g.large',
      dbClusterIdentifier: 'orders-aurora',
      readReplicaSource: null,
      storageEncrypted: true,
      kmsKeyId: KEY.ordersData,
      publiclyAccessible: false,
      multiAZ: false,
      autoMinorVersionUpgrade: autoMinor,
      backupRetentionPeriod: 7,
      deletionProtection: true,
      iamDatabaseAuthenticationEnabled: false,
      monitoringInterval: monitoring,
      enabledCloudwatchLogsExports: [],
      copyTagsToSnapshot: true,
      masterUsername: 'admin',
      port: 3306,
      vpcId: VPC.prod.id,
      parameterGroups: ['default.aurora-mysql8.0'],
      transportParameters: null,
    },
    team('orders', 'production', { role: writer ? 'writer' : 'reader' }),
  );
auroraMember(1, true, 60, true);
auroraMember(2, false, 0, false);
for (const n of [1, 2, 3]) {
  rdsInstance(
    EU,
    `eu-analytics-pg-instance-${n}`,
    {
      engine: 'postgres',
      engineVersion: '15.5',
      instanceClass: 'db.m6gd.large',
      dbClusterIdentifier: 'eu-analytics-pg',
      readReplicaSource: null,
      storageEncrypted: true,
      kmsKeyId: KEY.euData,
      publiclyAccessible: false,
      multiAZ: false,
      autoMinorVersionUpgrade: false,
      backupRetentionPeriod: 7,
      deletionProtection: false,
      iamDatabaseAuthenticationEnabled: false,
      monitoringInterval: 0,
      enabledCloudwatchLogsExports: [],
      copyTagsToSnapshot: false,
      masterUsername: 'postgres',
      port: 5432,
      vpcId: VPC.euProd.id,
      parameterGroups: ['default.postgres15'],
      transportParameters: null,
    },
    team('data'),
  );
}

const rdsCluster = (region: Region, identifier: string, a: Omit<RdsDbClusterAttributes, 'identifier' | 'status'>, tags: Record<string, string>) =>
  add('AwsRdsDbCluster', {
    id: arn('rds', region, `cluster:${identifier}`),
    name: identifier,
    region,
    tags,
    attributes: { identifier, status: 'available', ...a },
  });
rdsCluster(
  US,
  'orders-aurora',
  {
    engine: 'aurora-mysql',
    engineVersion: '8.0.mysql_aurora.3.05.2',
    engineMode: 'provisioned',
    multiAZ: true,
    storageEncrypted: true,
    kmsKeyId: KEY.ordersData,
    deletionProtection: true,
    iamDatabaseAuthenticationEnabled: false,
    backtrackWindow: 86400,
    enabledCloudwatchLogsExports: ['audit', 'error', 'slowquery'],
    copyTagsToSnapshot: true,
    masterUsername: 'admin',
    port: 3306,
    backupRetentionPeriod: 7,
    autoMinorVersionUpgrade: null,
    publiclyAccessible: null,
    members: [
      { identifier: 'orders-aurora-instance-1', isWriter: true },
      { identifier: 'orders-aurora-instance-2', isWriter: false },
    ],
  },
  team('orders'),
);
rdsCluster(
  EU,
  'eu-analytics-pg',
  {
    engine: 'postgres',
    engineVersion: '15.5',
    engineMode: 'provisioned',
    multiAZ: true,
    storageEncrypted: true,
    kmsKeyId: KEY.euData,
    deletionProtection: false,
    iamDatabaseAuthenticationEnabled: false,
    backtrackWindow: null,
    enabledCloudwatchLogsExports: [],
    copyTagsToSnapshot: false,
    masterUsername: 'postgres',
    port: 5432,
    backupRetentionPeriod: 7,
    autoMinorVersionUpgrade: false,
    publiclyAccessible: false,
    members: [1, 2, 3].map((n) => ({ identifier: `eu-analytics-pg-instance-${n}`, isWriter: n === 1 })),
  },
  team('data'),
);

const rdsSnapshot = (region: Region, identifier: string, a: Omit<RdsDbSnapshotAttributes, 'identifier' | 'status'>, tags: Record<string, string>) =>
  add('AwsRdsDbSnapshot', {
    id: arn('rds', region, `${a.kind === 'cluster' ? 'cluster-snapshot' : 'snapshot'}:${identifier}`),
    name: identifier,
    region,
    tags,
    attributes: { identifier, status: 'available', ...a },
  });
rdsSnapshot(
  US,
  'rds:payments-db-2026-10-31-05-10',
  { kind: 'instance', snapshotType: 'automated', engine: 'postgres', encrypted: true, kmsKeyId: KEY.ordersData, sourceIdentifier: 'payments-db', createTime: t('2026-10-31T05:10:22Z'), restoreAccess: [] },
  team('payments'),
);
rdsSnapshot(
  US,
  'reporting-mysql-before-upgrade',
  { kind: 'instance', snapshotType: 'manual', engine: 'mysql', encrypted: false, kmsKeyId: null, sourceIdentifier: 'reporting-mysql', createTime: t('2025-09-14T20:00:00Z'), restoreAccess: ['all'] },
  { team: 'finance' },
);
rdsSnapshot(
  US,
  'rds:orders-aurora-2026-10-31-04-00',
  { kind: 'cluster', snapshotType: 'automated', engine: 'aurora-mysql', encrypted: true, kmsKeyId: KEY.ordersData, sourceIdentifier: 'orders-aurora', createTime: t('2026-10-31T04:00:41Z'), restoreAccess: [] },
  team('orders'),
);
rdsSnapshot(
  EU,
  'eu-analytics-pg-2026-q3',
  { kind: 'cluster', snapshotType: 'manual', engine: 'postgres', encrypted: true, kmsKeyId: KEY.euData, sourceIdentifier: 'eu-analytics-pg', createTime: t('2026-10-01T01:00:00Z'), restoreAccess: [DR_ACCOUNT] },
  team('data', 'production', { backup: 'quarterly' }),
);

const table = (region: Region, name: string, a: Omit<DynamoDbTableAttributes, 'tableStatus' | 'tags'>, tags: Record<string, string>) =>
  add('AwsDynamoDbTable', {
    id: arn('dynamodb', region, `table/${name}`),
    name,
    region,
    tags,
    attributes: { tableStatus: 'ACTIVE', ...a, tags },
  });
const pitr = (on: boolean) => ({
  continuousBackupsStatus: 'ENABLED',
  pointInTimeRecoveryStatus: on ? 'ENABLED' : 'DISABLED',
  recoveryPeriodInDays: on ? 35 : null,
});
table(US, 'orders', { sseType: 'KMS', kmsMasterKeyArn: KEY.ordersData, deletionProtectionEnabled: true, billingMode: 'PAY_PER_REQUEST', continuousBackups: pitr(true) }, team('orders'));
table(US, 'sessions', { sseType: 'DEFAULT', kmsMasterKeyArn: null, deletionProtectionEnabled: false, billingMode: 'PAY_PER_REQUEST', continuousBackups: pitr(false) }, team('web', 'production', { ttl: 'enabled' }));
table(
  EU,
  'eu-customer-profiles',
  { sseType: 'KMS', kmsMasterKeyArn: KEY.awsDynamoDbEu, deletionProtectionEnabled: true, billingMode: 'PROVISIONED', continuousBackups: pitr(false) },
  team('web', 'production', { 'data-classification': 'confidential' }),
);

const fsShared = ec2Id('fs', 'shared-media').replace('fs-0', 'fs-');
const fsScratch = ec2Id('fs', 'legacy-batch-scratch').replace('fs-0', 'fs-');
add('AwsEfsFileSystem', {
  id: arn('elasticfilesystem', US, `file-system/${fsShared}`),
  name: fsShared,
  region: US,
  tags: { Name: 'shared-media', ...team('web') },
  attributes: {
    encrypted: true,
    kmsKeyId: KEY.dataLake,
    availabilityZoneName: null,
    numberOfMountTargets: 2,
    lifeCycleState: 'available',
    backupPolicyStatus: 'ENABLED',
    policy: {
      Version: '2012-10-17',
      Id: 'efs-policy-wizard-shared-media',
      Statement: [
        {
          Sid: 'MountTargetAccessOnly',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
          Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
        },
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: { AWS: '*' }, Action: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    },
  },
});
add('AwsEfsFileSystem', {
  id: arn('elasticfilesystem', EU, `file-system/${fsScratch}`),
  name: fsScratch,
  region: EU,
  tags: { Name: 'legacy-batch-scratch', team: 'data', environment: 'production' },
  attributes: {
    encrypted: false,
    kmsKeyId: null,
    availabilityZoneName: 'eu-west-1a',
    numberOfMountTargets: 1,
    lifeCycleState: 'available',
    backupPolicyStatus: 'DISABLED',
    policy: null,
  },
});
const accessPoint = (seed: string, fs: string, path: string, posixUser: EfsAccessPointAttributes['posixUser'], name: string) => {
  const id = ec2Id('fsap', seed);
  add('AwsEfsAccessPoint', {
    id: arn('elasticfilesystem', US, `access-point/${id}`),
    name: id,
    region: US,
    tags: { Name: name, ...team('web') },
    attributes: { fileSystemId: fs, rootDirectoryPath: path, posixUser },
  });
};
accessPoint('uploads', fsShared, '/uploads', { uid: 1000, gid: 1000, secondaryGids: [] }, 'web-uploads');
accessPoint('admin', fsShared, '/', null, 'admin-full-access');

// =============================================================================================
// Lambda and Secrets Manager.

const secretArn = (region: Region, name: string) => arn('secretsmanager', region, `secret:${name}-${hex(`secret/${name}`, 6)}`);
const SECRET = {
  paymentsDbMaster: secretArn(US, `rds!db-${uuid('payments-db-secret')}`),
  stripe: secretArn(US, 'prod/orders-api/stripe-api-key'),
  ftp: secretArn(US, 'legacy/reporting-ftp-credentials'),
  webhook: secretArn(EU, 'eu/webhook-signing-key'),
};

const lambdaFn = (region: Region, name: string, a: Omit<LambdaFunctionAttributes, 'environmentVariableNames' | 'tags'>, tags: Record<string, string>, errors?: Init<LambdaFunctionAttributes>['errors']) =>
  add('AwsLambdaFunction', {
    id: functionArn(region, name),
    name,
    region,
    tags,
    attributes: { ...a, environmentVariableNames: Object.keys(a.environment), tags },
    ...(errors ? { errors } : {}),
  });
const invokePermission = (fn: string, service: string, condition: Record<string, Record<string, unknown>>, sid: string) => ({
  Version: '2012-10-17',
  Id: 'default',
  Statement: [{ Sid: sid, Effect: 'Allow', Principal: { Service: service }, Action: 'lambda:InvokeFunction', Resource: fn, Condition: condition }],
});
lambdaFn(
  US,
  'orders-api',
  {
    runtime: 'nodejs22.x',
    packageType: 'Zip',
    role: roleArn('lambda-orders-api-role'),
    vpcConfig: { vpcId: VPC.prod.id, subnetIds: [SUBNET.prodPrivateA.id, SUBNET.prodPrivateB.id], securityGroupIds: [SG.ordersApiLambda.id] },
    environment: { TABLE_NAME: 'orders', PAYMENTS_DB_SECRET_ARN: SECRET.paymentsDbMaster, POWERTOOLS_SERVICE_NAME: 'orders-api' },
    kmsKeyArn: KEY.ordersData,
    tracingMode: 'Active',
    deadLetterTargetArn: QUEUE.ordersDlq,
    layers: [arn('lambda', US, 'layer:acme-observability:14')],
    policy: invokePermission(
      functionArn(US, 'orders-api'),
      'apigateway.amazonaws.com',
      { ArnLike: { 'AWS:SourceArn': arn('execute-api', US, `${hex('apigw-orders', 10)}/*/*/orders`) } },
      'apigateway-invoke',
    ),
    functionUrls: [],
  },
  team('orders'),
);
lambdaFn(
  US,
  'legacy-report-generator',
  {
    runtime: 'python3.8',
    packageType: 'Zip',
    role: roleArn('legacy-report-generator-role'),
    vpcConfig: null,
    // Fake credentials from the AWS documentation: obviously not real, but they match the detector.
    environment: {
      DB_HOST: 'reporting-mysql.cexample0abc.us-east-1.rds.amazonaws.com',
      DB_USER: 'reporting_app',
      DB_PASSWORD: 'example-password-not-real',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
    kmsKeyArn: null,
    tracingMode: 'PassThrough',
    deadLetterTargetArn: null,
    layers: [arn('lambda', US, 'layer:LambdaInsightsExtension:52', LAMBDA_INSIGHTS_ACCOUNT)],
    policy: null, // not readable: see the error below
    functionUrls: [],
  },
  { team: 'finance', environment: 'production', 'cost-center': 'legacy' },
  {
    // Deliberate collection error: the scanning role may not read this function's policy.
    policy: {
      code: 'AccessDeniedException',
      message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/vigil-scanner/vigil is not authorized to perform: lambda:GetPolicy on resource: ${functionArn(US, 'legacy-report-generator')} because no identity-based policy allows the lambda:GetPolicy action`,
    },
  },
);
const statusPageUrl = `https://${hex('lambda-url-status-page', 32)}.lambda-url.us-east-1.on.aws/`;
lambdaFn(
  US,
  'public-status-page',
  {
    runtime: 'nodejs20.x',
    packageType: 'Zip',
    role: roleArn('legacy-report-generator-role'),
    vpcConfig: null,
    environment: {},
    kmsKeyArn: null,
    tracingMode: 'PassThrough',
    deadLetterTargetArn: null,
    layers: [],
    policy: {
      Version: '2012-10-17',
      Id: 'default',
      Statement: [
        {
          Sid: 'FunctionURLAllowPublicAccess',
          Effect: 'Allow',
          Principal: '*',
          Action: 'lambda:InvokeFunctionUrl',
          Resource: functionArn(US, 'public-status-page'),
          Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
        },
      ],
    },
    functionUrls: [{ url: statusPageUrl, authType: 'NONE', corsAllowOrigins: ['*'] }],
  },
  team('web'),
);
lambdaFn(
  US,
  'image-thumbnailer',
  {
    runtime: null,
    packageType: 'Image',
    role: roleArn('image-thumbnailer-role'),
    vpcConfig: null,
    environment: { OUTPUT_BUCKET: 'acme-web-assets', THUMBNAIL_SIZES: '128,512' },
    kmsKeyArn: null,
    tracingMode: 'Active',
    deadLetterTargetArn: TOPIC.securityAlerts,
    layers: [],
    policy: invokePermission(
      functionArn(US, 'image-thumbnailer'),
      's3.amazonaws.com',
      { StringEquals: { 'AWS:SourceAccount': ACCOUNT }, ArnLike: { 'AWS:SourceArn': bucketArn('acme-web-assets') } },
      's3-invoke',
    ),
    functionUrls: [
      { url: `https://${hex('lambda-url-thumbnailer', 32)}.lambda-url.us-east-1.on.aws/`, authType: 'AWS_IAM', corsAllowOrigins: ['https://admin.acme-corp.example'] },
    ],
  },
  team('web'),
);
lambdaFn(
  EU,
  'eu-webhook-handler',
  {
    runtime: 'python3.12',
    packageType: 'Zip',
    role: roleArn('lambda-orders-api-role'),
    vpcConfig: { vpcId: VPC.euProd.id, subnetIds: [SUBNET.euPrivateA.id], securityGroupIds: [SG.euWebhook.id] },
    environment: { SIGNING_KEY_SECRET_ARN: SECRET.webhook },
    kmsKeyArn: KEY.euData,
    tracingMode: 'Active',
    deadLetterTargetArn: TOPIC.euOps,
    layers: [],
    policy: invokePermission(
      functionArn(EU, 'eu-webhook-handler'),
      'apigateway.amazonaws.com',
      { ArnLike: { 'AWS:SourceArn': arn('execute-api', EU, `${hex('apigw-eu-webhooks', 10)}/*/POST/webhooks`) } },
      'apigateway-invoke',
    ),
    functionUrls: [],
  },
  team('web', 'production', { region: 'eu' }),
);

const secret = (region: Region, arnValue: string, name: string, a: SecretsManagerSecretAttributes, tags: Record<string, string>) =>
  add('AwsSecretsManagerSecret', { id: arnValue, name, region, tags, attributes: a });
secret(
  US,
  SECRET.paymentsDbMaster,
  `rds!db-${uuid('payments-db-secret')}`,
  {
    rotationEnabled: true,
    rotationAfterDays: 7,
    rotationSchedule: null,
    lastRotatedDate: t('2026-10-28T05:14:00Z'),
    lastAccessedDate: t('2026-10-31T00:00:00Z'),
    lastChangedDate: t('2026-10-28T05:14:00Z'),
    createdDate: t('2024-06-03T10:00:00Z'),
    kmsKeyId: null,
    owningService: 'rds',
    policy: null,
  },
  { 'aws:rds:primaryDBInstanceArn': arn('rds', US, 'db:payments-db') },
);
secret(
  US,
  SECRET.stripe,
  'prod/orders-api/stripe-api-key',
  {
    rotationEnabled: false,
    rotationAfterDays: null,
    rotationSchedule: null,
    lastRotatedDate: null,
    lastAccessedDate: t('2026-10-31T00:00:00Z'),
    lastChangedDate: t('2025-03-01T12:00:00Z'),
    createdDate: t('2025-03-01T12:00:00Z'),
    kmsKeyId: KEY.ordersData,
    owningService: null,
    policy: null,
  },
  team('orders'),
);
secret(
  US,
  SECRET.ftp,
  'legacy/reporting-ftp-credentials',
  {
    rotationEnabled: false,
    rotationAfterDays: null,
    rotationSchedule: null,
    lastRotatedDate: null,
    lastAccessedDate: t('2026-03-02T00:00:00Z'),
    lastChangedDate: t('2020-11-12T11:40:00Z'),
    createdDate: t('2020-11-12T11:40:00Z'),
    kmsKeyId: null,
    owningService: null,
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DrAccountRead',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${DR_ACCOUNT}:root` },
          Action: 'secretsmanager:GetSecretValue',
          Resource: '*',
        },
      ],
    },
  },
  { team: 'finance', 'cost-center': 'legacy' },
);
secret(
  EU,
  SECRET.webhook,
  'eu/webhook-signing-key',
  {
    rotationEnabled: true,
    rotationAfterDays: null,
    rotationSchedule: 'rate(30 days)',
    lastRotatedDate: t('2026-10-12T02:00:00Z'),
    lastAccessedDate: t('2026-10-31T00:00:00Z'),
    lastChangedDate: t('2026-10-12T02:00:00Z'),
    createdDate: t('2025-06-16T10:00:00Z'),
    kmsKeyId: KEY.globalSecretsReplica,
    owningService: null,
    policy: null,
  },
  team('web', 'production', { region: 'eu' }),
);

// =============================================================================================
// Security services, one resource per region: GuardDuty, Security Hub, Access Analyzer, Macie;
// and the organization.

const detectorId = hex('guardduty-us', 32);
const gdFeature = (status: string, additional: Record<string, string> = {}) => ({ status, additionalConfiguration: additional });
add('AwsGuardDutyDetector', {
  id: arn('guardduty', US, 'detectors'),
  name: `GuardDuty in ${US}`,
  region: US,
  attributes: {
    detectorIds: [detectorId],
    detector: {
      id: detectorId,
      status: 'ENABLED',
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      serviceRole: iamArn('role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty'),
      createdAt: '2021-03-02T09:12:44.112Z',
      updatedAt: '2026-07-14T16:20:03.881Z',
      features: {
        CLOUD_TRAIL: gdFeature('ENABLED'),
        DNS_LOGS: gdFeature('ENABLED'),
        FLOW_LOGS: gdFeature('ENABLED'),
        S3_DATA_EVENTS: gdFeature('ENABLED'),
        EKS_AUDIT_LOGS: gdFeature('DISABLED'),
        EBS_MALWARE_PROTECTION: gdFeature('ENABLED'),
        RDS_LOGIN_EVENTS: gdFeature('ENABLED'),
        LAMBDA_NETWORK_LOGS: gdFeature('DISABLED'),
        RUNTIME_MONITORING: gdFeature('DISABLED', { EKS_ADDON_MANAGEMENT: 'DISABLED', ECS_FARGATE_AGENT_MANAGEMENT: 'DISABLED', EC2_AGENT_MANAGEMENT: 'DISABLED' }),
      },
      dataSources: { s3Logs: 'ENABLED', kubernetesAuditLogs: 'DISABLED', ebsMalwareProtection: 'ENABLED' },
      tags: team('security'),
    },
    administrator: null,
    memberAccountIds: [DR_ACCOUNT, SHARED_ACCOUNT],
    highSeverityFindings: {
      count: 2,
      sampleIds: [hex('gd-finding-1', 32), hex('gd-finding-2', 32)],
    },
  },
});
add('AwsGuardDutyDetector', {
  id: arn('guardduty', EU, 'detectors'),
  name: `GuardDuty in ${EU}`,
  region: EU,
  attributes: { detectorIds: [], detector: null, administrator: null, memberAccountIds: null, highSeverityFindings: null },
});

add('AwsSecurityHubHub', {
  id: arn('securityhub', US, 'hub/default'),
  name: `Security Hub in ${US}`,
  region: US,
  attributes: {
    hub: { arn: arn('securityhub', US, 'hub/default'), subscribedAt: '2021-03-02T09:20:11.512Z', autoEnableControls: true, controlFindingGenerator: 'SECURITY_CONTROL' },
    enabledStandards: [
      {
        standardsArn: `arn:aws:securityhub:${US}::standards/aws-foundational-security-best-practices/v/1.0.0`,
        subscriptionArn: arn('securityhub', US, 'subscription/aws-foundational-security-best-practices/v/1.0.0'),
        status: 'READY',
      },
      {
        standardsArn: `arn:aws:securityhub:${US}::standards/cis-aws-foundations-benchmark/v/3.0.0`,
        subscriptionArn: arn('securityhub', US, 'subscription/cis-aws-foundations-benchmark/v/3.0.0'),
        status: 'READY',
      },
    ],
  },
});
add('AwsSecurityHubHub', {
  id: arn('securityhub', EU, 'hub/default'),
  name: `Security Hub in ${EU}`,
  region: EU,
  attributes: { hub: null, enabledStandards: null },
});

const orgAnalyzerArn = arn('access-analyzer', US, 'analyzer/acme-org-analyzer');
add('AwsAccessAnalyzerRegion', {
  id: arn('access-analyzer', US, 'analyzers'),
  name: `IAM Access Analyzer in ${US}`,
  region: US,
  attributes: {
    analyzers: [
      {
        arn: orgAnalyzerArn,
        name: 'acme-org-analyzer',
        type: 'ORGANIZATION',
        status: 'ACTIVE',
        createdAt: '2023-01-10T10:00:00.000Z',
        lastResourceAnalyzedAt: '2026-10-31T23:51:07.000Z',
        tags: team('security'),
      },
      {
        arn: arn('access-analyzer', US, 'analyzer/acme-unused-access'),
        name: 'acme-unused-access',
        type: 'ACCOUNT_UNUSED_ACCESS',
        status: 'ACTIVE',
        createdAt: '2024-02-05T10:00:00.000Z',
        lastResourceAnalyzedAt: '2026-10-31T12:00:00.000Z',
        tags: team('security'),
      },
    ],
    activeFindingCounts: { [orgAnalyzerArn]: 3 },
  },
});
add('AwsAccessAnalyzerRegion', {
  id: arn('access-analyzer', EU, 'analyzers'),
  name: `IAM Access Analyzer in ${EU}`,
  region: EU,
  attributes: { analyzers: [], activeFindingCounts: {} },
});

add('AwsMacieSession', {
  id: arn('macie2', US, 'session'),
  name: `Macie in ${US}`,
  region: US,
  attributes: {
    session: {
      status: 'ENABLED',
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      serviceRole: iamArn('role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie'),
      createdAt: '2023-02-07T10:00:00.000Z',
      updatedAt: '2026-05-11T08:00:00.000Z',
    },
    automatedDiscovery: { status: 'DISABLED', disabledAt: '2025-01-31T09:00:00.000Z', lastUpdatedAt: '2025-01-31T09:00:00.000Z' },
  },
});
add('AwsMacieSession', {
  id: arn('macie2', EU, 'session'),
  name: `Macie in ${EU}`,
  region: EU,
  attributes: { session: null, automatedDiscovery: null },
});

const ORG_ID = 'o-a1b2c3d4e5';
const ROOT_ID = 'r-a1b2';
add('AwsOrganization', {
  id: `arn:aws:organizations::${ACCOUNT}:organization`,
  name: ACCOUNT,
  region: 'global',
  attributes: {
    organization: {
      id: ORG_ID,
      arn: `arn:aws:organizations::${ACCOUNT}:organization/${ORG_ID}`,
      featureSet: 'ALL',
      managementAccountId: ACCOUNT,
      managementAccountArn: `arn:aws:organizations::${ACCOUNT}:account/${ORG_ID}/${ACCOUNT}`,
    },
    // Service control policies are on; tag policies were never enabled.
    rootPolicyTypes: { SERVICE_CONTROL_POLICY: 'ENABLED' },
    tagPolicies: [],
    serviceControlPolicies: [
      {
        id: 'p-FullAWSAccess',
        arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
        name: 'FullAWSAccess',
        awsManaged: true,
        targets: [{ id: ROOT_ID, type: 'ROOT', name: 'Root' }],
        content: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
      },
      {
        id: `p-${hex('scp-regions', 8)}`,
        arn: `arn:aws:organizations::${ACCOUNT}:policy/${ORG_ID}/service_control_policy/p-${hex('scp-regions', 8)}`,
        name: 'deny-unapproved-regions',
        awsManaged: false,
        targets: [{ id: ROOT_ID, type: 'ROOT', name: 'Root' }],
        content: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyOutsideApprovedRegions',
              Effect: 'Deny',
              NotAction: ['iam:*', 'organizations:*', 'route53:*', 'cloudfront:*', 'support:*', 'sts:*', 'budgets:*'],
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:RequestedRegion': [US, EU] } },
            },
          ],
        }),
      },
    ],
  },
});

// =============================================================================================
// Checks against the collectors, then the file.

const problems: string[] = [];
const knownTypes = new Set<string>(awsCollectors.map((c) => c.resourceType));
for (const type of byType.keys()) if (!knownTypes.has(type)) problems.push(`${type} is not produced by any collector`);
const seen = new Set<string>();
for (const c of awsCollectors) {
  const list = byType.get(c.resourceType) ?? [];
  if (list.length === 0) problems.push(`${c.resourceType} (collector ${c.id}) has no resource in the example`);
  const declared = new Set(Object.keys(c.attributes));
  for (const r of list) {
    const key = `${r.type} ${r.id}`;
    if (seen.has(key)) problems.push(`duplicate resource ${key}`);
    seen.add(key);
    for (const a of declared) {
      if (!(a in r.attributes) && !(a in r.errors)) problems.push(`${r.type} ${r.name} lacks attribute ${a}`);
    }
    for (const a of [...Object.keys(r.attributes), ...Object.keys(r.errors)]) {
      if (!declared.has(a)) problems.push(`${r.type} ${r.name} has attribute ${a}, which collector ${c.id} does not declare`);
    }
    const globalRegion = c.scope === 'global' && c.resourceType !== 'AwsS3Bucket';
    if (globalRegion ? r.region !== 'global' : !(REGIONS as readonly string[]).includes(r.region)) {
      problems.push(`${r.type} ${r.name} is in region ${r.region} (collector scope ${c.scope})`);
    }
  }
}
if (problems.length > 0) {
  console.error(`The example inventory does not match the collectors:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

const resources = awsCollectors.flatMap((c) => byType.get(c.resourceType) ?? []);
const inventory: Inventory = {
  vigilInventory: INVENTORY_VERSION,
  provider: 'aws',
  generatedAt: GENERATED_AT,
  accounts: [ACCOUNT],
  regions: [...REGIONS],
  collectedTypes: [...new Set(awsCollectors.map((c) => c.resourceType))],
  resources: resources as Inventory['resources'],
  failures: [],
};
const out = join(resolve(import.meta.dirname, '..'), 'examples', 'inventory.json');
await saveInventory(out, inventory);
console.log(`Wrote ${out}: ${resources.length} resources of ${inventory.collectedTypes.length} types.`);
