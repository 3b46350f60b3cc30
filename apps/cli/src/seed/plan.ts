import { awsChecks } from '@vigil/aws';
import { frameworks } from '@vigil/compliance';
import { UsageError, checkMetadata, complianceIndex, findingId } from '@vigil/engine';
import type { Check, CheckMetadata, Finding, Severity, Status } from '@vigil/engine';
import { below, hashString, pick, unit } from './random.ts';
import { SEED_REGIONS, resourceAt } from './resources.ts';
import type { SeedResource } from './resources.ts';

/** What to generate: totals over the whole data set. */
export interface SeedSpec {
  /** Findings rows in all, spread evenly over every scan. */
  findings: number;
  /** Resources in all, spread evenly over the providers. */
  resources: number;
  providers: number;
  /** Completed scans per provider, one a day, the last one at `now`. */
  scans: number;
  seed: number;
  now: Date;
}

export interface ProviderPlan {
  index: number;
  accountId: string;
  alias: string;
  regions: string[];
  resources: number;
  /** The (check, resource) pairs its resources give: the most findings one scan can have. */
  capacity: number;
}

export interface ScanPlan {
  providerIndex: number;
  /** Number of the scan among its provider's scans, oldest 0. */
  sequence: number;
  createdAt: Date;
  startedAt: Date;
  finishedAt: Date;
  findings: number;
}

export interface SeedPlan {
  spec: SeedSpec;
  providers: ProviderPlan[];
  /** Oldest first (the order they are stored in, so each compares with the one before). */
  scans: ScanPlan[];
}

const ALIAS_TEAMS = ['payments', 'identity', 'data-lake', 'platform', 'shared-services', 'logging', 'security', 'analytics', 'web', 'mobile', 'ml', 'edge'];
const ALIAS_ENVIRONMENTS = ['prod', 'staging', 'dev', 'qa', 'sandbox'];
const DAY_MS = 86_400_000;

/**
 * Checks by the resource type they evaluate; the `account` service's (manual) checks
 * last, so that a small scan is not mostly MANUAL findings of the account.
 */
const checksByType = new Map<string, Check[]>();
for (const c of [...awsChecks].sort((a, b) => Number(a.service === 'account') - Number(b.service === 'account'))) {
  const list = checksByType.get(c.resourceType) ?? [];
  list.push(c);
  checksByType.set(c.resourceType, list);
}

export function checksFor(resourceType: string): readonly Check[] {
  return checksByType.get(resourceType) ?? [];
}

function accountId(seed: number, index: number, salt: number): string {
  const high = 100_000 + below(900_000, seed, index, salt, 1);
  const low = below(1_000_000, seed, index, salt, 2);
  return `${high}${String(low).padStart(6, '0')}`;
}

/**
 * Lays out the data set: providers (account ids, aliases, regions, resource counts),
 * and every scan with its time and number of findings. Pure and cheap (one pass over
 * the resource types to know how many findings each account can have).
 *
 * @throws UsageError when a scan would need more findings than its account's resources give.
 */
export function planSeed(spec: SeedSpec): SeedPlan {
  const providers: ProviderPlan[] = [];
  const accounts = new Set<string>();
  for (let p = 0; p < spec.providers; p++) {
    let id = accountId(spec.seed, p, 0);
    for (let salt = 1; accounts.has(id); salt++) id = accountId(spec.seed, p, salt);
    accounts.add(id);
    const regionCount = 2 + below(4, spec.seed, p, 3);
    const others = SEED_REGIONS.slice(1).filter((_, i) => unit(spec.seed, p, 4, i) < 0.5);
    const regions = [SEED_REGIONS[0], ...others].slice(0, regionCount);
    while (regions.length < regionCount) regions.push(SEED_REGIONS.find((r) => !regions.includes(r)) ?? 'us-east-1');
    const resources = Math.floor(spec.resources / spec.providers) + (p < spec.resources % spec.providers ? 1 : 0);
    const alias = `${pick(ALIAS_TEAMS, spec.seed, p, 5)}-${pick(ALIAS_ENVIRONMENTS, spec.seed, p, 6)}-${p + 1}`;
    providers.push({ index: p, accountId: id, alias, regions, resources, capacity: 0 });
  }
  for (const pr of providers) {
    let capacity = 0;
    for (let i = 0; i < pr.resources; i++) capacity += checksFor(resourceAt(spec.seed, pr.index, pr.accountId, pr.regions, i).type).length;
    pr.capacity = capacity;
  }

  const total = spec.providers * spec.scans;
  const scans: ScanPlan[] = [];
  for (const pr of providers) {
    let most = 0;
    for (let k = 0; k < spec.scans; k++) {
      const j = pr.index * spec.scans + k;
      const findings = Math.floor(spec.findings / total) + (j < spec.findings % total ? 1 : 0);
      // One scan a day per account, accounts a few minutes apart, the newest at `now`.
      const createdAt = new Date(spec.now.getTime() - (spec.scans - 1 - k) * DAY_MS - pr.index * 7 * 60_000);
      const startedAt = new Date(createdAt.getTime() + 2_000);
      const finishedAt = new Date(startedAt.getTime() + 45_000 + Math.round(findings / 2));
      scans.push({ providerIndex: pr.index, sequence: k, createdAt, startedAt, finishedAt, findings });
      most = Math.max(most, findings);
    }
    if (most > pr.capacity) {
      const perResource = pr.resources > 0 ? pr.capacity / pr.resources : 4;
      const needed = Math.ceil((most / Math.max(perResource, 1)) * spec.providers);
      throw new UsageError(
        `--findings ${spec.findings} over ${spec.providers} provider(s) × ${spec.scans} scan(s) needs ${most} findings in a scan of ` +
          `account ${pr.accountId}, but its ${pr.resources} resources give at most ${pr.capacity} (one per check and resource): ` +
          `raise --resources to about ${needed}, or --scans, or lower --findings`,
      );
    }
  }
  scans.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.providerIndex - b.providerIndex);
  return { spec, providers, scans };
}

