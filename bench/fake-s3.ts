import { createHash } from 'node:crypto';
import type { FakeHandler, FakeRequest } from '@vigil/aws/testing/fake-aws';
import { FakeError, FakeRaw, xmlEscape } from '@vigil/aws/testing/fake-aws';

/**
 * A simulated S3 estate answered the way S3 answers the SDK: ListBuckets page by page
 * (max-buckets / continuation-token, with each bucket's region), the per-bucket Get*
 * configuration reads as REST-XML (GetBucketPolicy as the raw policy JSON), every
 * "not configured" as S3's own 404 error code, and the account-level Block Public Access
 * through S3 Control. A bucket-level read signed for another region than the bucket's
 * is refused with PermanentRedirect (301), as S3 does, and counted.
 *
 * The configurations are a deterministic mix (bucket index modulo small numbers), and
 * `expectedFindings` derives from the same specs, independently of the checks' code,
 * how many buckets each S3 check should FAIL (and mark MANUAL), so a scan's figures can
 * be compared with what the estate holds.
 */

export interface S3EstateSize {
  buckets: number;
  /** Regions the buckets are spread over, round-robin in name order. */
  regions: readonly string[];
  /** Most buckets per ListBuckets page, whatever max-buckets asks (S3 allows 10 000). */
  pageSize?: number;
}

export type Encryption = 'none' | 'AES256' | 'aws:kms' | 'aws:kms+key';
export type BucketBlock = 'none' | 'partial' | 'all';

/** What one simulated bucket holds. */
export interface BucketSpec {
  name: string;
  region: string;
  created: string;
  encryption: Encryption;
  /** Bucket-level Block Public Access: not configured, BlockPublicAcls only, or all four. */
  block: BucketBlock;
  /** Public ACL grant (group and permission), if any. */
  publicAcl?: { group: 'AllUsers' | 'AuthenticatedUsers'; permission: 'READ' | 'WRITE' };
  logDeliveryAcl: boolean;
  /** Object Ownership, or undefined when never set (OwnershipControlsNotFoundError). */
  ownership?: 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';
  policy?: {
    denyInsecureTransport: boolean;
    publicRead: boolean;
    publicWrite: boolean;
    crossAccount: boolean;
    /** Principal "*" narrowed by aws:SourceVpce: neither public nor cross-account. */
    vpceOnly: boolean;
  };
  versioning: 'never' | 'Enabled' | 'Suspended';
  mfaDelete: boolean;
  objectLock?: { retentionDays?: number };
  logging: boolean;
  /** undefined: no lifecycle configuration; otherwise whether its rule is enabled. */
  lifecycle?: { enabled: boolean };
  /** Replication destination bucket name, if any. */
  replicateTo?: string;
  notifications: { topic: boolean; queue: boolean; eventBridge: boolean };
  tags: boolean;
}

export interface S3Estate {
  handlers: Record<string, FakeHandler>;
  buckets: BucketSpec[];
  /** Account-level Block Public Access (S3 Control), null when not configured. */
  accountBlock: AccountBlock | null;
  /** Bucket-level reads signed for the wrong region (answered PermanentRedirect). */
  readonly wrongRegion: number;
}

export interface AccountBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const S3CONTROL_NS = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const OTHER_ACCOUNT = '210987654321';
const PURPOSES = ['app-assets', 'data-lake', 'backups', 'web-static', 'ml-training', 'exports', 'audit'];

/** `<name>escaped text</name>` */
const leaf = (name: string, value: string | number | boolean) => `<${name}>${xmlEscape(String(value))}</${name}>`;
/** `<name>already-XML children</name>` (`<name/>` when empty). */
const el = (name: string, ...children: (string | false | undefined)[]) => {
  const inner = children.filter(Boolean).join('');
  return inner ? `<${name}>${inner}</${name}>` : `<${name}/>`;
};
/** A response root element with S3's namespace. */
const root = (name: string, ns: string, ...children: (string | false | undefined)[]) => {
  const inner = children.filter(Boolean).join('');
  return inner ? `<${name} xmlns="${ns}">${inner}</${name}>` : `<${name} xmlns="${ns}"/>`;
};

