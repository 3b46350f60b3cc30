import type { Resource, ScanStats } from '@vigil/engine';
import { LimiterRegistry, newStats } from '@vigil/engine';
import type { AwsCollector } from '../context.ts';
import { awsCollectContext } from '../scan-units.ts';

export interface CollectResult {
  resources: Resource[];
  stats: ScanStats;
  warnings: string[];
}

export interface CollectOptions {
  account?: string;
  /** Region of the unit: `global` for global collectors (the default for them), else us-east-1. */
  region?: string;
  /** Attributes to collect; all the collector declares by default. */
  wants?: string[];
}

/**
 * Runs a collector the way a scan does (rate limiter, retries with tiny back-off, call
 * counting) against whatever the test mocked with aws-sdk-client-mock.
 */
export async function collect(collector: AwsCollector, o: CollectOptions = {}): Promise<CollectResult> {
  const stats = newStats();
  const warnings: string[] = [];
  const rt = {
    stats,
    limiters: new LimiterRegistry(() => 10_000),
    retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 },
    signal: new AbortController().signal,
    warn: (m: string) => warnings.push(m),
  };
  const region = o.region ?? (collector.scope === 'global' ? 'global' : 'us-east-1');
  const ctx = awsCollectContext(
    rt,
    {
      account: o.account ?? '123456789012',
      partition: 'aws',
      homeRegion: 'us-east-1',
      credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }),
    },
    region,
    { collector, wants: new Set(o.wants ?? Object.keys(collector.attributes)) },
  );
  const resources: Resource[] = [];
  for await (const r of collector.collect(ctx)) resources.push(r);
  return { resources, stats, warnings };
}

/** An SDK-shaped service error (what the SDK throws for an error response). */
export function awsError(code: string, message = code, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), { name: code, $fault: 'client', $metadata: { httpStatusCode } });
}
