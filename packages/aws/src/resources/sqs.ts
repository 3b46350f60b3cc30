/** Attribute shapes of SQS resources, as the SQS collectors produce them. */
import type { PolicyDocument } from '../lib/resource-policy.ts';

/** `AwsSqsQueue`: one per queue, regional. */
export interface SqsQueueAttributes {
  url: string;
  /** KMS key used for SSE-KMS, `null` when not set. */
  kmsMasterKeyId: string | null;
  /** True when SSE-SQS (SQS managed keys) is enabled. */
  sqsManagedSseEnabled: boolean;
  /** Access policy of the queue, `null` when it has none. */
  policy: PolicyDocument | null;
  tags: Record<string, string>;
}