const notFound = (code: string, message: string) => new FakeError(code, message, 404);

/** The bucket specs of an estate of `size.buckets` buckets (deterministic). */
export function s3Buckets(size: S3EstateSize): BucketSpec[] {
  const n = size.buckets;
  const R = size.regions.length;
  const name = (i: number) => `acme-${String(i).padStart(4, '0')}-${PURPOSES[i % PURPOSES.length]}`;
  return Array.from({ length: n }, (_, i): BucketSpec => {
    const hasPolicy = i % 3 !== 0;
    const publicAcl =
      i % 10 === 3 ? ({ group: 'AllUsers', permission: 'READ' } as const) : i % 30 === 7 ? ({ group: 'AuthenticatedUsers', permission: 'WRITE' } as const) : undefined;
    const logDeliveryAcl = i % 10 === 9;
    // ACL grants only matter while ACLs are enabled: such buckets are not BucketOwnerEnforced.
    const ownership = publicAcl || logDeliveryAcl ? (i % 2 ? 'ObjectWriter' : 'BucketOwnerPreferred') : i % 3 === 0 ? undefined : 'BucketOwnerEnforced';
    const versioning = i % 4 === 0 ? 'Enabled' : i % 4 === 1 ? 'Suspended' : 'never';
    // Replication needs versioning (i % 12 === 0 ⊂ i % 4 === 0): to the next bucket (another region),
    // to a bucket of the same region, or to a bucket outside the account.
    const replicateTo =
      i % 12 !== 0 ? undefined : i % 36 === 0 ? name((i + R) % n) : i % 36 === 12 ? 'partner-dr-archive' : name((i + 1) % n);
    return {
      name: name(i),
      region: size.regions[i % R] as string,
      created: new Date(Date.UTC(2019, 0, 1) + i * 86_400_000).toISOString(),
      encryption: (['none', 'AES256', 'aws:kms', 'aws:kms+key', 'aws:kms+key'] as const)[i % 5] as Encryption,
      block: i % 4 === 0 ? 'none' : i % 4 === 1 ? 'partial' : 'all',
      ...(publicAcl ? { publicAcl } : {}),
      logDeliveryAcl,
      ...(ownership ? { ownership } : {}),
      ...(hasPolicy
        ? {
            policy: {
              // Index classes chosen so that some of each kind sit behind bucket-level Block
              // Public Access (i % 4 === 2 or 3) and some do not.
              denyInsecureTransport: i % 3 === 1 || i % 4 === 2,
              publicRead: i % 12 === 2 || i % 24 === 8,
              publicWrite: i % 24 === 14 || i % 24 === 17,
              crossAccount: i % 12 === 5,
              vpceOnly: i % 24 === 20,
            },
          }
        : {}),
      versioning,
      mfaDelete: i % 16 === 0,
      ...(i % 8 === 0 ? { objectLock: i % 16 === 0 ? { retentionDays: 30 } : {} } : {}),
      logging: i % 3 !== 0,
      ...(i % 2 === 1 ? { lifecycle: { enabled: i % 10 !== 5 } } : {}),
      ...(replicateTo ? { replicateTo } : {}),
      notifications: { topic: i % 5 === 0, queue: i % 7 === 0, eventBridge: i % 5 === 1 },
      tags: i % 2 === 0,
    };
  });
}

