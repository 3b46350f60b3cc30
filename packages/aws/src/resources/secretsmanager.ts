/** Attribute shapes of Secrets Manager resources, as the Secrets Manager collectors produce them. */
import type { PolicyDocument } from '../lib/resource-policy.ts';

/** `AwsSecretsManagerSecret`: one per secret, regional. Dates are ISO-8601 strings. */
export interface SecretsManagerSecretAttributes {
  rotationEnabled: boolean;
  /** Rotation interval in days, when rotation is configured with one. */
  rotationAfterDays: number | null;
  rotationSchedule: string | null;
  lastRotatedDate: string | null;
  /** Day (UTC midnight) of the last retrieval; `null` if never accessed. */
  lastAccessedDate: string | null;
  lastChangedDate: string | null;
  createdDate: string | null;
  /** KMS key used to encrypt the secret, `null` for the AWS managed key. */
  kmsKeyId: string | null;
  /** The AWS service that manages the secret (e.g. `rds`), `null` for user-managed secrets. */
  owningService: string | null;
  /** Resource policy, `null` when the secret has none. */
  policy: PolicyDocument | null;
}
