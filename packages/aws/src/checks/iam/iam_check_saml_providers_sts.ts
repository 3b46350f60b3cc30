import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<AccountAttributes>({
  id: 'iam_check_saml_providers_sts',
  service: 'iam',
  title: 'Account federates identities through a SAML identity provider',
  severity: 'low',
  resourceType: 'AwsAccount',
  requires: ['samlProviders'],
  categories: ['identity-access'],
  description:
    'Checks that the account has at least one SAML identity provider (including the one IAM Identity Center creates), a sign that people sign in through central federation rather than as IAM users.',
  risk: 'Managing people as IAM users in every account multiplies long-lived passwords and keys and makes joiners and leavers hard to handle consistently.',
  remediation: {
    recommendation:
      'Manage workforce access centrally with IAM Identity Center or a SAML 2.0 identity provider, and remove IAM users used by people.',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_saml.html',
  },
  evaluate(account) {
    const providers = account.attributes.samlProviders;
    if (providers.length === 0) {
      return { status: 'FAIL', message: `Account ${account.name} has no SAML identity provider.` };
    }
    const names = providers.map((p) => p.arn.split('/').pop()).join(', ');
    return { status: 'PASS', message: `Account ${account.name} has SAML identity providers: ${names}.` };
  },
});
