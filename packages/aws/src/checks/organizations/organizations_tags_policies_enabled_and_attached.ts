import { defineAwsCheck } from '../../context.ts';
import type { OrganizationAttributes } from '../../resources/organizations.ts';

export default defineAwsCheck<OrganizationAttributes>({
  id: 'organizations_tags_policies_enabled_and_attached',
  service: 'organizations',
  title: 'Tag policies are enabled in the organization and at least one is attached',
  severity: 'low',
  resourceType: 'AwsOrganization',
  requires: ['rootPolicyTypes', 'tagPolicies'],
  categories: [],
  description:
    'In the organization management account, checks that the TAG_POLICY policy type is enabled on the root and that at least one tag policy is attached to the root, an OU or an account.',
  risk:
    'Without tag policies, tag keys and values drift across accounts, which breaks cost allocation, ownership lookup during incidents and tag-based access control (ABAC) conditions.',
  remediation: {
    recommendation: 'Enable tag policies on the organization root, write a tag policy for the mandatory tags and attach it to the root or OUs.',
    cli: 'aws organizations enable-policy-type --root-id <root-id> --policy-type TAG_POLICY\naws organizations create-policy --type TAG_POLICY --name <name> --content file://tag-policy.json\naws organizations attach-policy --policy-id <policy-id> --target-id <root-or-ou-id>',
    terraform:
      'resource "aws_organizations_policy" "tags" {\n  name    = "tag-policy"\n  type    = "TAG_POLICY"\n  content = file("tag-policy.json")\n}\nresource "aws_organizations_policy_attachment" "tags" {\n  policy_id = aws_organizations_policy.tags.id\n  target_id = "<root-or-ou-id>"\n}',
    console: 'AWS Organizations console → Policies → Tag policies → Enable, then Create policy and attach it.',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_tag-policies.html',
  },
  // The policy APIs answer only in the management account; the collector reads them there.
  appliesTo: (r) => r.attributes.organization?.managementAccountId === r.account,
  evaluate(r) {
    const status = r.attributes.rootPolicyTypes?.TAG_POLICY;
    if (status !== 'ENABLED') {
      return { status: 'FAIL', message: `Account ${r.name}: the TAG_POLICY policy type is ${status ?? 'not enabled'} on the organization root.` };
    }
    const policies = r.attributes.tagPolicies ?? [];
    const attached = policies.filter((p) => p.targets.length > 0);
    if (attached.length === 0) {
      return {
        status: 'FAIL',
        message: `Account ${r.name}: tag policies are enabled but none of the ${policies.length} tag polic${policies.length === 1 ? 'y is' : 'ies are'} attached.`,
      };
    }
    return { status: 'PASS', message: `Account ${r.name}: tag policies are enabled and ${attached.map((p) => p.name).join(', ')} attached.` };
  },
});
