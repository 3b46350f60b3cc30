import { defineAwsCheck } from '../../context.ts';
import type { UserAttributes } from '../../resources/iam.ts';
import { findAwsManaged } from './lib/managed.ts';

export default defineAwsCheck<UserAttributes>({
  id: 'iam_user_administrator_access_policy',
  service: 'iam',
  title: 'IAM users do not have the AdministratorAccess policy attached',
  severity: 'critical',
  resourceType: 'AwsIamUser',
  requires: ['attachedPolicies'],
  categories: ['identity-access'],
  
  description: 'Checks that the AWS-managed AdministratorAccess policy is not attached to the IAM user.',
  risk: 'A user with full administrator rights carries long-lived credentials that can do anything in the account, including covering their tracks.',
  remediation: {
    recommendation: 'Give administrators a role to assume (with MFA) or an IAM Identity Center permission set instead of attaching AdministratorAccess to users.',
    cli: 'aws iam detach-user-policy --user-name NAME --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  evaluate(user) {
    const admin = findAwsManaged(user.attributes.attachedPolicies, 'AdministratorAccess');
    return admin
      ? { status: 'FAIL', message: `IAM user ${user.name} has the AdministratorAccess policy attached.` }
      : { status: 'PASS', message: `IAM user ${user.name} does not have the AdministratorAccess policy attached.` };
  },
});
