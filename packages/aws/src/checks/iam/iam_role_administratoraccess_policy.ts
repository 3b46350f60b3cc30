import { defineAwsCheck } from '../../context.ts';
import type { RoleAttributes } from '../../resources/iam.ts';
import { findAwsManaged } from './lib/managed.ts';

export default defineAwsCheck<RoleAttributes>({
  id: 'iam_role_administratoraccess_policy',
  service: 'iam',
  title: 'IAM roles do not have the AdministratorAccess policy attached',
  severity: 'high',
  resourceType: 'AwsIamRole',
  requires: ['attachedPolicies'],
  categories: ['identity-access'],
  appliesTo: (role) => !role.attributes.serviceLinked,
  description: 'Checks that the AWS-managed AdministratorAccess policy is not attached to the IAM role.',
  risk: 'Anyone or anything that can assume the role, including compromised workloads or trusted accounts, gains full control of the account.',
  remediation: {
    recommendation: 'Replace AdministratorAccess with policies scoped to what the role does, and keep administrator roles few, MFA-protected and monitored.',
    cli: 'aws iam detach-role-policy --role-name NAME --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  evaluate(role) {
    const admin = findAwsManaged(role.attributes.attachedPolicies, 'AdministratorAccess');
    return admin
      ? { status: 'FAIL', message: `IAM role ${role.name} has the AdministratorAccess policy attached.` }
      : { status: 'PASS', message: `IAM role ${role.name} does not have the AdministratorAccess policy attached.` };
  },
});
