import { testCheck, withError } from '../../testing/index.ts';
import { account } from '../iam/lib/fixtures.ts';
import check from './account_security_contact_information_is_registered.ts';

testCheck(check, {
  pass: [
    {
      name: 'registered',
      resource: account({ securityContact: { name: 'SecOps', title: 'Security', emailAddress: 'sec@example.com', phoneNumber: '+1' } }),
      message: 'sec@example.com',
    },
  ],
  fail: [
    { name: 'not set', resource: account({ securityContact: null }), message: 'no security alternate contact' },
    { name: 'no email', resource: account({ securityContact: { name: 'x', title: null, emailAddress: null, phoneNumber: null } }) },
  ],
  error: [{ name: 'denied', resource: withError(account({}), 'securityContact', 'AccessDeniedException'), code: 'AccessDeniedException' }],
});
