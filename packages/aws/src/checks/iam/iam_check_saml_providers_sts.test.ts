import { testCheck, withError } from '../../testing/index.ts';
import { account, ACCOUNT } from './lib/fixtures.ts';
import check from './iam_check_saml_providers_sts.ts';

testCheck(check, {
  pass: [
    {
      name: 'identity center provider',
      resource: account({
        samlProviders: [{ arn: `arn:aws:iam::${ACCOUNT}:saml-provider/AWSSSO_abc_DO_NOT_DELETE`, createDate: null, validUntil: null }],
      }),
      message: 'AWSSSO_abc_DO_NOT_DELETE',
    },
  ],
  fail: [{ name: 'none', resource: account({ samlProviders: [] }), message: 'no SAML identity provider' }],
  error: [{ name: 'access denied', resource: withError(account({}), 'samlProviders'), code: 'AccessDenied' }],
});
