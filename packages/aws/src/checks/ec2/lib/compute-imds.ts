import type { MetadataOptions } from '../../../resources/ec2-compute.ts';

/** How IMDS is configured: IMDSv2 enforced, endpoint off, or IMDSv1 still usable. */
export type ImdsPosture = 'v2-required' | 'endpoint-disabled' | 'v1-allowed';

/**
 * Classifies metadata options. IMDSv1 is out of reach when tokens are required or when the
 * metadata endpoint is disabled; anything else (including no options at all) leaves it usable.
 */
export function imdsPosture(m: MetadataOptions | null | undefined): ImdsPosture {
  if (m?.httpEndpoint === 'disabled') return 'endpoint-disabled';
  if (m?.httpTokens === 'required') return 'v2-required';
  return 'v1-allowed';
}

/** Words for a posture, for finding messages. */
export function describeImds(m: MetadataOptions | null | undefined): string {
  switch (imdsPosture(m)) {
    case 'endpoint-disabled':
      return 'has the instance metadata endpoint disabled';
    case 'v2-required':
      return 'requires IMDSv2 (session tokens)';
    default:
      return m?.httpTokens
        ? `allows IMDSv1 (HttpTokens is ${m.httpTokens})`
        : 'does not require IMDSv2 (HttpTokens not set)';
  }
}