const FAIL_RATE: Record<Severity, number> = { critical: 0.12, high: 0.22, medium: 0.32, low: 0.38, informational: 0.3 };
/** A finding's status is drawn again every this many scans on average: the drift between scans. */
const STATUS_LIFETIME = 20;
const ERROR_RATE = 0.015;
const MUTED_RATE = 0.03;

const metadata = new Map<Check, CheckMetadata>();
const compliance = complianceIndex(frameworks);
const complianceCache = new Map<string, Record<string, string[]>>();

function messageOf(status: Status, resource: SeedResource, check: Check): string {
  const title = check.title.replace(/\.$/, '');
  switch (status) {
    case 'PASS':
      return `${resource.name} passes: ${title}.`;
    case 'FAIL':
      return `${resource.name} fails: ${title}.`;
    case 'MANUAL':
      return `${resource.name} needs a manual review: ${title}.`;
    case 'ERROR':
      return `${resource.name} could not be evaluated: AccessDenied (the scanner role is not authorized to read this ${resource.type}).`;
  }
}

/**
 * The findings of one scan, in batches of `batchSize`: the first `scan.findings`
 * (check, resource) pairs of the account, resources in order. Statuses follow a
 * plausible mix (most PASS, a third FAIL by severity, a few ERROR; the `account`
 * service's checks are MANUAL) and drift a little from one scan to the next.
 */
export function* scanFindings(plan: SeedPlan, scan: ScanPlan, batchSize: number): Generator<Finding[]> {
  const { seed } = plan.spec;
  const pr = plan.providers[scan.providerIndex] as ProviderPlan;
  const timestamp = scan.finishedAt.toISOString();
  let batch: Finding[] = [];
  let left = scan.findings;
  for (let i = 0; left > 0 && i < pr.resources; i++) {
    const resource = resourceAt(seed, pr.index, pr.accountId, pr.regions, i);
    for (const check of checksFor(resource.type)) {
      if (left === 0) break;
      left--;
      const id = findingId(check.id, resource.uid);
      const h = hashString(id);
      let status: Status;
      if (check.service === 'account') status = 'MANUAL';
      else {
        const epoch = Math.floor((scan.sequence + (h % STATUS_LIFETIME)) / STATUS_LIFETIME);
        const r = unit(seed, h, epoch, 7);
        status = r < ERROR_RATE ? 'ERROR' : r < ERROR_RATE + FAIL_RATE[check.severity] ? 'FAIL' : 'PASS';
      }
      let meta = metadata.get(check);
      if (!meta) metadata.set(check, (meta = checkMetadata(check)));
      let comp = complianceCache.get(check.id);
      if (!comp) complianceCache.set(check.id, (comp = compliance(check.id)));
      const finding: Finding = {
        id,
        checkId: check.id,
        status,
        message: messageOf(status, resource, check),
        severity: check.severity,
        check: meta,
        provider: 'aws',
        account: pr.accountId,
        region: resource.region,
        resource: { id: resource.uid, name: resource.name, type: resource.type, region: resource.region, tags: resource.tags },
        compliance: comp,
        muted: false,
        timestamp,
      };
      if (status === 'ERROR') finding.errorCode = 'AccessDenied';
      if (status === 'FAIL' && unit(seed, h, 11) < MUTED_RATE) {
        finding.muted = true;
        finding.muteReason = `Accepted risk, reviewed by the ${pick(ALIAS_TEAMS, seed, h, 12)} team (seeded)`;
      }
      batch.push(finding);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
