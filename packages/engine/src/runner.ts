import type { Check, CheckContext } from './check.ts';
import { resolveCheckOptions } from './check.ts';
import type { ScanRuntime } from './context.ts';
import { LimiterRegistry, newStats } from './context.ts';
import { errorCode, errorMessage } from './errors.ts';
import type { FindingDecorations } from './finding.ts';
import { RelatedAccess, describeErrors, evaluateCheck, makeFinding, memoizer } from './finding.ts';
import type { Finding, Resource, ScanEvent, ScanStats, Status } from './model.ts';
import type { RetryOptions } from './rate-limit.ts';
import { AdaptiveRateLimiter } from './rate-limit.ts';
import { applyTargets } from './targets.ts';
import type { ScanTargets } from './targets.ts';

/** One unit of collection work: one collector in one account and region. */
export interface ScanUnit {
  id: string;
  provider: string;
  account: string;
  region: string;
  service: string;
  resourceType: string;
  run(rt: ScanRuntime): AsyncIterable<Resource>;
}

export interface RunScanOptions {
  checks: readonly Check[];
  units: readonly ScanUnit[];
  /** Options per check id; defaults apply where absent. */
  checkOptions?: Readonly<Record<string, unknown>>;
  compliance?: FindingDecorations['compliance'];
  mute?: FindingDecorations['mute'];
  /** Units collected at once. Default 16. */
  concurrency?: number;
  /** Requests per second per (account, region, service) before adaptive back-off. */
  rateFor?: (service: string) => number;
  retry?: RetryOptions;
  now?: Date;
  signal?: AbortSignal;
  /** Yield `resource` events (for saving the inventory). */
  emitResources?: boolean;
  /** A reason when an error means the region is not enabled: the unit is skipped, not an error. */
  skipReason?: (err: unknown) => string | undefined;
  /** Minimum interval between progress events. Default 250 ms. */
  progressIntervalMs?: number;
  /**
   * A rate limit shared with other processes (a Redis token bucket when workers scale out),
   * consulted before every API call after the local adaptive limiter, with the same key
   * (`account|region|service`) and the configured rate of `rateFor`.
   */
  sharedLimiter?: SharedLimiter;
  /**
   * A targeted run: only these resources (id or name per resource type) are evaluated and
   * emitted, with only the checks of their types; see `applyTargets` for the rules.
   */
  targets?: ScanTargets;
}

interface UnitFailure {
  provider: string;
  region: string;
  code: string;
  message: string;
}

interface AccountState {
  pending: Map<string, number>;
  store: Map<string, Resource[]>;
  failures: Map<string, UnitFailure[]>;
  deferredLeft: Set<Check>;
  unitsLeft: number;
}

/**
 * Runs a scan: collects every unit concurrently and yields events. Checks without
 * cross-resource needs are evaluated as each resource arrives; checks that `use` other
 * resource types are evaluated once those types are complete for the account, and the
 * resources kept for them are dropped as soon as the account is done.
 */
