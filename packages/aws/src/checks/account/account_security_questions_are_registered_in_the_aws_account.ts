import { defineAwsCheck } from '../../context.ts';
import type { AccountAttributes } from '../../resources/iam.ts';

export default defineAwsCheck<AccountAttributes>({
  id: 'account_security_questions_are_registered_in_the_aws_account',
  service: 'account',
  title: 'Root user account recovery information (security challenge questions) is registered',
  severity: 'medium',
  resourceType: 'AwsAccount',
  requires: [],
  categories: [],
  description:
    'No API exposes the security challenge questions, so this check always asks for a manual review by someone who can sign in as the root user.',
  risk: 'If the root user\'s email or MFA device is lost, missing recovery information can make regaining control of the account slow or impossible.',
  remediation: {
    recommendation:
      'Sign in as the root user and review the account recovery settings: the root email, the primary contact phone number and, where the console still offers them, the security challenge questions. Store the answers securely.',
    console: 'Sign in as the root user → account menu → Account → Configure Security Challenge Questions.',
    url: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-security-challenge.html',
  },
  evaluate(account) {
    return {
      status: 'MANUAL',
      message: `Account ${account.name}: sign in as the root user and verify that the account recovery information (security challenge questions, contact phone and email) is registered and current.`,
    };
  },
});
