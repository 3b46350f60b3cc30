import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { CollectContext, Collector, Check, CheckSpec } from '@vigil/engine';
import { defineCheck, defineCollector } from '@vigil/engine';
import type { z } from 'zod';

/** How to reach one AWS account: credentials, partition and optional custom endpoint. */
export interface AwsSession {
  account: string;
  partition: string;
  credentials?: AwsCredentialIdentityProvider;
  /** Custom endpoint for every service (`--endpoint-url`); S3 then uses path-style addressing. */
  endpoint?: string;
  /** Region used for global services' API calls. */
  homeRegion: string;
}

/** The collector context for AWS: the engine's context plus SDK clients wired to it. */
export interface AwsCollectContext extends CollectContext {
  partition: string;
  /** Region for the API calls (the home region for global collectors). */
  apiRegion: string;
  /**
   * An SDK v3 client for this account and region whose every `send` goes through the
   * scan's rate limiter, retry policy and call counter. Created once per unit. Pass
   * `region` to call another region than the unit's (e.g. an S3 bucket's own region).
   */
  client<C extends { send: (...args: never[]) => Promise<unknown> }>(ctor: new (config: never) => C, region?: string): C;
  /** Builds an ARN in this account: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
  arn(service: string, resource: string, region?: string): string;
}

export type AwsCollector = Collector<AwsCollectContext>;

/** Defines an AWS collector (see `defineCollector`). */
export function defineAwsCollector(spec: AwsCollector): AwsCollector {
  return defineCollector<AwsCollectContext>(spec);
}

/** Defines an AWS check: `defineCheck` with `provider: 'aws'`. */
export function defineAwsCheck<A extends object, S extends z.ZodObject<z.ZodRawShape> | undefined = undefined>(
  spec: Omit<CheckSpec<A, S>, 'provider'>,
): Check {
  return defineCheck<A, S>({ ...spec, provider: 'aws' } as CheckSpec<A, S>);
}

/** Rate-limiter key for a client class: `IAMClient` → `iam`. */
export function serviceKey(ctor: { name: string }): string {
  return ctor.name.replace(/Client$/, '').toLowerCase();
}
