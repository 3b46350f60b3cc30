/**
 * Synthetic engine findings for the platform benchmark: deterministic (finding `i` is
 * always the same), with service, severity and status drawn independently from skewed
 * distributions close to a real AWS account's, so that a filter like
 * "status=FAIL, severity in (critical, high), service=s3" selects about 1 % of the rows
 * (instead of `makeFinding`'s cycles, where those three fields move together).
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity, Status } from '@vigil/engine';

/** Services and their share of findings (sums to 1). */
const SERVICES: ReadonlyArray<readonly [string, number]> = [
  ['iam', 0.2],
  ['ec2', 0.2],
  ['s3', 0.15],
  ['vpc', 0.1],
  ['rds', 0.08],
  ['kms', 0.06],
  ['cloudtrail', 0.05],
  ['lambda', 0.05],
  ['cloudwatch', 0.04],
  ['sns', 0.03],
  ['sqs', 0.02],
  ['guardduty', 0.02],
];
const SEVERITIES: ReadonlyArray<readonly [Severity, number]> = [
  ['critical', 0.05],
  ['high', 0.2],
  ['medium', 0.35],
  ['low', 0.3],
  ['informational', 0.1],
];
const STATUSES: ReadonlyArray<readonly [Status, number]> = [
  ['FAIL', 0.3],
  ['PASS', 0.6],
  ['MANUAL', 0.05],
  ['ERROR', 0.05],
];
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
/** Words of the messages; "unencrypted" is in about 2 % of them, "wildcard" in about 0.5 %. */
const PROBLEMS = ['is publicly accessible', 'has logging disabled', 'has no lifecycle policy', 'lacks tags'];

/** Expected share of rows matched by the benchmark's filtered page. */
export const FILTER_SHARE = 0.3 * (0.05 + 0.2) * 0.15;

/** A small, fast, seedable PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(table: ReadonlyArray<readonly [T, number]>, r: number): T {
  let acc = 0;
  for (const [value, share] of table) {
    acc += share;
    if (r < acc) return value;
  }
  const last = table[table.length - 1];
  if (!last) throw new Error('empty table');
  return last[0];
}

/** Finding number `i` of an account. */
export function benchFinding(i: number, account: string, timestamp: string): Finding {
  const r = rng(i * 2654435761 + 17);
  const service = pick(SERVICES, r());
  const severity = pick(SEVERITIES, r());
  const status = pick(STATUSES, r());
  const region = REGIONS[Math.floor(r() * REGIONS.length)] ?? 'us-east-1';
  const checkNo = Math.floor(r() * 30);
  const checkId = `aws_${service}_check_${checkNo}`;
  const u = r();
  const problem = u < 0.02 ? 'is unencrypted' : u < 0.025 ? 'grants a wildcard principal' : (PROBLEMS[Math.floor(u * 1000) % PROBLEMS.length] ?? '');
  const resourceName = `${service}-resource-${Math.floor(i / 7)}`;
  const resourceId = `arn:aws:${service}:${region}:${account}:thing/${resourceName}`;
  return {
    // The engine's id shape (32 hex digits of a SHA-256); `i` keeps every finding distinct.
    id: createHash('sha256').update(`${checkId}\u0000${resourceId}\u0000${i}`).digest('hex').slice(0, 32),
    checkId,
    status,
    message: `${service.toUpperCase()} resource ${resourceName} ${problem}.`,
    severity,
    check: {
      id: checkId,
      provider: 'aws',
      service,
      title: `Check ${checkId}`,
      severity,
      resourceType: 'AwsThing',
      categories: [],
      description: 'A benchmark check.',
      risk: 'None.',
      remediation: { recommendation: 'None.' },
    },
    provider: 'aws',
    account,
    region,
    resource: { id: resourceId, name: resourceName, type: 'AwsThing', region, tags: {} },
    compliance: { cis_3_0_aws: [`${(i % 5) + 1}.${i % 7}`] },
    muted: false,
    timestamp,
  };
}

/** Findings `from` (inclusive) to `to` (exclusive) of an account. */
export function benchFindings(from: number, to: number, account: string, timestamp: string): Finding[] {
  const out: Finding[] = new Array<Finding>(to - from);
  for (let i = from; i < to; i++) out[i - from] = benchFinding(i, account, timestamp);
  return out;
}
