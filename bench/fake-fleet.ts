import type { FakeAws, FakeHandler, FakeOrganization, FakeRequest } from '@vigil/aws/testing/fake-aws';
import { startFakeAws } from '@vigil/aws/testing/fake-aws';
import type { Ec2EstateSize } from './fake-ec2.ts';
import { ec2Estate } from './fake-ec2.ts';
import type { S3Estate } from './fake-s3.ts';
import { s3Estate } from './fake-s3.ts';

/**
 * A simulated AWS organization for the fleet benchmark: a management account and members,
 * each holding the same shape of estate (deterministic), behind one in-process fake endpoint
 * that answers `organizations:ListAccounts`, hands out member sessions through `sts:AssumeRole`,
 * waits a latency drawn per call, and throttles each account above a per-second quota.
 *
 * Per account:
 * - an EC2 network estate (security groups, network ACLs, subnets, VPCs, flow logs) in every
 *   region, answered page by page ({@link ec2Estate}); built once from a template and given the
 *   caller's account id in each answer, so 100 accounts cost the memory of one;
 * - an S3 estate ({@link s3Estate}): buckets spread over the regions, each with its
 *   per-bucket configuration reads, the calls that make the per-account quota bite.
 *   Bucket names carry the account id (`a<account>-…`): S3 ARNs hold no account, and two
 *   accounts of one organization cannot share a bucket name.
 */

export interface FleetSize {
  /** Accounts of the organization, management included. */
  accounts: number;
  /** Resources per account (network resources over every region, plus the buckets). */
  resourcesPerAccount: number;
  /** S3 buckets per account (counted in `resourcesPerAccount`). Default 2 % of it, at least 1. */
  bucketsPerAccount?: number;
  regions: readonly string[];
  /** Items per EC2 listing page. Default 200. */
  pageSize?: number;
}

export interface FleetShape {
  accountIds: string[];
  management: string;
  ec2: Ec2EstateSize;
  /** Network resources per region, per account. */
  networkPerRegion: number;
  buckets: number;
  /** Resources per account as built (network × regions + buckets). */
  resourcesPerAccount: number;
}

const MANAGEMENT = '100000000000';
const ACCOUNT_SLOT = '@@ACCOUNT@@';

/** Account ids: the management account, then members 100000000001 … (12 digits). */
export function fleetAccountIds(n: number): string[] {
  return Array.from({ length: Math.max(1, n) }, (_, i) => String(Number(MANAGEMENT) + i));
}

/**
 * Splits a per-account resource count into an EC2 network estate per region (about 250
 * resources per VPC: 82 % security groups, 8 % network ACLs, 9 % subnets, the VPC) and buckets.
 */
export function fleetShape(size: FleetSize): FleetShape {
  const buckets = size.bucketsPerAccount ?? Math.max(1, Math.round(size.resourcesPerAccount * 0.02));
  const perRegion = Math.max(4, Math.floor((size.resourcesPerAccount - buckets) / size.regions.length));
  const vpcs = Math.max(1, Math.round(perRegion / 250));
  const perVpc = Math.max(4, Math.floor(perRegion / vpcs));
  const nacls = Math.max(1, Math.round(perVpc * 0.08));
  const subnets = Math.max(1, Math.round(perVpc * 0.09));
  const groups = Math.max(1, perVpc - 1 - nacls - subnets);
  const ec2: Ec2EstateSize = { vpcsPerRegion: vpcs, securityGroupsPerVpc: groups, naclsPerVpc: nacls, subnetsPerVpc: subnets, pageSize: size.pageSize ?? 200 };
  const networkPerRegion = vpcs * (1 + groups + nacls + subnets);
  const accountIds = fleetAccountIds(size.accounts);
  return { accountIds, management: MANAGEMENT, ec2, networkPerRegion, buckets, resourcesPerAccount: networkPerRegion * size.regions.length + buckets };
}

