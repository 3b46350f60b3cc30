import { defineAwsCheck } from '../../context.ts';
import type { OrganizationAttributes } from '../../resources/organizations.ts';

export default defineAwsCheck<OrganizationAttributes>({
  id: 'organizations_account_part_of_organizations',
  service: 'organizations',
  title: 'The account is a member of an AWS Organizations organization',
  severity: 'medium',
  resourceType: 'AwsOrganization',
  requires: ['organization'],
  categories: ['identity-access'],
  description:
    'Checks that the account belongs to an AWS Organizations organization, which enables central guardrails (SCPs), centralised security services and consolidated billing.',
  risk:
    'A standalone account cannot be governed by service control policies or managed by delegated security administrators, so its security baseline depends entirely on whoever holds its root and admin credentials.',
  remediation: {
    recommendation:
      'Create an organization from a dedicated management account, invite this account (or create new accounts in it), and enable all features.',
    cli: 'aws organizations invite-account-to-organization --target Id=<account-id>,Type=ACCOUNT   # from the management account\naws organizations accept-handshake --handshake-id <handshake-id>   # from this account',
    console: 'AWS Organizations console (management account) → AWS accounts → Add an AWS account → Invite an existing account.',
    url: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_invites.html',
  },
  evaluate(r) {
    const o = r.attributes.organization;
    if (!o) return { status: 'FAIL', message: `Account ${r.name} is not a member of an AWS Organizations organization.` };
    const role = o.managementAccountId === r.account ? 'the management account' : `a member (management account ${o.managementAccountId})`;
    return {
      status: 'PASS',
      message: `Account ${r.name} belongs to organization ${o.id} as ${role}, feature set ${o.featureSet ?? 'unknown'}.`,
    };
  },
});
