import { testCheck, withError } from '../../testing/index.ts';
import check from './guardduty_centrally_managed.ts';
import { guardduty } from './testing.ts';

testCheck(check, {
  pass: [
    {
      name: 'member of an administrator',
      resource: guardduty({ administrator: { accountId: '210987654321', relationshipStatus: 'Enabled' } }),
      message: 'administrator account 210987654321',
    },
    { name: 'administrator of members', resource: guardduty({ memberAccountIds: ['111111111111', '222222222222'] }), message: '2 member accounts' },
  ],
  fail: [
    { name: 'standalone', resource: guardduty({ administrator: null, memberAccountIds: [] }), message: 'no GuardDuty administrator' },
    {
      name: 'pending invitation',
      resource: guardduty({ administrator: { accountId: '210987654321', relationshipStatus: 'Invited' } }),
      message: 'relationship is Invited',
    },
  ],
  error: [
    { name: 'GetAdministratorAccount denied', resource: withError(guardduty({}), 'administrator'), code: 'AccessDenied' },
    { name: 'ListMembers denied', resource: withError(guardduty({}), 'memberAccountIds', 'AccessDeniedException'), code: 'AccessDeniedException' },
  ],
  notApplicable: [{ name: 'no detector', resource: guardduty({ detector: null }) }],
});