/** mulberry32: a small deterministic PRNG, uniform in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The handlers of the whole organization: each call answered from its caller's account's estate. */
export function fleetHandlers(shape: FleetShape, regions: readonly string[]): { handlers: Record<string, FakeHandler>; s3Of: (account: string) => S3Estate } {
  // EC2: one template estate whose answers are cached per page and given the caller's account id.
  const template = ec2Estate(shape.ec2, ACCOUNT_SLOT);
  const pages = new Map<string, string>();
  const handlers: Record<string, FakeHandler> = {};
  for (const [op, handler] of Object.entries(template)) {
    handlers[op] = (r: FakeRequest) => {
      const key = `${op}|${r.params.NextToken ?? ''}|${r.params.MaxResults ?? ''}`;
      let xml = pages.get(key);
      if (xml === undefined) {
        const out = handler(r);
        if (typeof out !== 'string') return out;
        pages.set(key, (xml = out));
      }
      return xml.replaceAll(ACCOUNT_SLOT, r.account);
    };
  }

  // S3: an estate per account (small: built on first use and kept), bucket names prefixed by the account.
  const estates = new Map<string, S3Estate>();
  const s3Of = (account: string): S3Estate => {
    let e = estates.get(account);
    if (!e) estates.set(account, (e = s3Estate({ buckets: shape.buckets, regions, pageSize: 1000 }, account)));
    return e;
  };
  const prefix = (account: string) => `a${account}-`;
  const inner = s3Of(shape.management).handlers;
  for (const op of Object.keys(inner)) {
    handlers[op] = (r: FakeRequest) => {
      const estate = s3Of(r.account);
      const h = estate.handlers[op] as FakeHandler;
      const p = prefix(r.account);
      if (op === 's3:ListBuckets') {
        const out = h(r);
        return typeof out === 'string' ? out.replaceAll('<Name>', `<Name>${p}`) : out;
      }
      if (op === 's3:GetAccountPublicAccessBlock') return h(r);
      // A bucket-level read: the estate knows the bucket by its name without the prefix.
      const segments = r.path.split('/');
      const name = decodeURIComponent(segments[1] ?? '');
      if (!name.startsWith(p)) return h({ ...r, path: '/no-such-bucket' });
      segments[1] = encodeURIComponent(name.slice(p.length));
      return h({ ...r, path: segments.join('/') });
    };
  }
  return { handlers, s3Of };
}

export interface FleetFakeOptions extends FleetSize {
  /** Latency per call, drawn uniformly in [min, max] ms from a seeded PRNG. Default 30–100. */
  latencyMs?: { min: number; max: number };
  /** Requests per second per account and service (all regions together); above it, throttling errors. */
  quotaPerAccountPerSecond?: number;
  seed?: number;
}

export interface FleetFake {
  fake: FakeAws;
  shape: FleetShape;
  /** Latencies drawn so far (one per call that waited), and their sum in ms. */
  latency: { draws: number; totalMs: number };
}

/** Starts the fake endpoint of the organization on 127.0.0.1. */
export async function startFleetFake(o: FleetFakeOptions): Promise<FleetFake> {
  const shape = fleetShape(o);
  const { handlers } = fleetHandlers(shape, o.regions);
  const { min, max } = o.latencyMs ?? { min: 30, max: 100 };
  const random = prng(o.seed ?? 20261122);
  const latency = { draws: 0, totalMs: 0 };
  const organization: FakeOrganization = { managementAccount: shape.management, accounts: shape.accountIds.map((id) => ({ id })), pageSize: 20 };
  // The fake reads `latencyMs` on every request (truthiness, then the delay): a getter draws a
  // latency per call. Two reads per call: the value of the second is the one that waits.
  let odd = false;
  let current = 0;
  const options = {
    account: shape.management,
    regions: [...o.regions],
    organization,
    handlers,
    quotaPerAccountPerSecond: o.quotaPerAccountPerSecond,
    get latencyMs() {
      odd = !odd;
      if (odd) {
        current = Math.round(min + random() * (max - min));
        latency.draws++;
        latency.totalMs += current;
      }
      return current;
    },
  };
  const fake = await startFakeAws(options);
  return { fake, shape, latency };
}
