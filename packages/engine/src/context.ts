import type { CollectContext, ResourceInit } from './collector.ts';
import { mapLimit } from './collector.ts';
import { errorCode, errorMessage } from './errors.ts';
import type { Resource, ScanStats } from './model.ts';
import type { RetryOptions } from './rate-limit.ts';
import { AdaptiveRateLimiter, callWithRetry } from './rate-limit.ts';

/** Rate limiters keyed by account, region and service, shared by every unit of a scan. */
export class LimiterRegistry {
  private readonly limiters = new Map<string, AdaptiveRateLimiter>();
  private readonly rateFor: (service: string) => number;
  constructor(rateFor: (service: string) => number = () => 10) {
    this.rateFor = rateFor;
  }

  get(account: string, region: string, service: string): AdaptiveRateLimiter {
    const key = `${account}|${region}|${service}`;
    let l = this.limiters.get(key);
    if (!l) this.limiters.set(key, (l = new AdaptiveRateLimiter(this.rateFor(service))));
    return l;
  }
}

/** What a scan shares with every unit: counters, limiters, retry policy, cancellation. */
export interface ScanRuntime {
  stats: ScanStats;
  limiters: LimiterRegistry;
  retry: RetryOptions;
  signal: AbortSignal;
  warn(message: string): void;
  /** A targeted run (see `applyTargets`): true when this attribute of this resource is not to be fetched. */
  skipEnrichment?: (resource: Resource, attribute: string) => boolean;
}

export function newStats(): ScanStats {
  return {
    unitsTotal: 0,
    unitsDone: 0,
    apiCalls: 0,
    throttles: 0,
    retries: 0,
    resources: 0,
    findings: 0,
    errors: 0,
    startedAt: Date.now(),
  };
}

export interface ContextTarget {
  provider: string;
  account: string;
  region: string;
  /** Region used for rate limiting global services (they have one endpoint). */
  limiterRegion?: string;
  resourceType: string;
  attributes: Readonly<Record<string, { notConfigured?: readonly string[] }>>;
  wants: ReadonlySet<string>;
}

/** Builds the provider-neutral part of a collector's context. */
export function baseCollectContext(rt: ScanRuntime, t: ContextTarget): CollectContext {
  const call = <T>(service: string, _api: string, fn: () => Promise<T>): Promise<T> =>
    callWithRetry(
      fn,
      rt.limiters.get(t.account, t.limiterRegion ?? t.region, service),
      rt.retry,
      {
        onAttempt: () => rt.stats.apiCalls++,
        onThrottle: () => rt.stats.throttles++,
        onRetry: () => rt.stats.retries++,
      },
      rt.signal,
    );
  return {
    provider: t.provider,
    account: t.account,
    region: t.region,
    signal: rt.signal,
    wants: (attribute) => t.wants.has(attribute),
    call,
    async enrich(resource, attribute, fn) {
      if (!t.wants.has(attribute) || rt.skipEnrichment?.(resource as Resource, attribute)) return;
      try {
        resource.attributes[attribute] = await fn();
      } catch (err) {
        rt.signal.throwIfAborted();
        const code = errorCode(err);
        if (t.attributes[attribute]?.notConfigured?.includes(code)) {
          (resource.attributes as Record<string, unknown>)[attribute] = null;
        } else {
          resource.errors[attribute] = { code, message: errorMessage(err) };
        }
      }
    },
    resource<A extends object>(init: ResourceInit<A>): Resource<A> {
      return {
        provider: t.provider,
        account: t.account,
        region: init.region ?? t.region,
        type: init.type ?? t.resourceType,
        id: init.id,
        name: init.name,
        tags: init.tags ?? {},
        attributes: init.attributes,
        errors: {},
      };
    },
    map: (items, fn, concurrency) => mapLimit(items, fn, concurrency),
    warn: (m) => rt.warn(m),
  };
}
