import type { ContextTarget, PlannedCollector, ScanRuntime, ScanUnit } from '@vigil/engine';
import { baseCollectContext } from '@vigil/engine';
import type { AwsCollectContext, AwsCollector, AwsSession } from './context.ts';
import { serviceKey } from './context.ts';

/** Requests per second per account, region and service before adaptive back-off. */
const SERVICE_RATES: Record<string, number> = {
  iam: 10,
  sts: 10,
  s3: 50,
  s3control: 10,
  ec2: 20,
  cloudtrail: 5,
  cloudwatch: 10,
  cloudwatchlogs: 5,
  configservice: 5,
  kms: 30,
  rds: 10,
  lambda: 15,
  sns: 20,
  sqs: 30,
  secretsmanager: 20,
  dynamodb: 20,
  efs: 10,
  guardduty: 10,
  securityhub: 10,
  accessanalyzer: 10,
  account: 5,
  organizations: 5,
};

export function awsRateFor(service: string): number {
  return SERVICE_RATES[service] ?? 10;
}

/** True when a custom endpoint is in force (flag or environment), so S3 must use path-style. */
export function customEndpointInUse(session: Pick<AwsSession, 'endpoint'>): boolean {
  return Boolean(session.endpoint || process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3);
}

/**
 * S3 Control puts the account id in front of the endpoint's host name and has no path-style
 * switch, which breaks custom endpoints (`123456789012.127.0.0.1`): send it to the endpoint as is.
 */
function accountPrefixedEndpoint(clientName: string, session: Pick<AwsSession, 'endpoint'>): Record<string, unknown> {
  if (clientName !== 'S3ControlClient') return {};
  const url = session.endpoint ?? process.env.AWS_ENDPOINT_URL_S3_CONTROL ?? process.env.AWS_ENDPOINT_URL;
  return url ? { endpointProvider: () => ({ url: new URL(url) }) } : {};
}

/** Builds the AWS collector context for one unit. */
export function awsCollectContext(
  rt: ScanRuntime,
  session: AwsSession,
  region: string,
  planned: Pick<PlannedCollector<AwsCollector>, 'collector' | 'wants'>,
): AwsCollectContext {
  const { collector } = planned;
  const apiRegion = region === 'global' ? session.homeRegion : region;
  const target: ContextTarget = {
    provider: 'aws',
    account: session.account,
    region,
    limiterRegion: region === 'global' ? 'global' : region,
    resourceType: collector.resourceType,
    attributes: collector.attributes,
    wants: planned.wants,
  };
  const base = baseCollectContext(rt, target);
  const clients = new Map<string, unknown>();
  // Calls to another region are limited under that region's quota.
  const limitedIn = (r: string) => baseCollectContext(rt, { ...target, region: r, limiterRegion: r }).call;
  const pathStyle = customEndpointInUse(session);
  return {
    ...base,
    partition: session.partition,
    apiRegion,
    client<C extends { send: (...args: never[]) => Promise<unknown> }>(ctor: new (config: never) => C, region?: string): C {
      const callRegion = region ?? apiRegion;
      const key = `${ctor.name}|${callRegion}`;
      const cached = clients.get(key);
      if (cached) return cached as C;
      const config = {
        region: callRegion,
        credentials: session.credentials,
        maxAttempts: 1, // the engine retries, under its own rate limiter
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
        ...(session.endpoint ? { endpoint: session.endpoint } : {}),
        // A custom endpoint is one host: no bucket or account prefixes on the hostname.
        ...(pathStyle ? { forcePathStyle: true, disableHostPrefix: true } : {}),
        ...accountPrefixedEndpoint(ctor.name, session),
      };
      const client = new ctor(config as never);
      const service = serviceKey(ctor);
      const send = (client.send as (...a: unknown[]) => Promise<unknown>).bind(client);
      const call = region && region !== apiRegion ? limitedIn(callRegion) : base.call;
      (client as { send: unknown }).send = (command: { constructor: { name: string } }, ...rest: unknown[]) =>
        call(service, command.constructor.name.replace(/Command$/, ''), () => send(command, ...rest));
      clients.set(key, client);
      return client;
    },
    arn: (service, resource, r) =>
      `arn:${session.partition}:${service}:${r ?? (region === 'global' ? '' : region)}:${session.account}:${resource}`,
  };
}

export interface AwsTarget {
  session: AwsSession;
  regions: readonly string[];
}

/** One unit per (account, collector) for global collectors, per (account, region, collector) otherwise. */
export function awsScanUnits(planned: readonly PlannedCollector<AwsCollector>[], targets: readonly AwsTarget[]): ScanUnit[] {
  const units: ScanUnit[] = [];
  for (const { session, regions } of targets) {
    // Global collectors first: they are few and often the slowest (IAM enrichment).
    const ordered = [...planned].sort((a, b) => (a.collector.scope === b.collector.scope ? 0 : a.collector.scope === 'global' ? -1 : 1));
    for (const p of ordered) {
      const unitRegions = p.collector.scope === 'global' ? ['global'] : regions;
      for (const region of unitRegions) {
        units.push({
          id: `${session.account}/${region}/${p.collector.id}`,
          provider: 'aws',
          account: session.account,
          region,
          service: p.collector.service,
          resourceType: p.collector.resourceType,
          run: (rt: ScanRuntime) => p.collector.collect(awsCollectContext(rt, session, region, p)),
        });
      }
    }
  }
  return units;
}
