/**
 * Which CloudTrail management events change which resource Vigil evaluates: a table from
 * `eventSource` + `eventName` to the resource type our collectors emit, where the
 * resource's name is in the event, and in which region the collector finds it.
 *
 * Every reference is normalized to the resource's **name as our collectors emit it**
 * (bucket name, security group id, instance id, user name, key id, trail name, DB
 * instance identifier, function name), so that an event that gives an ARN and one that
 * gives a name coalesce into one rescan. docs/events.md holds this table (a test keeps
 * it in sync with {@link eventMapMarkdown}).
 */

/** The `detail` of an EventBridge "AWS API Call via CloudTrail" event (the fields we read). */
export interface CloudTrailDetail {
  eventID?: string;
  eventSource?: string;
  eventName?: string;
  awsRegion?: string;
  recipientAccountId?: string;
  errorCode?: string;
  userIdentity?: { type?: string; userName?: string; arn?: string; accountId?: string };
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
}

/**
 * Where the collector finds the resource: `global` for collectors that run once per
 * account (S3 buckets, IAM), `event` for regional ones (the event's `awsRegion`).
 */
export type RegionRule = 'global' | 'event';

export interface AwsEventMapping {
  eventSource: string;
  /** CloudTrail's name without the API version suffix Lambda adds (`AddPermission20150331v2`). */
  eventName: string;
  resourceType: string;
  /** Where the name comes from, as written in the docs. */
  from: string;
  region: RegionRule;
  /** The names of the resources the event changed (usually one). */
  extract(d: CloudTrailDetail): string[];
}

/** A resource an event asks to re-read. */
export interface AwsEventTarget {
  resourceType: string;
  /** The resource's name as the collector emits it. */
  name: string;
  /** An AWS region, or `global`. */
  region: string;
}

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

/** A field of `requestParameters` or `responseElements`, along a path. */
function field(d: CloudTrailDetail, where: 'requestParameters' | 'responseElements', ...path: string[]): string | undefined {
  let v: unknown = d[where];
  for (const p of path) v = obj(v)?.[p];
  return str(v);
}

const some = (...values: (string | undefined)[]): string[] => [...new Set(values.filter((v): v is string => v !== undefined))];

