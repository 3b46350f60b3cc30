import { defineAwsCheck } from '../../context.ts';
import type { GroupAttributes } from '../../resources/iam.ts';
import { findAwsManaged } from './lib/managed.ts';

export default defineAwsCheck<GroupAttributes>({
  id: 'iam_group_administrator_access_policy',
  service: 'iam',
  title: 'IAM groups do not have the AdministratorAccess policy attached',
  severity: 'high',
  resourceType: 'AwsIamGroup',
  requires: ['attachedPolicies'],
  categories: ['identity-access'],
  
  description: 'Checks that the AWS-managed AdministratorAccess policy is not attached to the IAM group.',
  risk: 'Every current and future member of the group becomes a full administrator, often without anyone reviewing the membership.',
  remediation: {
    recommendation: 'Detach AdministratorAccess from the group and grant least-privilege policies; keep administrator access to a few roles.',
    cli: 'aws iam detach-group-policy --group-name NAME --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  evaluate(group) {
    const admin = findAwsManaged(group.attributes.attachedPolicies, 'AdministratorAccess');
    return admin
      ? { status: 'FAIL', message: `IAM group ${group.name} has the AdministratorAccess policy attached.` }
      : { status: 'PASS', message: `IAM group ${group.name} does not have the AdministratorAccess policy attached.` };
  },
});
