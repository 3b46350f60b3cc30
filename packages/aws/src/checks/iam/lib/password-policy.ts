import { defineAwsCheck } from '../../../context.ts';
import type { AccountAttributes, PasswordPolicy } from '../../../resources/iam.ts';
import type { Check, Severity } from '@vigil/engine';

const URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html';

/** A password-policy check that one boolean requirement is switched on. */
export function passwordRequirementCheck(o: {
  id: string;
  severity: Severity;
  field: keyof Pick<
    PasswordPolicy,
    'requireUppercaseCharacters' | 'requireLowercaseCharacters' | 'requireNumbers' | 'requireSymbols'
  >;
  /** e.g. "at least one uppercase letter" */
  what: string;
  cliFlag: string;
  terraformField: string;
}): Check {
  return defineAwsCheck<AccountAttributes>({
    id: o.id,
    service: 'iam',
    title: `IAM password policy requires ${o.what}`,
    severity: o.severity,
    resourceType: 'AwsAccount',
    requires: ['passwordPolicy'],
    categories: ['identity-access'],
    description: `Checks that the account password policy makes IAM user passwords contain ${o.what}.`,
    risk: `Without a requirement for ${o.what}, users can choose passwords from a smaller character set that are faster to guess or brute-force.`,
    remediation: {
      recommendation: `Turn on the password policy requirement for ${o.what}.`,
      cli: `aws iam update-account-password-policy ${o.cliFlag} # other settings you omit are reset to their defaults`,
      terraform: `resource "aws_iam_account_password_policy" "strict" {\n  ${o.terraformField} = true\n}`,
      console: 'IAM console → Account settings → Password policy → Edit.',
      url: URL,
    },
    evaluate(account) {
      const policy = account.attributes.passwordPolicy;
      if (!policy) return { status: 'FAIL', message: `Account ${account.name} has no IAM password policy.` };
      return policy[o.field]
        ? { status: 'PASS', message: `Account ${account.name} password policy requires ${o.what}.` }
        : { status: 'FAIL', message: `Account ${account.name} password policy does not require ${o.what}.` };
    },
  });
}
