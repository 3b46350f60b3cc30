import type { Resource } from '@vigil/engine';
import type { InlinePolicyAttributes, PolicyAttributes } from '../../../resources/iam.ts';

export const managedLabel = (r: Resource<PolicyAttributes>) =>
  r.attributes.awsManaged ? 'AWS-managed policy' : 'Customer-managed policy';
export const inlineLabel = (r: Resource<InlinePolicyAttributes>) => `Inline policy of ${r.attributes.principalType}`;
