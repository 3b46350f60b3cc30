import { testCheck, withError } from '../../testing/index.ts';
import check from './organizations_account_part_of_organizations.ts';
import { organization, orgInfo } from './testing.ts';

testCheck(check, {
  pass: [
    { name: 'management account', resource: organization({}), message: 'the management account' },
    { name: 'member account', resource: organization({ organization: orgInfo('210987654321') }), message: 'management account 210987654321' },
  ],
  fail: [{ name: 'standalone account', resource: organization({ organization: null }), message: 'not a member' }],
  error: [{ name: 'DescribeOrganization denied', resource: withError(organization({ organization: null }), 'organization', 'AccessDeniedException'), code: 'AccessDeniedException' }],
});
