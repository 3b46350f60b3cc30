import { below, hex, pick, unit } from './random.ts';

/** A seeded cloud resource, shaped like the resources our AWS collectors produce. */
export interface SeedResource {
  /** The ARN (the collectors' resource id). */
  uid: string;
  name: string;
  /** Resource type, as in the check catalogue (`AwsEc2Instance`). */
  type: string;
  /** Service of the collector that produces it (`ec2` for a VPC, `iam` for the account). */
  service: string;
  /** A region of the account, or `global` for account-wide resources. */
  region: string;
  tags: Record<string, string>;
}

/** Where a kind of resource lives: once per account, once per region, or any number per region. */
type Scope = 'account' | 'region' | 'many';

interface ResourceKind {
  type: string;
  service: string;
  scope: Scope;
  /** Relative frequency among the `many` kinds. */
  weight?: number;
  /** Global kinds are not in a region (IAM); their region is `global`. */
  global?: boolean;
  /** The ARN and name of resource number `n` of this kind; `w` draws words from the seed. */
  make(a: { account: string; region: string; n: number; w: (salt: number) => number }): { uid: string; name: string };
}

const WORDS = ['payments', 'orders', 'billing', 'identity', 'search', 'catalog', 'ledger', 'reports', 'ingest', 'notify', 'checkout', 'profile'];
const ROLES = ['api', 'worker', 'web', 'batch', 'etl', 'cron', 'gateway', 'cache'];
const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar', 'peggy', 'trent'];
const ENVIRONMENTS = ['prod', 'staging', 'dev'];
const TEAMS = ['platform', 'data', 'web', 'security', 'mobile'];

const word = (w: (salt: number) => number, salt: number) => WORDS[w(salt) % WORDS.length] as string;
const role = (w: (salt: number) => number, salt: number) => ROLES[w(salt) % ROLES.length] as string;
const ec2 = (region: string, account: string, path: string) => `arn:aws:ec2:${region}:${account}:${path}`;

/**
 * The resource kinds the check catalogue evaluates, with ARNs and names built the way
 * the collectors in `packages/aws/src/collectors` build them.
 */