function policyJson(b: BucketSpec, account: string): string | undefined {
  const p = b.policy;
  if (!p) return undefined;
  const arn = `arn:aws:s3:::${b.name}`;
  const statements: Record<string, unknown>[] = [
    {
      Sid: 'AllowAppRoleRead',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:role/app-reader` },
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: [arn, `${arn}/*`],
    },
  ];
  if (p.denyInsecureTransport) {
    statements.push({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  }
  if (p.publicRead) statements.push({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${arn}/*` });
  if (p.publicWrite) {
    statements.push({ Sid: 'PublicUpload', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:PutObject', 's3:PutObjectAcl'], Resource: `${arn}/uploads/*` });
  }
  if (p.crossAccount) {
    statements.push({
      Sid: 'PartnerRead',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
      Action: ['s3:GetObject'],
      Resource: `${arn}/*`,
    });
  }
  if (p.vpceOnly) {
    statements.push({
      Sid: 'VpcEndpointOnly',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${arn}/*`,
      Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } },
    });
  }
  // S3 returns the policy as stored: compact JSON.
  return JSON.stringify({ Version: '2012-10-17', Id: `${b.name}-policy`, Statement: statements });
}

const blockXml = (c: AccountBlock, rootName: string, ns: string) =>
  root(
    rootName,
    ns,
    leaf('BlockPublicAcls', c.blockPublicAcls),
    leaf('IgnorePublicAcls', c.ignorePublicAcls),
    leaf('BlockPublicPolicy', c.blockPublicPolicy),
    leaf('RestrictPublicBuckets', c.restrictPublicBuckets),
  );

export function s3Estate(size: S3EstateSize, account = '123456789012', accountBlock: AccountBlock | null = PARTIAL_ACCOUNT_BLOCK): S3Estate {
  const buckets = s3Buckets(size);
  const byName = new Map(buckets.map((b) => [b.name, b]));
  const pageSize = size.pageSize ?? 10_000;
  // The account's canonical user id (64 hex digits).
  const ownerId = createHash('sha256').update(account).digest('hex');
  const state = { wrongRegion: 0 };

  /** The bucket a request addresses (path-style), or the S3 error to answer with. */
  const bucketOf = (req: FakeRequest): BucketSpec | FakeError => {
    const name = decodeURIComponent(req.path.split('/').filter(Boolean)[0] ?? '');
    const b = byName.get(name);
    if (!b) return notFound('NoSuchBucket', 'The specified bucket does not exist');
    if (req.region !== b.region) {
      state.wrongRegion++;
      return new FakeError(
        'PermanentRedirect',
        'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
        301,
      );
    }
    return b;
  };
  /** A handler for a bucket-level read. */
  const read =
    (answer: (b: BucketSpec) => string | FakeRaw | FakeError): FakeHandler =>
    (req) => {
      const b = bucketOf(req);
      return b instanceof FakeError ? b : answer(b);
    };

  const listBuckets: FakeHandler = (req) => {
    const prefix = req.query.get('prefix') ?? '';
    const region = req.query.get('bucket-region');
    const matching = buckets.filter((b) => b.name.startsWith(prefix) && (!region || b.region === region));
    const max = Math.min(pageSize, Number(req.query.get('max-buckets') ?? 10_000));
    const token = req.query.get('continuation-token');
    // The token is opaque to the caller: here, the base64 of the last name returned.
    const after = token ? Buffer.from(token, 'base64').toString('utf8') : '';
    const start = after ? matching.findIndex((b) => b.name > after) : 0;
    const page = start < 0 ? [] : matching.slice(start, start + max);
    const last = page.at(-1);
    const more = start >= 0 && start + max < matching.length && last;
    return root(
      'ListAllMyBucketsResult',
      S3_NS,
      el('Owner', leaf('ID', ownerId)),
      el(
        'Buckets',
        ...page.map((b) => el('Bucket', leaf('Name', b.name), leaf('CreationDate', b.created), leaf('BucketRegion', b.region))),
      ),
      more && leaf('ContinuationToken', Buffer.from(last.name, 'utf8').toString('base64')),
      prefix && leaf('Prefix', prefix),
    );
  };

  const grant = (grantee: string, permission: string) => el('Grant', grantee, leaf('Permission', permission));
  const canonical = (id: string) => `<Grantee xmlns:xsi="${XSI}" xsi:type="CanonicalUser">${leaf('ID', id)}</Grantee>`;
  const group = (uri: string) => `<Grantee xmlns:xsi="${XSI}" xsi:type="Group">${leaf('URI', uri)}</Grantee>`;

  const handlers: Record<string, FakeHandler> = {
    's3:ListBuckets': listBuckets,
    // S3 answers GetBucketLocation for any bucket from us-east-1 (the collector only asks
    // when ListBuckets gives no BucketRegion, which this estate always gives).
    's3:GetBucketLocation': (req) => {
      const name = decodeURIComponent(req.path.split('/').filter(Boolean)[0] ?? '');
      const b = byName.get(name);
      if (!b) return notFound('NoSuchBucket', 'The specified bucket does not exist');
      return b.region === 'us-east-1' ? root('LocationConstraint', S3_NS) : `<LocationConstraint xmlns="${S3_NS}">${b.region}</LocationConstraint>`;
    },
    's3:GetBucketPolicy': read((b) => {
      const json = policyJson(b, account);
      return json ? new FakeRaw(json) : notFound('NoSuchBucketPolicy', 'The bucket policy does not exist');
    }),
    's3:GetBucketPolicyStatus': read((b) =>
      b.policy
        ? root('PolicyStatus', S3_NS, leaf('IsPublic', b.policy.publicRead || b.policy.publicWrite))
        : notFound('NoSuchBucketPolicy', 'The bucket policy does not exist'),
    ),
    's3:GetBucketAcl': read((b) =>
      root(
        'AccessControlPolicy',
        S3_NS,
        el('Owner', leaf('ID', ownerId)),
        el(
          'AccessControlList',
          grant(canonical(ownerId), 'FULL_CONTROL'),
          b.publicAcl && grant(group(`http://acs.amazonaws.com/groups/global/${b.publicAcl.group}`), b.publicAcl.permission),
          b.logDeliveryAcl && grant(group('http://acs.amazonaws.com/groups/s3/LogDelivery'), 'WRITE'),
          b.logDeliveryAcl && grant(group('http://acs.amazonaws.com/groups/s3/LogDelivery'), 'READ_ACP'),
        ),
      ),
    ),
    's3:GetPublicAccessBlock': read((b) =>
      b.block === 'none'
        ? notFound('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found')
        : blockXml(
            b.block === 'all'
              ? { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }
              : { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
            'PublicAccessBlockConfiguration',
            S3_NS,
          ),
    ),
    's3:GetBucketEncryption': read((b) => {
      if (b.encryption === 'none') {
        return notFound('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found');
      }
      const algorithm = b.encryption === 'AES256' ? 'AES256' : 'aws:kms';
      const key = b.encryption === 'aws:kms+key' && `arn:aws:kms:${b.region}:${account}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
      return root(
        'ServerSideEncryptionConfiguration',
        S3_NS,
        el(
          'Rule',
          el('ApplyServerSideEncryptionByDefault', leaf('SSEAlgorithm', algorithm), key && leaf('KMSMasterKeyID', key)),
          leaf('BucketKeyEnabled', algorithm === 'aws:kms'),
        ),
      );
    }),
    's3:GetBucketVersioning': read((b) =>
      // A bucket whose versioning was never enabled answers with an empty configuration.
      b.versioning === 'never'
        ? root('VersioningConfiguration', S3_NS)
        : root('VersioningConfiguration', S3_NS, leaf('Status', b.versioning), leaf('MfaDelete', b.mfaDelete ? 'Enabled' : 'Disabled')),
    ),
    's3:GetBucketLogging': read((b) =>
      b.logging
        ? root(
            'BucketLoggingStatus',
            S3_NS,
            el('LoggingEnabled', leaf('TargetBucket', `acme-access-logs-${account}-${b.region}`), leaf('TargetPrefix', `${b.name}/`)),
          )
        : root('BucketLoggingStatus', S3_NS),
    ),
    's3:GetBucketOwnershipControls': read((b) =>
      b.ownership
        ? root('OwnershipControls', S3_NS, el('Rule', leaf('ObjectOwnership', b.ownership)))
        : notFound('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found'),
    ),
    's3:GetObjectLockConfiguration': read((b) =>
      b.objectLock
        ? root(
            'ObjectLockConfiguration',
            S3_NS,
            leaf('ObjectLockEnabled', 'Enabled'),
            b.objectLock.retentionDays !== undefined &&
              el('Rule', el('DefaultRetention', leaf('Mode', 'GOVERNANCE'), leaf('Days', b.objectLock.retentionDays))),
          )
        : notFound('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket'),
    ),
    's3:GetBucketLifecycleConfiguration': read((b) =>
      b.lifecycle
        ? root(
            'LifecycleConfiguration',
            S3_NS,
            el(
              'Rule',
              leaf('ID', 'archive-then-expire'),
              el('Filter', leaf('Prefix', '')),
              leaf('Status', b.lifecycle.enabled ? 'Enabled' : 'Disabled'),
              el('Transition', leaf('Days', 30), leaf('StorageClass', 'STANDARD_IA')),
              el('Expiration', leaf('Days', 365)),
              el('NoncurrentVersionExpiration', leaf('NoncurrentDays', 90)),
              el('AbortIncompleteMultipartUpload', leaf('DaysAfterInitiation', 7)),
            ),
          )
        : notFound('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist'),
    ),
    's3:GetBucketReplication': read((b) =>
      b.replicateTo
        ? root(
            'ReplicationConfiguration',
            S3_NS,
            leaf('Role', `arn:aws:iam::${account}:role/s3-replication`),
            el(
              'Rule',
              leaf('ID', 'dr-copy'),
              leaf('Priority', 1),
              el('Filter'),
              leaf('Status', 'Enabled'),
              el('DeleteMarkerReplication', leaf('Status', 'Disabled')),
              el('Destination', leaf('Bucket', `arn:aws:s3:::${b.replicateTo}`), leaf('StorageClass', 'STANDARD_IA')),
            ),
          )
        : notFound('ReplicationConfigurationNotFoundError', 'The replication configuration was not found'),
    ),
    's3:GetBucketTagging': read((b) =>
      b.tags
        ? root(
            'Tagging',
            S3_NS,
            el('TagSet', el('Tag', leaf('Key', 'team'), leaf('Value', 'platform')), el('Tag', leaf('Key', 'bucket'), leaf('Value', b.name))),
          )
        : notFound('NoSuchTagSet', 'The TagSet does not exist'),
    ),
    's3:GetBucketNotificationConfiguration': read((b) => {
      const n = b.notifications;
      const events = leaf('Event', 's3:ObjectCreated:*');
      return root(
        'NotificationConfiguration',
        S3_NS,
        n.topic && el('TopicConfiguration', leaf('Id', 'new-objects'), leaf('Topic', `arn:aws:sns:${b.region}:${account}:s3-events`), events),
        n.queue && el('QueueConfiguration', leaf('Id', 'ingest'), leaf('Queue', `arn:aws:sqs:${b.region}:${account}:s3-ingest`), events),
        n.eventBridge && el('EventBridgeConfiguration'),
      );
    }),
    // S3 Control GetPublicAccessBlock (routed by the fake as GetAccountPublicAccessBlock).
    's3:GetAccountPublicAccessBlock': (req) => {
      const asked = String(req.headers['x-amz-account-id'] ?? '');
      if (asked !== account) return new FakeError('AccessDenied', `Access denied for account ${asked || '(none)'}`, 403);
      return accountBlock
        ? blockXml(accountBlock, 'PublicAccessBlockConfiguration', S3CONTROL_NS)
        : notFound('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
    },
  };
  return {
    handlers,
    buckets,
    accountBlock,
    get wrongRegion() {
      return state.wrongRegion;
    },
  };
}

/** Account-level Block Public Access with public ACLs and policies blocked for new grants, but existing ones honoured. */
export const PARTIAL_ACCOUNT_BLOCK: AccountBlock = {
  blockPublicAcls: true,
  ignorePublicAcls: false,
  blockPublicPolicy: true,
  restrictPublicBuckets: false,
};

/**
 * FAIL (and MANUAL) counts each S3 check should report for the estate, worked out from the
 * bucket specs with the checks' documented rules, not with their code.
 */
export function expectedFindings(estate: Pick<S3Estate, 'buckets' | 'accountBlock'>): Record<string, { FAIL: number; MANUAL?: number }> {
  const { buckets, accountBlock: acct } = estate;
  const count = (f: (b: BucketSpec) => boolean) => buckets.filter(f).length;
  const ignoresAcls = (b: BucketSpec) => b.block === 'all' || acct?.ignorePublicAcls === true;
  const restrictsPolicy = (b: BucketSpec) => b.block === 'all' || acct?.restrictPublicBuckets === true;
  const bucketSetting = (b: BucketSpec, s: keyof AccountBlock) => b.block === 'all' || (b.block === 'partial' && s === 'blockPublicAcls');
  const publicPolicy = (b: BucketSpec) => Boolean(b.policy && (b.policy.publicRead || b.policy.publicWrite));
  const regionOf = new Map(buckets.map((b) => [b.name, b.region]));
  const acctMissing = !acct || !Object.values(acct).every(Boolean);
  return {
    s3_account_level_public_access_blocks: { FAIL: acctMissing ? 1 : 0 },
    s3_bucket_acl_prohibited: { FAIL: count((b) => b.ownership !== 'BucketOwnerEnforced') },
    s3_bucket_cross_account_access: { FAIL: count((b) => Boolean(b.policy && (b.policy.crossAccount || publicPolicy(b)))) },
    s3_bucket_cross_region_replication: {
      FAIL: count((b) => !b.replicateTo || regionOf.get(b.replicateTo) === b.region),
      MANUAL: count((b) => Boolean(b.replicateTo && !regionOf.has(b.replicateTo))),
    },
    s3_bucket_default_encryption: { FAIL: count((b) => b.encryption === 'none') },
    s3_bucket_event_notifications_enabled: { FAIL: count((b) => !b.notifications.topic && !b.notifications.queue && !b.notifications.eventBridge) },
    s3_bucket_kms_encryption: { FAIL: count((b) => b.encryption === 'none' || b.encryption === 'AES256') },
    s3_bucket_level_public_access_block: {
      FAIL: count((b) => (['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] as const).some((s) => !bucketSetting(b, s) && acct?.[s] !== true)),
    },
    s3_bucket_lifecycle_enabled: { FAIL: count((b) => !b.lifecycle?.enabled) },
    s3_bucket_no_mfa_delete: { FAIL: count((b) => !(b.versioning !== 'never' && b.mfaDelete)) },
    s3_bucket_object_lock: { FAIL: count((b) => !b.objectLock) },
    s3_bucket_object_versioning: { FAIL: count((b) => b.versioning !== 'Enabled') },
    s3_bucket_policy_public_write_access: { FAIL: count((b) => Boolean(b.policy?.publicWrite) && !restrictsPolicy(b)) },
    s3_bucket_public_access: {
      FAIL: count((b) => (Boolean(b.publicAcl) && !ignoresAcls(b)) || (publicPolicy(b) && !restrictsPolicy(b))),
    },
    s3_bucket_public_list_acl: { FAIL: count((b) => b.publicAcl?.permission === 'READ' && !ignoresAcls(b)) },
    s3_bucket_public_write_acl: { FAIL: count((b) => b.publicAcl?.permission === 'WRITE' && !ignoresAcls(b)) },
    s3_bucket_secure_transport_policy: { FAIL: count((b) => !b.policy?.denyInsecureTransport) },
    s3_bucket_server_access_logging_enabled: { FAIL: count((b) => !b.logging) },
  };
}
