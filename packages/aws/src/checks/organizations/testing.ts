import { buildResource } from '../../testing/index.ts';
import type { OrganizationAttributes, OrganizationInfo } from '../../resources/organizations.ts';

export const ACCOUNT = '123456789012';

export function orgInfo(managementAccountId = ACCOUNT): OrganizationInfo {
  return {
    id: 'o-a1b2c3d4e5',
    arn: `arn:aws:organizations::${managementAccountId}:organization/o-a1b2c3d4e5`,
    featureSet: 'ALL',
    managementAccountId,
  };
}

export function organization(attrs: Partial<OrganizationAttributes>) {
  return buildResource<OrganizationAttributes>(
    'AwsOrganization',
    { organization: orgInfo(), rootPolicyTypes: null, tagPolicies: null, serviceControlPolicies: null, ...attrs },
    { name: ACCOUNT, account: ACCOUNT, region: 'global', id: `arn:aws:organizations::${ACCOUNT}:organization` },
  );
}

export const ROOT = { id: 'r-ab12', type: 'ROOT', name: 'Root' };
