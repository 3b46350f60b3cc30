import { testCheck, withError } from '../../testing/index.ts';
import type { ContactInformation } from '../../resources/iam.ts';
import { account } from '../iam/lib/fixtures.ts';
import check from './account_maintain_current_contact_details.ts';

const contact: ContactInformation = {
  fullName: 'Jane Doe',
  companyName: 'Example Corp',
  phoneNumber: '+1 206 555 0100',
  addressLine1: '1 Main St',
  city: 'Seattle',
  stateOrRegion: 'WA',
  postalCode: '98101',
  countryCode: 'US',
  websiteUrl: null,
};

testCheck(check, {
  manual: [{ name: 'complete', resource: account({ contactInformation: contact }), message: 'Jane Doe, Example Corp' }],
  fail: [
    { name: 'no phone', resource: account({ contactInformation: { ...contact, phoneNumber: ' ' } }), message: 'lacks: phone number' },
    { name: 'none', resource: account({ contactInformation: null }), message: 'no primary contact' },
  ],
  error: [{ name: 'denied', resource: withError(account({}), 'contactInformation', 'AccessDeniedException'), code: 'AccessDeniedException' }],
});
