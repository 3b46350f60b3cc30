/**
 * Scan benchmark: whole scans through the real SDK clients, against an in-process fake AWS
 * endpoint that adds a fixed latency to every call and throttles above a per-service quota.
 * Prints figures; asserts nothing.
 *
 *   1. EC2 network checks over a large network estate in 6 regions (few, big paginated calls).
 *   2. S3 checks over a bucket estate spread over the same regions: eleven enrichment calls
 *      per bucket, each sent to the bucket's region, under the engine's per-region S3 rate
 *      limit (50 req/s × 6 regions = 300 req/s, burst 50 per region), against a fake whose S3
 *      quota (per calendar second, all regions together) is below what those bursts reach, so
 *      it answers some calls with SlowDown (503) and the adaptive back-off shows in the figures.
 *      The FAIL counts per check are then compared with what the fake estate holds.
 *
 *   npm run bench            (or: node bench/scan.bench.ts)
 *   BENCH_LATENCY_MS, BENCH_S3_BUCKETS and BENCH_S3_QUOTA override the defaults.
 *
 * At the default S3 quota only bursts are throttled: the opening one always (the S3 scan starts
 * on a second boundary, so its first second holds about 6 × 50 + 300 calls), later ones by
 * chance, so the throttled count and the wall time vary from run to run. A quota below
 * 300 req/s throttles steadily (BENCH_S3_QUOTA=200 BENCH_S3_BUCKETS=600: about 2–3 minutes,
 * against about 21 s with no throttling at all).
 */
import type { Check, ScanUnit, Status } from '@vigil/engine';
import { planScan, runScan, selectChecks } from '@vigil/engine';
import { awsChecks, awsCollectors, awsRateFor, awsScanUnits, resolveAwsSession } from '@vigil/aws';
import type { FakeHandler } from '@vigil/aws/testing/fake-aws';
import { startFakeAws } from '@vigil/aws/testing/fake-aws';
import { ec2Estate } from './fake-ec2.ts';
import { expectedFindings, s3Estate } from './fake-s3.ts';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];

process.env.AWS_ACCESS_KEY_ID = 'AKIDBENCH';
process.env.AWS_SECRET_ACCESS_KEY = 'bench';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

interface Scenario {
  title: string;
  estate: string;
  checks: Check[];
  handlers: Record<string, FakeHandler>;
  quotaPerSecond: number;
  /** The service whose per-region engine rate limit bounds the scan. */
  service: string;
  /**
   * Start the scan just after a second boundary, so the opening burst meets the fake's
   * per-second quota window the same way in every run.
   */
  alignToSecond?: boolean;
}

interface Figures {
  seconds: number;
  checks: number;
  collectors: number;
  units: number;
  resources: number;
  findings: number;
  byStatus: Record<Status, number>;
  /** checkId → status → count */
  perCheck: Map<string, Record<Status, number>>;
  apiCalls: number;
  throttles: number;
  retries: number;
  unitErrors: string[];
  fake: { calls: number; throttled: number; refused: Map<string, number> };
}

async function runScenario(s: Scenario): Promise<Figures> {
  const fake = await startFakeAws({ latencyMs: LATENCY_MS, quotaPerSecond: s.quotaPerSecond, regions: REGIONS, handlers: s.handlers });
  try {
    const { session } = await resolveAwsSession({ endpointUrl: fake.url, homeRegion: 'us-east-1' });
    const plan = planScan(s.checks, awsCollectors);
    const units: ScanUnit[] = awsScanUnits(plan.collectors, [{ session, regions: REGIONS }]);
    const byStatus: Record<Status, number> = { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 };
    const perCheck = new Map<string, Record<Status, number>>();
    const f: Omit<Figures, 'seconds' | 'fake'> = {
      checks: s.checks.length,
      collectors: plan.collectors.length,
      units: units.length,
      resources: 0,
      findings: 0,
      byStatus,
      perCheck,
      apiCalls: 0,
      throttles: 0,
      retries: 0,
      unitErrors: [],
    };
    if (s.alignToSecond) await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000)));
    const started = performance.now();
    for await (const e of runScan({ checks: s.checks, units, rateFor: awsRateFor })) {
      if (e.type === 'finding') {
        f.findings++;
        byStatus[e.finding.status]++;
        let c = perCheck.get(e.finding.checkId);
        if (!c) perCheck.set(e.finding.checkId, (c = { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 }));
        c[e.finding.status]++;
      }
      if (e.type === 'error') f.unitErrors.push(`${e.unit}: ${e.code}`);
      if (e.type === 'done') {
        f.resources = e.stats.resources;
        f.apiCalls = e.stats.apiCalls;
        f.throttles = e.stats.throttles;
        f.retries = e.stats.retries;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return { ...f, seconds, fake: { calls: fake.calls, throttled: fake.throttled, refused: new Map(fake.refused) } };
  } finally {
    await fake.close();
  }
}

