import type { PolicyDetail } from '@aws-sdk/client-iam';
import { IAMClient } from '@aws-sdk/client-iam';
import { defineAwsCollector } from '../../context.ts';
import type { InlinePolicyAttributes } from '../../resources/iam.ts';
import { authorizationDetails, decodePolicyDocument } from './lib/util.ts';

/**
 * Inline policies (`AwsIamInlinePolicy`, global): one resource per policy embedded in a
 * user, group or role, documents included, from one GetAccountAuthorizationDetails sweep.
 */
export default defineAwsCollector({
  id: 'iam-inline-policies',
  service: 'iam',
  resourceType: 'AwsIamInlinePolicy',
  scope: 'global',
  calls: [{ api: 'GetAccountAuthorizationDetails', action: 'iam:GetAccountAuthorizationDetails' }],
  attributes: {
    principalType: {},
    principalName: {},
    principalArn: {},
    policyName: {},
    document: {},
  },
  async *collect(ctx) {
    const iam = ctx.client(IAMClient);
    const details = await authorizationDetails(iam, ['User', 'Group', 'Role']);
    const make = (
      principalType: InlinePolicyAttributes['principalType'],
      principalName: string,
      principalArn: string,
      p: PolicyDetail,
    ) => {
      const policyName = p.PolicyName ?? '';
      const resource = ctx.resource<Partial<InlinePolicyAttributes>>({
        id: `${principalArn}/inline-policy/${policyName}`,
        name: `${principalName}/${policyName}`,
        attributes: { principalType, principalName, principalArn, policyName },
      });
      try {
        resource.attributes.document = decodePolicyDocument(p.PolicyDocument);
      } catch (err) {
        resource.errors.document = { code: 'MalformedPolicyDocument', message: (err as Error).message };
      }
      return resource;
    };
    for (const u of details.users) {
      for (const p of u.UserPolicyList ?? []) yield make('user', u.UserName ?? '', u.Arn ?? '', p);
    }
    for (const g of details.groups) {
      for (const p of g.GroupPolicyList ?? []) yield make('group', g.GroupName ?? '', g.Arn ?? '', p);
    }
    for (const r of details.roles) {
      for (const p of r.RolePolicyList ?? []) yield make('role', r.RoleName ?? '', r.Arn ?? '', p);
    }
  },
});
