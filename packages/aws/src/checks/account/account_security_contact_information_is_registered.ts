import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<AccountAttributes>({
  id: 'account_security_contact_information_is_registered',
  service: 'account',
  title: 'Account has a security alternate contact registered',
  severity: 'medium',
  resourceType: 'AwsAccount',
  requires: ['securityContact'],
  categories: [],
  description: 'Checks through the Account API that the account has a security alternate contact with an email address.',
  risk: 'Without a security contact, AWS security notifications (abuse reports, exposed credentials) go only to the root email and may be missed.',
  remediation: {
    recommendation: 'Register a security alternate contact, ideally a monitored team mailbox rather than one person.',
    cli: 'aws account put-alternate-contact --alternate-contact-type SECURITY --name "Security team" --title "Security" --email-address security@example.com --phone-number "+1 206 555 0100"',
    terraform:
      'resource "aws_account_alternate_contact" "security" {\n  alternate_contact_type = "SECURITY"\n  name                   = "Security team"\n  title                  = "Security"\n  email_address          = "security@example.com"\n  phone_number           = "+12065550100"\n}',
    console: 'Billing and Cost Management console → Account → Alternate contacts → Security contact → Edit.',
    url: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
  },
  evaluate(account) {
    const c = account.attributes.securityContact;
    return c?.emailAddress
      ? { status: 'PASS', message: `Account ${account.name} has a security contact: ${c.name ?? ''} <${c.emailAddress}>.` }
      : { status: 'FAIL', message: `Account ${account.name} has no security alternate contact.` };
  },
});