/** `arn:aws:kms:…:key/<id>` or `<id>` → `<id>`. */
const kmsKeyId = (ref: string | undefined) => ref?.replace(/^arn:[^:]+:kms:[^:]*:[^:]*:key\//, '');
/** `arn:aws:cloudtrail:…:trail/<name>` or `<name>` → `<name>`. */
const trailName = (ref: string | undefined) => ref?.replace(/^arn:[^:]+:cloudtrail:[^:]*:[^:]*:trail\//, '');
/** A function name, a partial ARN (`123456789012:function:name`) or an ARN, with or without qualifier → the name. */
const functionName = (ref: string | undefined) => {
  if (!ref) return undefined;
  const m = /(?:^|:)function:([^:]+)/.exec(ref);
  return m?.[1] ?? ref.split(':')[0];
};
/** An RDS ARN (`arn:aws:rds:…:db:<id>`) or identifier → the identifier. */
const dbIdentifier = (ref: string | undefined) => ref?.replace(/^arn:[^:]+:rds:[^:]*:[^:]*:db:/, '');

const s3 = (eventName: string): AwsEventMapping => ({
  eventSource: 's3.amazonaws.com',
  eventName,
  resourceType: 'AwsS3Bucket',
  from: 'requestParameters.bucketName',
  region: 'global',
  extract: (d) => some(field(d, 'requestParameters', 'bucketName')),
});

const iamUser = (eventName: string, from = 'requestParameters.userName'): AwsEventMapping => ({
  eventSource: 'iam.amazonaws.com',
  eventName,
  resourceType: 'AwsIamUser',
  from,
  region: 'global',
  extract: (d) => some(field(d, 'requestParameters', 'userName')),
});

const kms = (eventName: string): AwsEventMapping => ({
  eventSource: 'kms.amazonaws.com',
  eventName,
  resourceType: 'AwsKmsKey',
  from: 'requestParameters.keyId (key id or ARN → key id)',
  region: 'event',
  extract: (d) => some(kmsKeyId(field(d, 'requestParameters', 'keyId'))),
});

const trail = (eventName: string): AwsEventMapping => ({
  eventSource: 'cloudtrail.amazonaws.com',
  eventName,
  resourceType: 'AwsCloudTrailTrail',
  from: 'requestParameters.name (name or ARN → name)',
  region: 'event',
  extract: (d) => some(trailName(field(d, 'requestParameters', 'name'))),
});

const securityGroup = (eventName: string, from: string, extract: (d: CloudTrailDetail) => string | undefined): AwsEventMapping => ({
  eventSource: 'ec2.amazonaws.com',
  eventName,
  resourceType: 'AwsEc2SecurityGroup',
  from,
  region: 'event',
  extract: (d) => some(extract(d)),
});

/** The table. Order is the order of the docs. */
export const AWS_EVENT_MAP: readonly AwsEventMapping[] = [
  s3('PutBucketPolicy'),
  s3('DeleteBucketPolicy'),
  s3('PutBucketAcl'),
  s3('PutBucketPublicAccessBlock'),
  s3('DeleteBucketPublicAccessBlock'),
  // CloudTrail records DeleteBucketPublicAccessBlock; the IAM-style name is kept for events relayed under it.
  s3('DeletePublicAccessBlock'),
  s3('PutBucketEncryption'),
  s3('DeleteBucketEncryption'),
  securityGroup('AuthorizeSecurityGroupIngress', 'requestParameters.groupId', (d) => field(d, 'requestParameters', 'groupId')),
  securityGroup('RevokeSecurityGroupIngress', 'requestParameters.groupId', (d) => field(d, 'requestParameters', 'groupId')),
  securityGroup('CreateSecurityGroup', 'responseElements.groupId', (d) => field(d, 'responseElements', 'groupId')),
  {
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ModifyInstanceMetadataOptions',
    resourceType: 'AwsEc2Instance',
    from: 'requestParameters.ModifyInstanceMetadataOptionsRequest.InstanceId',
    region: 'event',
    extract: (d) =>
      some(field(d, 'requestParameters', 'ModifyInstanceMetadataOptionsRequest', 'InstanceId'), field(d, 'responseElements', 'ModifyInstanceMetadataOptionsResponse', 'instanceId')),
  },
  iamUser('CreateUser'),
  {
    ...iamUser('CreateAccessKey', 'requestParameters.userName, else the calling IAM user (userIdentity.userName)'),
    // Without userName, the key is the caller's own.
    extract: (d) => some(field(d, 'requestParameters', 'userName') ?? (d.userIdentity?.type === 'IAMUser' ? str(d.userIdentity.userName) : undefined)),
  },
  iamUser('AttachUserPolicy'),
  iamUser('PutUserPolicy'),
  iamUser('DeactivateMFADevice'),
  {
    eventSource: 'iam.amazonaws.com',
    eventName: 'UpdateAccountPasswordPolicy',
    resourceType: 'AwsAccount',
    from: 'recipientAccountId (the account itself)',
    region: 'global',
    extract: (d) => some(str(d.recipientAccountId)),
  },
  kms('DisableKeyRotation'),
  kms('ScheduleKeyDeletion'),
  trail('StopLogging'),
  trail('DeleteTrail'),
  trail('UpdateTrail'),
  {
    eventSource: 'rds.amazonaws.com',
    eventName: 'ModifyDBInstance',
    resourceType: 'AwsRdsDbInstance',
    from: 'requestParameters.dBInstanceIdentifier (and newDBInstanceIdentifier on a rename)',
    region: 'event',
    extract: (d) => some(dbIdentifier(field(d, 'requestParameters', 'dBInstanceIdentifier')), field(d, 'requestParameters', 'newDBInstanceIdentifier')),
  },
  {
    eventSource: 'lambda.amazonaws.com',
    eventName: 'AddPermission',
    resourceType: 'AwsLambdaFunction',
    from: 'requestParameters.functionName (name, partial ARN or ARN → name)',
    region: 'event',
    extract: (d) => some(functionName(field(d, 'requestParameters', 'functionName'))),
  },
  {
    eventSource: 'lambda.amazonaws.com',
    eventName: 'CreateFunctionUrlConfig',
    resourceType: 'AwsLambdaFunction',
    from: 'requestParameters.functionName (name, partial ARN or ARN → name)',
    region: 'event',
    extract: (d) => some(functionName(field(d, 'requestParameters', 'functionName'))),
  },
];

const BY_KEY = new Map(AWS_EVENT_MAP.map((m) => [`${m.eventSource} ${m.eventName}`, m]));

/** Lambda's CloudTrail names carry the API version: `AddPermission20150331v2` → `AddPermission`. */
export function baseEventName(eventName: string): string {
  return eventName.replace(/\d{8}(v\d+)?$/, '');
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** Longer than any AWS resource name: not a name. */
const MAX_NAME = 1024;

/** Why an event maps to no rescan. */
export type IgnoreReason = 'unmapped_event' | 'failed_call' | 'no_resource';

/** The resources an event asks to re-read, or why it asks for none. */
export function mapAwsEvent(d: CloudTrailDetail): { targets: AwsEventTarget[] } | { ignored: IgnoreReason } {
  const m = BY_KEY.get(`${str(d.eventSource) ?? ''} ${baseEventName(str(d.eventName) ?? '')}`);
  if (!m) return { ignored: 'unmapped_event' };
  // A call that failed changed nothing.
  if (d.errorCode) return { ignored: 'failed_call' };
  const awsRegion = str(d.awsRegion);
  const region = m.region === 'global' ? 'global' : awsRegion && REGION.test(awsRegion) ? awsRegion : undefined;
  const names = m.extract(d).filter((n) => n.length <= MAX_NAME);
  if (!region || names.length === 0) return { ignored: 'no_resource' };
  return { targets: names.map((name) => ({ resourceType: m.resourceType, name, region })) };
}

/** The table as Markdown, for docs/events.md. */
export function eventMapMarkdown(): string {
  const rows = AWS_EVENT_MAP.map((m) => `| \`${m.eventSource}\` | \`${m.eventName}\` | \`${m.resourceType}\` | ${m.from} | ${m.region === 'global' ? 'global (once per account)' : 'the event\'s `awsRegion`'} |`);
  return ['| eventSource | eventName | resource type | resource name from | region |', '|---|---|---|---|---|', ...rows].join('\n');
}

/**
 * The EventBridge rule pattern that sends exactly the mapped events (Lambda's names are
 * matched by prefix: CloudTrail appends the API version). For docs/events.md.
 */
export function eventBridgePattern(): Record<string, unknown> {
  const sources = [...new Set(AWS_EVENT_MAP.map((m) => m.eventSource))];
  const names = AWS_EVENT_MAP.map((m) => (m.eventSource === 'lambda.amazonaws.com' ? { prefix: m.eventName } : m.eventName));
  return { source: sources.map((s) => `aws.${s.split('.')[0]}`), 'detail-type': ['AWS API Call via CloudTrail'], detail: { eventSource: sources, eventName: names } };
}
