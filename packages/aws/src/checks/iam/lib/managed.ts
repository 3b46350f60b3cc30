import type { AttachedPolicyRef } from '../../../resources/iam.ts';

/** The attached AWS-managed policy called `name` (any partition), if any. */
export function findAwsManaged(policies: readonly AttachedPolicyRef[], name: string): AttachedPolicyRef | undefined {
  return policies.find((p) => new RegExp(`^arn:[^:]+:iam::aws:policy/(?:.*/)?${name}$`).test(p.policyArn));
}
