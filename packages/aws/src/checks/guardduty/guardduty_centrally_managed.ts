import { defineAwsCheck } from '../../context.ts';
import type { GuardDutyDetectorAttributes } from '../../resources/guardduty.ts';

export default defineAwsCheck<GuardDutyDetectorAttributes>({
  id: 'guardduty_centrally_managed',
  service: 'guardduty',
  title: 'GuardDuty is centrally managed through an administrator account',
  severity: 'medium',
  resourceType: 'AwsGuardDutyDetector',
  requires: ['administrator', 'memberAccountIds'],
  categories: [],
  description:
    'Checks that the GuardDuty detector of the region is part of a multi-account setup: the account is either an active member of a GuardDuty administrator account or is itself the administrator of member accounts.',
  risk:
    'Detectors managed account by account drift apart: new accounts are left unprotected, settings differ and findings are scattered, so the security team misses attacks that span accounts.',
  remediation: {
    recommendation:
      'Designate a GuardDuty delegated administrator for the organization and let it auto-enable GuardDuty for all member accounts.',
    cli: 'aws guardduty enable-organization-admin-account --admin-account-id <security-account-id>   # from the management account\naws guardduty update-organization-configuration --detector-id <id> --auto-enable-organization-members ALL   # from the administrator',
    terraform:
      'resource "aws_guardduty_organization_admin_account" "this" {\n  admin_account_id = "<security-account-id>"\n}',
    console: 'GuardDuty console (management account) → Settings → Delegated administrator → enter the security account id.',
    url: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html',
  },
  appliesTo: (r) => (r.attributes.detectorIds?.length ?? 0) > 0,
  evaluate(r) {
    const admin = r.attributes.administrator;
    const members = r.attributes.memberAccountIds ?? [];
    if (admin?.relationshipStatus === 'Enabled') {
      return { status: 'PASS', message: `${r.name} is managed by GuardDuty administrator account ${admin.accountId}.` };
    }
    if (members.length > 0) {
      return {
        status: 'PASS',
        message: `${r.name} is the GuardDuty administrator of ${members.length} member account${members.length === 1 ? '' : 's'}.`,
      };
    }
    if (admin) {
      return {
        status: 'FAIL',
        message: `${r.name} has administrator account ${admin.accountId} but the relationship is ${admin.relationshipStatus}, not Enabled.`,
      };
    }
    return { status: 'FAIL', message: `${r.name} has no GuardDuty administrator account and manages no member accounts.` };
  },
});
