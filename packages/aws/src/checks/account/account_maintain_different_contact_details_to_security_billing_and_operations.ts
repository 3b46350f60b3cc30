import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<AccountAttributes>({
  id: 'account_maintain_different_contact_details_to_security_billing_and_operations',
  service: 'account',
  title: 'Account has distinct security, billing and operations alternate contacts',
  severity: 'medium',
  resourceType: 'AwsAccount',
  requires: ['securityContact', 'billingContact', 'operationsContact'],
  categories: ['resilience'],
  description:
    'Checks that the security, billing and operations alternate contacts are all set and that no two of them share an email address.',
  risk: 'When one mailbox receives every kind of notice, or a kind has no contact, urgent security or operational messages get lost among the others.',
  remediation: {
    recommendation: 'Set each alternate contact to the team that handles that kind of notice, with its own email address.',
    cli: 'aws account put-alternate-contact --alternate-contact-type OPERATIONS --name "Ops" --title "Operations" --email-address ops@example.com --phone-number "+1 206 555 0100"',
    console: 'Billing and Cost Management console → Account → Alternate contacts.',
    url: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
  },
  evaluate(account) {
    const contacts = [
      ['security', account.attributes.securityContact],
      ['billing', account.attributes.billingContact],
      ['operations', account.attributes.operationsContact],
    ] as const;
    const missing = contacts.filter(([, c]) => !c?.emailAddress).map(([kind]) => kind);
    if (missing.length > 0) {
      return { status: 'FAIL', message: `Account ${account.name} has no ${missing.join(', ')} alternate contact.` };
    }
    const byEmail = new Map<string, string[]>();
    for (const [kind, c] of contacts) {
      const email = (c?.emailAddress ?? '').trim().toLowerCase();
      byEmail.set(email, [...(byEmail.get(email) ?? []), kind]);
    }
    const shared = [...byEmail.entries()].filter(([, kinds]) => kinds.length > 1);
    if (shared.length > 0) {
      const what = shared.map(([email, kinds]) => `${kinds.join(' and ')} share ${email}`).join('; ');
      return { status: 'FAIL', message: `Account ${account.name} alternate contacts are not distinct: ${what}.` };
    }
    return { status: 'PASS', message: `Account ${account.name} has distinct security, billing and operations contacts.` };
  },
});
