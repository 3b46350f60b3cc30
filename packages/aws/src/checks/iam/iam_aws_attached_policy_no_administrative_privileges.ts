import type { PolicyAttributes } from '../../resources/iam.ts';
import { ADMIN_OK, adminProblem, documentCheck } from './lib/document-check.ts';
import { managedLabel } from './lib/labels.ts';

export default documentCheck<PolicyAttributes>({
  id: 'iam_aws_attached_policy_no_administrative_privileges',
  severity: 'critical',
  resourceType: 'AwsIamPolicy',
  title: 'Attached AWS-managed policies do not allow full "*:*" administrator access',
  description:
    'Checks that no AWS-managed policy attached to a user, group or role allows every action on every resource (such as AdministratorAccess).',
  risk: 'Each principal holding the policy is a full administrator, able to change any setting, read any data and disable any control.',
  remediation: {
    recommendation:
      'Detach AWS-managed administrator policies and grant least-privilege policies; keep full administrator access to a few monitored, MFA-protected roles.',
    cli: 'aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  categories: ['identity-access'],
  appliesTo: (p) => p.attributes.awsManaged && p.attributes.attachmentCount > 0,
  label: managedLabel,
  problem: (doc) => {
    const p = adminProblem(doc);
    return p && `${p} and is attached`;
  },
  ok: ADMIN_OK,
});