export const RESOURCE_KINDS: readonly ResourceKind[] = [
  // Once per account.
  { type: 'AwsAccount', service: 'iam', scope: 'account', global: true, make: ({ account }) => ({ uid: `arn:aws:iam::${account}:root`, name: account }) },
  {
    type: 'AwsCloudWatchAccountMonitoring',
    service: 'cloudwatch',
    scope: 'account',
    global: true,
    make: ({ account }) => ({ uid: `arn:aws:cloudwatch::${account}:account-monitoring`, name: account }),
  },
  {
    type: 'AwsS3AccountPublicAccessBlock',
    service: 's3',
    scope: 'account',
    global: true,
    make: ({ account }) => ({ uid: `arn:aws:s3::${account}:public-access-block`, name: account }),
  },
  {
    type: 'AwsOrganization',
    service: 'organizations',
    scope: 'account',
    global: true,
    make: ({ account }) => ({ uid: `arn:aws:organizations:us-east-1:${account}:organization`, name: account }),
  },
  // Once per region.
  { type: 'AwsEc2RegionalSettings', service: 'ec2', scope: 'region', make: ({ account, region }) => ({ uid: ec2(region, account, 'regional-settings'), name: `${account}/${region}` }) },
  { type: 'AwsCloudTrailRegion', service: 'cloudtrail', scope: 'region', make: ({ account, region }) => ({ uid: `arn:aws:cloudtrail:${region}:${account}:trails`, name: region }) },
  {
    type: 'AwsConfigRecorderRegion',
    service: 'config',
    scope: 'region',
    make: ({ account, region }) => ({ uid: `arn:aws:config:${region}:${account}:configuration-recorders`, name: region }),
  },
  {
    type: 'AwsAccessAnalyzerRegion',
    service: 'accessanalyzer',
    scope: 'region',
    make: ({ account, region }) => ({ uid: `arn:aws:access-analyzer:${region}:${account}:analyzers`, name: `IAM Access Analyzer in ${region}` }),
  },
  {
    type: 'AwsGuardDutyDetector',
    service: 'guardduty',
    scope: 'region',
    make: ({ account, region }) => ({ uid: `arn:aws:guardduty:${region}:${account}:detectors`, name: `GuardDuty in ${region}` }),
  },
  { type: 'AwsMacieSession', service: 'macie', scope: 'region', make: ({ account, region }) => ({ uid: `arn:aws:macie2:${region}:${account}:session`, name: `Macie in ${region}` }) },
  {
    type: 'AwsSecurityHubHub',
    service: 'securityhub',
    scope: 'region',
    make: ({ account, region }) => ({ uid: `arn:aws:securityhub:${region}:${account}:hub/default`, name: `Security Hub in ${region}` }),
  },
  // Any number.
  {
    type: 'AwsEc2Instance',
    service: 'ec2',
    scope: 'many',
    weight: 10,
    make: ({ account, region, w }) => {
      const id = `i-${hex(17, w(1))}`;
      return { uid: ec2(region, account, `instance/${id}`), name: id };
    },
  },
  {
    type: 'AwsEc2SecurityGroup',
    service: 'ec2',
    scope: 'many',
    weight: 12,
    make: ({ account, region, w }) => {
      const id = `sg-${hex(17, w(1))}`;
      return { uid: ec2(region, account, `security-group/${id}`), name: id };
    },
  },
  {
    type: 'AwsEc2Volume',
    service: 'ec2',
    scope: 'many',
    weight: 9,
    make: ({ account, region, w }) => {
      const id = `vol-${hex(17, w(1))}`;
      return { uid: ec2(region, account, `volume/${id}`), name: id };
    },
  },
  {
    type: 'AwsEc2Snapshot',
    service: 'ec2',
    scope: 'many',
    weight: 6,
    make: ({ region, w }) => {
      const id = `snap-${hex(17, w(1))}`;
      return { uid: `arn:aws:ec2:${region}::snapshot/${id}`, name: id };
    },
  },
  {
    type: 'AwsEc2Image',
    service: 'ec2',
    scope: 'many',
    weight: 2,
    make: ({ region, w }) => {
      const id = `ami-${hex(17, w(1))}`;
      return { uid: `arn:aws:ec2:${region}::image/${id}`, name: id };
    },
  },
  {
    type: 'AwsEc2Eip',
    service: 'ec2',
    scope: 'many',
    weight: 2,
    make: ({ account, region, w }) => ({
      uid: ec2(region, account, `elastic-ip/eipalloc-${hex(17, w(1))}`),
      name: `${52 + (w(2) % 3)}.${w(3) % 256}.${w(4) % 256}.${w(5) % 256}`,
    }),
  },
  {
    type: 'AwsEc2LaunchTemplate',
    service: 'ec2',
    scope: 'many',
    weight: 2,
    make: ({ account, region, n, w }) => ({ uid: ec2(region, account, `launch-template/lt-${hex(17, w(1))}`), name: `${word(w, 2)}-${role(w, 3)}-${n}` }),
  },
  {
    type: 'AwsEc2NetworkAcl',
    service: 'ec2',
    scope: 'many',
    weight: 3,
    make: ({ account, region, w }) => {
      const id = `acl-${hex(17, w(1))}`;
      return { uid: ec2(region, account, `network-acl/${id}`), name: id };
    },
  },
  {
    type: 'AwsEc2Vpc',
    service: 'ec2',
    scope: 'many',
    weight: 2,
    make: ({ account, region, w }) => {
      const id = `vpc-${hex(17, w(1))}`;
      return { uid: ec2(region, account, `vpc/${id}`), name: id };
    },
  },
  {
    type: 'AwsEc2Subnet',
    service: 'ec2',
    scope: 'many',
    weight: 6,
    make: ({ account, region, w }) => {
      const id = `subnet-${hex(17, w(1))}`;
      return { uid: ec2(region, account, `subnet/${id}`), name: id };
    },
  },
  {
    type: 'AwsEc2VpcPeeringConnection',
    service: 'ec2',
    scope: 'many',
    weight: 1,
    make: ({ account, region, w }) => {
      const id = `pcx-${hex(17, w(1))}`;
      return { uid: ec2(region, account, `vpc-peering-connection/${id}`), name: id };
    },
  },
  {
    type: 'AwsLambdaFunction',
    service: 'awslambda',
    scope: 'many',
    weight: 8,
    make: ({ account, region, n, w }) => {
      const name = `${word(w, 1)}-${role(w, 2)}-${n}`;
      return { uid: `arn:aws:lambda:${region}:${account}:function:${name}`, name };
    },
  },
  {
    type: 'AwsDynamoDbTable',
    service: 'dynamodb',
    scope: 'many',
    weight: 3,
    make: ({ account, region, n, w }) => {
      const name = `${word(w, 1)}-${pick(ENVIRONMENTS, w(2))}-${n}`;
      return { uid: `arn:aws:dynamodb:${region}:${account}:table/${name}`, name };
    },
  },
  {
    type: 'AwsSnsTopic',
    service: 'sns',
    scope: 'many',
    weight: 3,
    make: ({ account, region, n, w }) => {
      const name = `${word(w, 1)}-events-${n}`;
      return { uid: `arn:aws:sns:${region}:${account}:${name}`, name };
    },
  },
  {
    type: 'AwsSqsQueue',
    service: 'sqs',
    scope: 'many',
    weight: 3,
    make: ({ account, region, n, w }) => {
      const name = `${word(w, 1)}-${role(w, 2)}-queue-${n}`;
      return { uid: `arn:aws:sqs:${region}:${account}:${name}`, name };
    },
  },
  {
    type: 'AwsLogsLogGroup',
    service: 'cloudwatch',
    scope: 'many',
    weight: 8,
    make: ({ account, region, n, w }) => {
      const name = `/aws/lambda/${word(w, 1)}-${role(w, 2)}-${n}`;
      return { uid: `arn:aws:logs:${region}:${account}:log-group:${name}`, name };
    },
  },
  {
    type: 'AwsCloudWatchAlarm',
    service: 'cloudwatch',
    scope: 'many',
    weight: 4,
    make: ({ account, region, n, w }) => {
      const name = `${word(w, 1)}-${pick(['high-cpu', 'errors', 'latency-p99', 'throttles'], w(2))}-${n}`;
      return { uid: `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`, name };
    },
  },
  {
    type: 'AwsEfsFileSystem',
    service: 'efs',
    scope: 'many',
    weight: 1,
    make: ({ account, region, w }) => {
      const id = `fs-${hex(17, w(1))}`;
      return { uid: `arn:aws:elasticfilesystem:${region}:${account}:file-system/${id}`, name: id };
    },
  },
  {
    type: 'AwsEfsAccessPoint',
    service: 'efs',
    scope: 'many',
    weight: 1,
    make: ({ account, region, w }) => {
      const id = `fsap-${hex(17, w(1))}`;
      return { uid: `arn:aws:elasticfilesystem:${region}:${account}:access-point/${id}`, name: id };
    },
  },
  {
    type: 'AwsKmsKey',
    service: 'kms',
    scope: 'many',
    weight: 3,
    make: ({ account, region, w }) => {
      const h = hex(32, w(1));
      const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
      return { uid: `arn:aws:kms:${region}:${account}:key/${id}`, name: id };
    },
  },
  {
    type: 'AwsRdsDbInstance',
    service: 'rds',
    scope: 'many',
    weight: 3,
    make: ({ account, region, n, w }) => {
      const name = `${word(w, 1)}-${pick(ENVIRONMENTS, w(2))}-db-${n}`;
      return { uid: `arn:aws:rds:${region}:${account}:db:${name}`, name };
    },
  },
  {
    type: 'AwsRdsDbCluster',
    service: 'rds',
    scope: 'many',
    weight: 1,
    make: ({ account, region, n, w }) => {
      const name = `${word(w, 1)}-aurora-${n}`;
      return { uid: `arn:aws:rds:${region}:${account}:cluster:${name}`, name };
    },
  },
  {
    type: 'AwsRdsDbSnapshot',
    service: 'rds',
    scope: 'many',
    weight: 3,
    make: ({ account, region, n, w }) => {
      const name = `${word(w, 1)}-db-snapshot-${n}`;
      return { uid: `arn:aws:rds:${region}:${account}:snapshot:${name}`, name };
    },
  },
  {
    type: 'AwsSecretsManagerSecret',
    service: 'secretsmanager',
    scope: 'many',
    weight: 3,
    make: ({ account, region, n, w }) => {
      const name = `${pick(ENVIRONMENTS, w(1))}/${word(w, 2)}/credentials-${n}`;
      return { uid: `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${hex(6, w(3))}`, name };
    },
  },
  {
    type: 'AwsCloudTrailTrail',
    service: 'cloudtrail',
    scope: 'many',
    weight: 1,
    make: ({ account, region, n }) => {
      const name = `management-events-${n}`;
      return { uid: `arn:aws:cloudtrail:${region}:${account}:trail/${name}`, name };
    },
  },
  {
    type: 'AwsS3Bucket',
    service: 's3',
    scope: 'many',
    weight: 8,
    make: ({ account, n, w }) => {
      const name = `${word(w, 1)}-${pick(['assets', 'logs', 'backups', 'exports', 'artifacts'], w(2))}-${account}-${n}`;
      return { uid: `arn:aws:s3:::${name}`, name };
    },
  },
  {
    type: 'AwsIamUser',
    service: 'iam',
    scope: 'many',
    weight: 5,
    global: true,
    make: ({ account, n, w }) => {
      const name = `${pick(PEOPLE, w(1))}.${n}`;
      return { uid: `arn:aws:iam::${account}:user/${name}`, name };
    },
  },
  {
    type: 'AwsIamRole',
    service: 'iam',
    scope: 'many',
    weight: 8,
    global: true,
    make: ({ account, n, w }) => {
      const name = `${word(w, 1)}-${role(w, 2)}-role-${n}`;
      return { uid: `arn:aws:iam::${account}:role/${name}`, name };
    },
  },
  {
    type: 'AwsIamGroup',
    service: 'iam',
    scope: 'many',
    weight: 1,
    global: true,
    make: ({ account, n, w }) => {
      const name = `${pick(TEAMS, w(1))}-${n}`;
      return { uid: `arn:aws:iam::${account}:group/${name}`, name };
    },
  },
  {
    type: 'AwsIamPolicy',
    service: 'iam',
    scope: 'many',
    weight: 4,
    global: true,
    make: ({ account, n, w }) => {
      const name = `${word(w, 1)}-${pick(['read', 'write', 'admin', 'deploy'], w(2))}-${n}`;
      return { uid: `arn:aws:iam::${account}:policy/${name}`, name };
    },
  },
  {
    type: 'AwsIamInlinePolicy',
    service: 'iam',
    scope: 'many',
    weight: 3,
    global: true,
    make: ({ account, n, w }) => {
      const principal = `${word(w, 1)}-${role(w, 2)}-role`;
      const policy = `inline-${pick(['s3', 'sqs', 'kms', 'logs'], w(3))}-${n}`;
      return { uid: `arn:aws:iam::${account}:role/${principal}/inline-policy/${policy}`, name: `${principal}/${policy}` };
    },
  },
  {
    type: 'AwsIamServerCertificate',
    service: 'iam',
    scope: 'many',
    weight: 1,
    global: true,
    make: ({ account, n, w }) => {
      const name = `${word(w, 1)}-tls-${n}`;
      return { uid: `arn:aws:iam::${account}:server-certificate/${name}`, name };
    },
  },
];

