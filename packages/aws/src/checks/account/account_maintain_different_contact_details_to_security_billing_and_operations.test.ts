import { testCheck, withError } from '../../testing/index.ts';
import { account } from '../iam/lib/fixtures.ts';
import check from './account_maintain_different_contact_details_to_security_billing_and_operations.ts';

const c = (emailAddress: string) => ({ name: 'Team', title: null, emailAddress, phoneNumber: null });

testCheck(check, {
  pass: [
    {
      name: 'distinct',
      resource: account({ securityContact: c('sec@x.io'), billingContact: c('bill@x.io'), operationsContact: c('ops@x.io') }),
      message: 'distinct',
    },
  ],
  fail: [
    { name: 'missing operations', resource: account({ securityContact: c('sec@x.io'), billingContact: c('bill@x.io'), operationsContact: null }), message: 'no operations' },
    {
      name: 'shared mailbox',
      resource: account({ securityContact: c('All@x.io'), billingContact: c('all@x.io'), operationsContact: c('ops@x.io') }),
      message: 'security and billing share all@x.io',
    },
  ],
  error: [
    {
      name: 'denied',
      resource: withError(account({ securityContact: c('a@x.io'), operationsContact: c('b@x.io') }), 'billingContact', 'AccessDeniedException'),
      code: 'AccessDeniedException',
    },
  ],
});
