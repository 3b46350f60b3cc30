import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

const REQUIRED = [
  ['fullName', 'full name'],
  ['phoneNumber', 'phone number'],
  ['addressLine1', 'address'],
  ['city', 'city'],
  ['countryCode', 'country'],
] as const;

export default defineAwsCheck<AccountAttributes>({
  id: 'account_maintain_current_contact_details',
  service: 'account',
  title: 'Account primary contact details are complete and kept current',
  severity: 'medium',
  resourceType: 'AwsAccount',
  requires: ['contactInformation'],
  categories: [],
  description:
    'Reads the primary contact of the account through the Account API: missing details fail; complete details still need a person to confirm they are current, so the check then asks for a manual review.',
  risk: 'AWS uses the account contacts to warn about abuse, compromise or billing problems; outdated details mean those warnings reach nobody and the account can be suspended.',
  remediation: {
    recommendation:
      'Keep the primary contact (name, address, phone) and the root email address current and reachable by more than one person.',
    cli: 'aws account put-contact-information --contact-information file://contact.json',
    console: 'Billing and Cost Management console → Account → Contact information → Edit.',
    url: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html',
  },
  evaluate(account) {
    const c = account.attributes.contactInformation;
    if (!c) return { status: 'FAIL', message: `Account ${account.name} has no primary contact information.` };
    const missing = REQUIRED.filter(([field]) => !c[field]?.trim()).map(([, label]) => label);
    if (missing.length > 0) {
      return { status: 'FAIL', message: `Account ${account.name} primary contact lacks: ${missing.join(', ')}.` };
    }
    const who = [c.fullName, c.companyName].filter(Boolean).join(', ');
    return {
      status: 'MANUAL',
      message: `Account ${account.name} primary contact is ${who} (${c.phoneNumber}); confirm it and the root email address are current.`,
    };
  },
});
