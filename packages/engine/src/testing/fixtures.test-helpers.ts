// Shared fixtures for the engine's own tests (not part of the public testing API).
import { defineCheck } from '../check.ts';
import type { Resource } from '../model.ts';
import type { ScanUnit } from '../runner.ts';
import { buildResource } from './builders.ts';

export interface BucketAttrs {
  encrypted: boolean;
  logging: string | null;
}

export const bucketEncrypted = defineCheck<BucketAttrs>({
  id: 'test_bucket_encrypted',
  provider: 'test',
  service: 'storage',
  title: 'Buckets are encrypted',
  severity: 'high',
  resourceType: 'Bucket',
  requires: ['encrypted'],
  description: 'Checks that buckets are encrypted.',
  risk: 'Unencrypted data can be read.',
  remediation: { recommendation: 'Turn on encryption.' },
  evaluate: (r) =>
    r.attributes.encrypted
      ? { status: 'PASS', message: `Bucket ${r.name} is encrypted.` }
      : { status: 'FAIL', message: `Bucket ${r.name} is not encrypted.` },
});

export interface TrailAttrs {
  bucket: string;
}

/** A cross-resource check: the trail's bucket must have logging. */
export const trailBucketLogging = defineCheck<TrailAttrs>({
  id: 'test_trail_bucket_logging',
  provider: 'test',
  service: 'audit',
  title: 'Trail buckets have access logging',
  severity: 'medium',
  resourceType: 'Trail',
  requires: ['bucket'],
  uses: { Bucket: ['logging'] },
  description: 'Checks the trail bucket logs access.',
  risk: 'Tampering goes unseen.',
  remediation: { recommendation: 'Enable logging on the bucket.' },
  evaluate(r, ctx) {
    const bucket = ctx.related<BucketAttrs>('Bucket').find((b) => b.name === r.attributes.bucket);
    if (!bucket) return { status: 'MANUAL', message: `Trail ${r.name} writes to ${r.attributes.bucket}, outside the account.` };
    return bucket.attributes.logging
      ? { status: 'PASS', message: `Trail ${r.name} bucket ${bucket.name} has access logging.` }
      : { status: 'FAIL', message: `Trail ${r.name} bucket ${bucket.name} has no access logging.` };
  },
});

export function bucket(name: string, attrs: Partial<BucketAttrs> = {}, account = '111111111111'): Resource {
  return buildResource('Bucket', { encrypted: true, logging: 'logs', ...attrs }, { name, account, provider: 'test', id: `bucket:${name}` }) as Resource;
}

export function trail(name: string, bucketName: string, account = '111111111111'): Resource {
  return buildResource('Trail', { bucket: bucketName }, { name, account, provider: 'test', id: `trail:${name}` }) as Resource;
}

/** A unit that yields the given resources (after an optional delay) or throws an error. */
export function unit(
  account: string,
  type: string,
  resources: Resource[],
  o: { region?: string; error?: { code: string; message: string }; delayMs?: number } = {},
): ScanUnit {
  const region = o.region ?? 'us-east-1';
  return {
    id: `${account}/${region}/${type}`,
    provider: 'test',
    account,
    region,
    service: type.toLowerCase(),
    resourceType: type,
    async *run() {
      if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));
      yield* resources;
      if (o.error) throw Object.assign(new Error(o.error.message), { name: o.error.code });
    },
  };
}