export async function* runScan(input: RunScanOptions): AsyncGenerator<ScanEvent, void, undefined> {
  const { opts, keep } = applyTargets(input);
  const now = opts.now ?? new Date();
  const timestamp = now.toISOString();
  const stats = newStats();
  stats.unitsTotal = opts.units.length;
  const controller = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, controller.signal]) : controller.signal;
  const deco: FindingDecorations = { compliance: opts.compliance, mute: opts.mute, timestamp };
  const byStatus: Record<Status, number> = { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 };
  let muted = 0;
  const accounts = new Set<string>();
  const regions = new Set<string>();

  const options = new Map<Check, Record<string, unknown>>();
  for (const c of opts.checks) options.set(c, resolveCheckOptions(c, opts.checkOptions?.[c.id]));

  const immediate = new Map<string, Check[]>();
  const deferred: Check[] = [];
  const storedTypes = new Set<string>();
  for (const c of opts.checks) {
    if (Object.keys(c.uses).length > 0) {
      deferred.push(c);
      storedTypes.add(c.resourceType);
      for (const t of Object.keys(c.uses)) storedTypes.add(t);
    } else {
      const list = immediate.get(c.resourceType) ?? [];
      list.push(c);
      immediate.set(c.resourceType, list);
    }
  }

  const states = new Map<string, AccountState>();
  for (const u of opts.units) {
    accounts.add(u.account);
    if (u.region !== 'global') regions.add(u.region);
    let s = states.get(u.account);
    if (!s) {
      s = { pending: new Map(), store: new Map(), failures: new Map(), deferredLeft: new Set(deferred), unitsLeft: 0 };
      states.set(u.account, s);
    }
    s.pending.set(u.resourceType, (s.pending.get(u.resourceType) ?? 0) + 1);
    s.unitsLeft++;
  }

  // Events flow from concurrent units to the consumer through this buffer.
  const buffer: ScanEvent[] = [];
  let wake: (() => void) | undefined;
  // Every producer waiting for the consumer to catch up (several units can wait at once).
  let drainWaiters: (() => void)[] = [];
  const releaseProducers = () => {
    const waiters = drainWaiters;
    drainWaiters = [];
    for (const w of waiters) w();
  };
  const HIGH_WATER = 2000;
  const push = (e: ScanEvent) => {
    buffer.push(e);
    wake?.();
  };
  const backpressure = async () => {
    while (buffer.length > HIGH_WATER && !signal.aborted) await new Promise<void>((r) => drainWaiters.push(r));
  };

  const emitFinding = (f: Finding | undefined) => {
    if (!f || !keep(f.resource)) return;
    stats.findings++;
    byStatus[f.status]++;
    if (f.muted) muted++;
    push({ type: 'finding', finding: f });
  };

  // One context per (account, check) for immediate checks: no allocation per resource.
  const immediateContexts = new Map<string, CheckContext<Record<string, unknown>>>();
  const immediateContext = (account: string, check: Check) => {
    const key = `${account}\u0000${check.id}`;
    let ctx = immediateContexts.get(key);
    if (!ctx) immediateContexts.set(key, (ctx = contextFor(account, check)));
    return ctx;
  };

  const contextFor = (account: string, check: Check, access?: RelatedAccess): CheckContext<Record<string, unknown>> => {
    const state = states.get(account);
    return {
      options: options.get(check) ?? {},
      now,
      account,
      memo: memoizer(access),
      related: <T extends object>(type: string) => {
        if (!(type in check.uses)) throw new Error(`check ${check.id} reads ${type} without declaring it in uses`);
        const list = state?.store.get(type) ?? [];
        return (access ? access.wrap(list) : list) as unknown as readonly Resource<T>[];
      },
    };
  };

  const placeholder = (u: Pick<ScanUnit, 'provider' | 'account' | 'region' | 'resourceType'>): Resource => ({
    provider: u.provider,
    account: u.account,
    region: u.region,
    type: u.resourceType,
    id: `${u.provider}:${u.account}:${u.region}:${u.resourceType}`,
    name: `${u.resourceType} in ${u.account}/${u.region}`,
    tags: {},
    attributes: {},
    errors: {},
  });

  const errorFinding = (check: Check, u: Pick<ScanUnit, 'provider' | 'account' | 'region' | 'resourceType'>, f: UnitFailure) =>
    makeFinding(
      check,
      placeholder({ ...u, region: f.region }),
      'ERROR',
      `${u.resourceType} resources in ${u.account}/${f.region} could not be listed: ${f.code} (${f.message}).`,
      deco,
      f.code,
    );

  const onResource = (r: Resource) => {
    stats.resources++;
    // In a targeted run, a non-target resource is only context for cross-resource checks.
    const target = keep(r);
    if (opts.emitResources && target) push({ type: 'resource', resource: r });
    if (target) for (const check of immediate.get(r.type) ?? []) emitFinding(evaluateCheck(check, r, immediateContext(r.account, check), deco));
    if (storedTypes.has(r.type)) {
      const state = states.get(r.account);
      if (state) {
        const list = state.store.get(r.type) ?? [];
        list.push(r);
        state.store.set(r.type, list);
      }
    }
  };

  const evaluateDeferred = (account: string, state: AccountState) => {
    for (const check of [...state.deferredLeft]) {
      const types = [check.resourceType, ...Object.keys(check.uses)];
      if (types.some((t) => (state.pending.get(t) ?? 0) > 0)) continue;
      state.deferredLeft.delete(check);
      const access = new RelatedAccess();
      const ctx = contextFor(account, check, access);
      const mainFailures = state.failures.get(check.resourceType) ?? [];
      for (const f of mainFailures) {
        emitFinding(errorFinding(check, { provider: f.provider, account, region: f.region, resourceType: check.resourceType }, f));
      }
      // A used type that could not be listed at all may hide the resource that decides.
      const usedFailures = Object.keys(check.uses).flatMap((t) =>
        (state.failures.get(t) ?? []).map((f) => [`${t} in ${f.region}`, { code: f.code, message: f.message }] as [string, { code: string; message: string }]),
      );
      const relatedFailure = usedFailures.length ? describeErrors(usedFailures) : undefined;
      for (const r of state.store.get(check.resourceType) ?? []) {
        if (!keep(r)) continue;
        emitFinding(evaluateCheck(check, r, ctx, deco, relatedFailure, access));
      }
    }
  };

  const finishUnit = (u: ScanUnit, failure?: UnitFailure) => {
    const state = states.get(u.account);
    if (!state) return;
    if (failure) {
      const list = state.failures.get(u.resourceType) ?? [];
      list.push(failure);
      state.failures.set(u.resourceType, list);
      for (const check of immediate.get(u.resourceType) ?? []) emitFinding(errorFinding(check, u, failure));
    }
    state.pending.set(u.resourceType, (state.pending.get(u.resourceType) ?? 1) - 1);
    state.unitsLeft--;
    evaluateDeferred(u.account, state);
    if (state.unitsLeft === 0) {
      states.delete(u.account);
      for (const c of immediate.get(u.resourceType) ?? []) immediateContexts.delete(`${u.account}\u0000${c.id}`);
    }
    stats.unitsDone++;
    push({ type: 'progress', stats: { ...stats }, unit: u.id });
  };

  const rt: ScanRuntime = {
    stats,
    limiters: opts.sharedLimiter ? new SharedLimiterRegistry(opts.rateFor, opts.sharedLimiter) : new LimiterRegistry(opts.rateFor),
    retry: opts.retry ?? {},
    signal,
    warn: (message) => push({ type: 'warning', message }),
  };

  const runUnit = async (u: ScanUnit) => {
    try {
      for await (const r of u.run(rt)) {
        onResource(r);
        await backpressure();
      }
      finishUnit(u);
    } catch (err) {
      if (signal.aborted) return;
      const skip = opts.skipReason?.(err);
      if (skip) {
        push({ type: 'skipped', account: u.account, region: u.region, reason: skip });
        finishUnit(u);
        return;
      }
      const f: UnitFailure = { provider: u.provider, region: u.region, code: errorCode(err), message: errorMessage(err) };
      stats.errors++;
      push({
        type: 'error',
        unit: u.id,
        provider: u.provider,
        account: u.account,
        region: u.region,
        service: u.service,
        resourceType: u.resourceType,
        code: f.code,
        message: f.message,
      });
      finishUnit(u, f);
    }
  };

  // States with no units at all (e.g. an inventory without a type) still evaluate deferred checks.
  for (const [account, state] of states) evaluateDeferred(account, state);

  const queue = [...opts.units];
  let active = 0;
  let finished = false;
  const concurrency = Math.max(1, opts.concurrency ?? 16);
  const all = new Promise<void>((resolve) => {
    const startNext = () => {
      if (signal.aborted) queue.length = 0;
      while (active < concurrency && queue.length > 0) {
        const u = queue.shift() as ScanUnit;
        active++;
        void runUnit(u).finally(() => {
          active--;
          startNext();
        });
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    startNext();
  }).then(() => {
    finished = true;
    wake?.();
  });

  push({ type: 'progress', stats: { ...stats } });
  const interval = opts.progressIntervalMs ?? 250;
  let lastProgress = 0;
  const ticker = setInterval(() => {
    if (Date.now() - lastProgress >= interval) push({ type: 'progress', stats: { ...stats } });
  }, interval);
  ticker.unref();

  try {
    while (true) {
      if (buffer.length > 0) {
        const batch = buffer.splice(0, buffer.length);
        releaseProducers();
        for (const e of batch) {
          if (e.type === 'progress') lastProgress = Date.now();
          yield e;
        }
        continue;
      }
      if (finished) break;
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
    await all;
    signal.throwIfAborted();
    const finalStats: ScanStats = { ...stats };
    yield {
      type: 'done',
      stats: finalStats,
      summary: {
        accounts: [...accounts],
        regions: [...regions].sort(),
        byStatus,
        mutedCount: muted,
        durationMs: Date.now() - stats.startedAt,
      },
    };
  } finally {
    clearInterval(ticker);
    controller.abort();
    releaseProducers();
  }
}

/** See `RunScanOptions.sharedLimiter`. */
export interface SharedLimiter {
  acquire(key: string, ratePerSecond: number, signal: AbortSignal): Promise<void>;
}

/** A local adaptive limiter that then also waits for the shared one. */
class SharedAdaptiveLimiter extends AdaptiveRateLimiter {
  private readonly key: string;
  private readonly configured: number;
  private readonly shared: SharedLimiter;
  constructor(ratePerSecond: number, key: string, shared: SharedLimiter) {
    super(ratePerSecond);
    this.configured = ratePerSecond;
    this.key = key;
    this.shared = shared;
  }

  override async acquire(signal?: AbortSignal): Promise<void> {
    await super.acquire(signal);
    await this.shared.acquire(this.key, this.configured, signal ?? new AbortController().signal);
  }
}

/** The runner's limiters when a shared limiter is set: same keys and rates, each one also shared. */
class SharedLimiterRegistry extends LimiterRegistry {
  private readonly shared: SharedLimiter;
  private readonly rateOf: (service: string) => number;
  private readonly own = new Map<string, AdaptiveRateLimiter>();
  constructor(rateFor: ((service: string) => number) | undefined, shared: SharedLimiter) {
    super(rateFor);
    this.rateOf = rateFor ?? (() => 10);
    this.shared = shared;
  }

  override get(account: string, region: string, service: string): AdaptiveRateLimiter {
    const key = `${account}|${region}|${service}`;
    let l = this.own.get(key);
    if (!l) this.own.set(key, (l = new SharedAdaptiveLimiter(this.rateOf(service), key, this.shared)));
    return l;
  }
}
