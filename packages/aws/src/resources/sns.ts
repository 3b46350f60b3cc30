/** Attribute shapes of SNS resources, as the SNS collectors produce them. */
import type { PolicyDocument } from '../lib/resource-policy.ts';

export interface SnsSubscription {
  subscriptionArn: string;
  /** `http`, `https`, `sqs`, `lambda`, `email`, … (endpoints are not collected). */
  protocol: string;
}

/** `AwsSnsTopic`: one per topic, regional. */
export interface SnsTopicAttributes {
  /** KMS key used for server-side encryption, `null` when the topic is not encrypted. */
  kmsMasterKeyId: string | null;
  /** Access policy of the topic (`null` if it has none). */
  policy: PolicyDocument | null;
  /** Subscriptions of the topic (pending confirmations included). */
  subscriptions: SnsSubscription[];
  tags: Record<string, string>;
}