const ACCOUNT_KINDS = RESOURCE_KINDS.filter((k) => k.scope === 'account');
const REGION_KINDS = RESOURCE_KINDS.filter((k) => k.scope === 'region');
const MANY_KINDS = RESOURCE_KINDS.filter((k) => k.scope === 'many');
const TOTAL_WEIGHT = MANY_KINDS.reduce((s, k) => s + (k.weight ?? 1), 0);

/** Resources that exist once per account and once per region, before any of the `many` kinds. */
function singletonCount(regions: number): number {
  return ACCOUNT_KINDS.length + REGION_KINDS.length * regions;
}

/** Commercial regions the seeded accounts use. */
export const SEED_REGIONS = [
  'us-east-1',
  'eu-west-1',
  'us-west-2',
  'eu-central-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'us-east-2',
  'eu-west-2',
  'ca-central-1',
  'sa-east-1',
] as const;

/**
 * Resource number `index` of an account: first the account's singletons (account, then
 * each region), then a weighted mix of the other kinds across the account's regions.
 * A pure function of its arguments.
 */
export function resourceAt(seed: number, providerIndex: number, account: string, regions: readonly string[], index: number): SeedResource {
  const w = (salt: number) => Math.floor(unit(seed, providerIndex, index, salt) * 0x1_0000_0000);
  let kind: ResourceKind;
  let region: string;
  if (index < ACCOUNT_KINDS.length) {
    kind = ACCOUNT_KINDS[index] as ResourceKind;
    region = 'global';
  } else if (index < singletonCount(regions.length)) {
    const k = index - ACCOUNT_KINDS.length;
    kind = REGION_KINDS[k % REGION_KINDS.length] as ResourceKind;
    region = regions[Math.floor(k / REGION_KINDS.length)] as string;
  } else {
    let r = below(TOTAL_WEIGHT, seed, providerIndex, index, 101);
    kind = MANY_KINDS[MANY_KINDS.length - 1] as ResourceKind;
    for (const k of MANY_KINDS) {
      r -= k.weight ?? 1;
      if (r < 0) {
        kind = k;
        break;
      }
    }
    region = kind.global ? 'global' : pick(regions, seed, providerIndex, index, 102);
  }
  // `n` (the resource's number) keeps generated names unique within the account.
  const made = kind.make({ account, region: region === 'global' ? 'us-east-1' : region, n: index, w });
  return {
    uid: made.uid,
    name: made.name,
    type: kind.type,
    service: kind.service,
    region,
    tags: kind.scope === 'many' ? { Environment: pick(ENVIRONMENTS, w(90)), Team: pick(TEAMS, w(91)) } : {},
  };
}
