import type { Resource } from './model.ts';

/** One cloud API operation and the IAM action it needs. */
export interface ApiCall {
  /** The SDK operation name, e.g. `ListUsers`. */
  api: string;
  /** The IAM action, e.g. `iam:ListUsers`. */
  action: string;
}

/** An attribute a collector can produce. Attributes without `calls` come from the listing. */
export interface AttributeSpec {
  /** Enrichment calls made only when a selected check requires the attribute. */
  calls?: readonly ApiCall[];
  /** Error codes that mean "not configured": the attribute becomes `null`, not an error. */
  notConfigured?: readonly string[];
  /** May hold secrets (user data, environment values): never written to a saved inventory. */
  sensitive?: boolean;
}

/** What every collector gets, whatever the provider. */
export interface CollectContext {
  provider: string;
  account: string;
  region: string;
  /** True when a selected check needs this attribute; skip its calls otherwise. */
  wants(attribute: string): boolean;
  /**
   * Runs one API call under the rate limiter of `service`, retrying throttling and
   * transient errors with back-off. Counted in the scan's API call figures.
   */
  call<T>(service: string, api: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Fills one enrichment attribute of a resource when it is wanted: `null` for a
   * "not configured" error code, the error recorded on the attribute for any other error.
   */
  enrich<A extends object, K extends keyof A & string>(
    resource: Resource<A>,
    attribute: K,
    fn: () => Promise<A[K]>,
  ): Promise<void>;
  /** Builds a resource of the collector's type in this account and region. */
  resource<A extends object>(init: ResourceInit<A>): Resource<A>;
  /** Maps items with bounded concurrency, keeping order. */
  map<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, concurrency?: number): Promise<R[]>;
  signal: AbortSignal;
  /** A warning worth telling the user (for example a capped listing). */
  warn(message: string): void;
}

export interface ResourceInit<A extends object> {
  id: string;
  name: string;
  region?: string;
  type?: string;
  tags?: Record<string, string>;
  attributes: A;
}

export interface CollectorSpec<Ctx extends CollectContext = CollectContext> {
  /** Stable id, e.g. `iam-users`. */
  id: string;
  /** The service (rate-limiter key and `--services` name), e.g. `iam`. */
  service: string;
  resourceType: string;
  /** `global`: collected once per account; `regional`: once per enabled region. */
  scope: 'global' | 'regional';
  /** Calls always made to list the resources. */
  calls: readonly ApiCall[];
  /** Every attribute the collector produces. */
  attributes: Readonly<Record<string, AttributeSpec>>;
  collect(ctx: Ctx): AsyncIterable<Resource>;
}

export type Collector<Ctx extends CollectContext = CollectContext> = CollectorSpec<Ctx>;

/** Defines a collector: a declaration of the calls it makes and the attributes it produces. */
export function defineCollector<Ctx extends CollectContext>(spec: CollectorSpec<Ctx>): Collector<Ctx> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(spec.id)) throw new Error(`Invalid collector id ${spec.id}`);
  for (const call of spec.calls) assertCall(spec.id, call);
  for (const [name, attr] of Object.entries(spec.attributes)) {
    for (const call of attr.calls ?? []) assertCall(`${spec.id}.${name}`, call);
  }
  return spec;
}

function assertCall(where: string, call: ApiCall): void {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(call.api) || !/^[a-z0-9-]+:[A-Za-z0-9*]+$/.test(call.action)) {
    throw new Error(`Invalid API call in ${where}: ${JSON.stringify(call)}`);
  }
}

/** Runs `fn` over `items` with at most `concurrency` at a time; results keep input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  fn: (item: T) => Promise<R>,
  concurrency = 8,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
