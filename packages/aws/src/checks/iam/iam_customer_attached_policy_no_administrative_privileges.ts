import type { PolicyAttributes } from '../../resources/iam.ts';
import { ADMIN_OK, adminProblem, documentCheck } from './lib/document-check.ts';
import { managedLabel } from './lib/labels.ts';

export default documentCheck<PolicyAttributes>({
  id: 'iam_customer_attached_policy_no_administrative_privileges',
  severity: 'high',
  resourceType: 'AwsIamPolicy',
  title: 'Attached customer-managed policies do not allow full "*:*" administrator access',
  description:
    'Checks that the default version of each customer-managed policy attached to a user, group or role does not allow every action on every resource.',
  risk: 'Each principal holding the policy is a full administrator, able to change any setting, read any data and disable any control.',
  remediation: {
    recommendation: 'Rewrite the policy to list only the actions and resources needed, then set the new version as default.',
    cli: 'aws iam create-policy-version --policy-arn ARN --policy-document file://least-privilege.json --set-as-default',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  categories: ['identity-access'],
  appliesTo: (p) => !p.attributes.awsManaged && p.attributes.attachmentCount > 0,
  label: managedLabel,
  problem: (doc) => {
    const p = adminProblem(doc);
    return p && `${p} and is attached`;
  },
  ok: ADMIN_OK,
});
