import { testCheck, withError } from '../../testing/index.ts';
import type { OrganizationPolicy } from '../../resources/organizations.ts';
import check from './organizations_tags_policies_enabled_and_attached.ts';
import { organization, orgInfo, ROOT } from './testing.ts';

const tagPolicy = (targets: OrganizationPolicy['targets']): OrganizationPolicy => ({
  id: 'p-tag1',
  arn: 'arn:aws:organizations::123456789012:policy/o-a1b2c3d4e5/tag_policy/p-tag1',
  name: 'cost-center',
  awsManaged: false,
  targets,
});
const enabled = { TAG_POLICY: 'ENABLED', SERVICE_CONTROL_POLICY: 'ENABLED' };

testCheck(check, {
  pass: [{ name: 'enabled and attached', resource: organization({ rootPolicyTypes: enabled, tagPolicies: [tagPolicy([ROOT])] }), message: 'cost-center' }],
  fail: [
    { name: 'policy type not enabled', resource: organization({ rootPolicyTypes: { SERVICE_CONTROL_POLICY: 'ENABLED' }, tagPolicies: [] }), message: 'not enabled' },
    { name: 'pending enable', resource: organization({ rootPolicyTypes: { TAG_POLICY: 'PENDING_ENABLE' }, tagPolicies: [] }), message: 'PENDING_ENABLE' },
    { name: 'no tag policy', resource: organization({ rootPolicyTypes: enabled, tagPolicies: [] }), message: 'none of the 0' },
    { name: 'tag policy not attached', resource: organization({ rootPolicyTypes: enabled, tagPolicies: [tagPolicy([])] }), message: 'none of the 1 tag policy' },
  ],
  error: [
    { name: 'ListPolicies denied', resource: withError(organization({ rootPolicyTypes: enabled }), 'tagPolicies', 'AccessDeniedException'), code: 'AccessDeniedException' },
  ],
  notApplicable: [
    { name: 'member account', resource: organization({ organization: orgInfo('210987654321') }) },
    { name: 'not in an organization', resource: organization({ organization: null }) },
  ],
});
