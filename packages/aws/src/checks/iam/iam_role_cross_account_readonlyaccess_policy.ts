import { defineAwsCheck } from '../../context.ts';
import type { RoleAttributes } from '../../resources/iam.ts';
import { findAwsManaged } from './lib/managed.ts';
import { principalAccount, statementsOf } from './lib/policy.ts';

export default defineAwsCheck<RoleAttributes>({
  id: 'iam_role_cross_account_readonlyaccess_policy',
  service: 'iam',
  title: 'IAM roles that other accounts can assume do not have the ReadOnlyAccess policy attached',
  severity: 'high',
  resourceType: 'AwsIamRole',
  requires: ['attachedPolicies', 'assumeRolePolicyDocument'],
  categories: ['trust-boundaries', 'identity-access'],
  appliesTo: (role) => !role.attributes.serviceLinked,
  description:
    'Checks that a role whose trust policy allows principals of another AWS account (or anyone) does not carry the AWS-managed ReadOnlyAccess policy.',
  risk: 'ReadOnlyAccess can read data in many services (for example S3 objects and DynamoDB items); handing it to another account exposes far more than a third party usually needs.',
  remediation: {
    recommendation:
      'Give third parties a narrower policy (for example SecurityAudit or ViewOnlyAccess, or a custom one), and require an external ID in the trust policy.',
    cli: 'aws iam detach-role-policy --role-name NAME --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
  },
  evaluate(role) {
    if (!findAwsManaged(role.attributes.attachedPolicies, 'ReadOnlyAccess')) {
      return { status: 'PASS', message: `IAM role ${role.name} does not have the ReadOnlyAccess policy attached.` };
    }
    const external = new Set<string>();
    for (const s of statementsOf(role.attributes.assumeRolePolicyDocument)) {
      if (s.effect !== 'Allow' || !s.principal) continue;
      for (const p of s.principal.aws) {
        const acct = principalAccount(p);
        if (acct === undefined || acct !== role.account) external.add(acct === '*' ? 'anyone' : (acct ?? p));
      }
    }
    if (external.size === 0) {
      return { status: 'PASS', message: `IAM role ${role.name} has ReadOnlyAccess but trusts only its own account.` };
    }
    return {
      status: 'FAIL',
      message: `IAM role ${role.name} has ReadOnlyAccess and can be assumed by ${[...external].join(', ')}.`,
    };
  },
});