function print(s: Scenario, f: Figures): void {
  const refused = [...f.fake.refused].map(([op, n]) => `${op} ×${n}`).join(', ') || 'none';
  console.log(`Scan benchmark: ${s.title} (fake AWS endpoint on loopback)`);
  console.log(`  estate:            ${s.estate}, ${LATENCY_MS} ms per call, fake quota ${s.quotaPerSecond} req/s per service`);
  console.log(`  checks:            ${f.checks} (${f.collectors} collectors, ${f.units} work units)`);
  console.log(`  wall time:         ${f.seconds.toFixed(2)} s`);
  console.log(`  resources:         ${f.resources}`);
  console.log(`  findings:          ${f.findings} (${Math.round(f.findings / f.seconds)} per second): ` +
    `PASS ${f.byStatus.PASS}, FAIL ${f.byStatus.FAIL}, MANUAL ${f.byStatus.MANUAL}, ERROR ${f.byStatus.ERROR}`);
  console.log(`  API calls:         ${f.apiCalls} (${(f.apiCalls / f.seconds).toFixed(1)} per second), throttled ${f.throttles}, ` +
    `retries ${f.retries}, unit errors ${f.unitErrors.length}${f.unitErrors.length ? ` (${f.unitErrors.slice(0, 3).join('; ')})` : ''}`);
  console.log(`  fake endpoint:     ${f.fake.calls} requests (STS included), ${f.fake.throttled} answered with throttling, refused: ${refused}`);
  const ceiling = awsRateFor(s.service) * REGIONS.length;
  console.log(`  rate ceiling:      ${ceiling} req/s (engine limit ${awsRateFor(s.service)} req/s per region for ${s.service} × ${REGIONS.length}), ` +
    `${Math.round((100 * f.apiCalls) / f.seconds / ceiling)}% of it used`);
  console.log(`  sequential floor:  ${((f.apiCalls * LATENCY_MS) / 1000).toFixed(1)} s if every call waited for the previous one`);
}

// 1. EC2 network estate ---------------------------------------------------------------------
const ec2Size = { vpcsPerRegion: 20, securityGroupsPerVpc: 100, naclsPerVpc: 10, subnetsPerVpc: 12, pageSize: 200 };
const NETWORK_TYPES = new Set(['AwsEc2SecurityGroup', 'AwsEc2NetworkAcl', 'AwsEc2Vpc', 'AwsEc2Subnet']);
const perRegion = ec2Size.vpcsPerRegion * (ec2Size.securityGroupsPerVpc + ec2Size.naclsPerVpc + ec2Size.subnetsPerVpc + 1);
const ec2: Scenario = {
  title: 'EC2 network checks',
  estate: `${REGIONS.length} regions × ${perRegion} network resources`,
  checks: selectChecks(awsChecks, {}).filter((c) => NETWORK_TYPES.has(c.resourceType)),
  handlers: ec2Estate(ec2Size),
  quotaPerSecond: 100,
  service: 'ec2',
};
print(ec2, await runScenario(ec2));

// 2. S3 bucket estate -----------------------------------------------------------------------
const S3_TYPES = new Set(['AwsS3Bucket', 'AwsS3AccountPublicAccessBlock']);
const s3Size = { buckets: Number(process.env.BENCH_S3_BUCKETS ?? 400), regions: REGIONS, pageSize: 250 };
const estate = s3Estate(s3Size);
// Above the engine's sustained 300 req/s, below its bursts (6 × 50 at once, then 300/s): the fake throttles bursts.
const s3Quota = Number(process.env.BENCH_S3_QUOTA ?? 440);
const s3: Scenario = {
  title: 'S3 checks',
  estate: `${s3Size.buckets} buckets over ${REGIONS.length} regions (ListBuckets pages of ${s3Size.pageSize})`,
  checks: selectChecks(awsChecks, {}).filter((c) => S3_TYPES.has(c.resourceType)),
  handlers: estate.handlers,
  quotaPerSecond: s3Quota,
  service: 's3',
  alignToSecond: true,
};
const s3Figures = await runScenario(s3);
console.log('');
print(s3, s3Figures);
const answered = s3Figures.apiCalls - s3Figures.retries;
console.log(`  calls per bucket:  ${(answered / s3Size.buckets).toFixed(2)} answered (listing included), ` +
  `reads sent to a wrong region: ${estate.wrongRegion}`);

// The fake and the collectors agree when each check FAILs exactly the buckets built to fail it.
const expected = expectedFindings(estate);
const unencrypted = estate.buckets.filter((b) => b.encryption === 'none').length;
const encryptionFails = s3Figures.perCheck.get('s3_bucket_default_encryption')?.FAIL ?? 0;
console.log(`  default encryption: ${encryptionFails} FAIL findings (s3_bucket_default_encryption) for ${unencrypted} buckets generated without ` +
  `encryption: ${encryptionFails === unencrypted ? 'they agree' : 'MISMATCH'}`);
console.log('  FAIL findings per check, scan vs estate:');
let mismatches = 0;
for (const [checkId, want] of Object.entries(expected).sort(([a], [b]) => a.localeCompare(b))) {
  const got = s3Figures.perCheck.get(checkId) ?? { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 };
  const ok = got.FAIL === want.FAIL && (want.MANUAL === undefined || got.MANUAL === want.MANUAL) && got.ERROR === 0;
  if (!ok) mismatches++;
  const manual = want.MANUAL !== undefined ? `, MANUAL ${got.MANUAL} vs ${want.MANUAL}` : '';
  const errors = got.ERROR ? `, ERROR ${got.ERROR}` : '';
  console.log(`    ${checkId.padEnd(42)} FAIL ${String(got.FAIL).padStart(4)} vs ${String(want.FAIL).padStart(4)}${manual}${errors}  ${ok ? 'ok' : 'MISMATCH'}`);
}
const unexpected = [...s3Figures.perCheck.keys()].filter((id) => !(id in expected));
console.log(`  agreement:         ${Object.keys(expected).length - mismatches}/${Object.keys(expected).length} checks match the estate` +
  (unexpected.length ? `; checks without an expectation: ${unexpected.join(', ')}` : ''));
