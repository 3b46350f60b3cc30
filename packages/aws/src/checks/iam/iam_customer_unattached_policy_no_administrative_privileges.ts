import type { PolicyAttributes } from '../../resources/iam.ts';
import { ADMIN_OK, adminProblem, documentCheck } from './lib/document-check.ts';
import { managedLabel } from './lib/labels.ts';

export default documentCheck<PolicyAttributes>({
  id: 'iam_customer_unattached_policy_no_administrative_privileges',
  severity: 'medium',
  resourceType: 'AwsIamPolicy',
  title: 'Unattached customer-managed policies do not allow full "*:*" administrator access',
  description:
    'Checks that customer-managed policies not attached to anything do not allow every action on every resource.',
  risk: 'An unused administrator policy is one attach call away from making someone a full administrator, and is easy to pick by mistake.',
  remediation: {
    recommendation: 'Delete unattached administrator policies, or scope them down to what they are meant to grant.',
    cli: 'aws iam delete-policy --policy-arn ARN',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-delete.html',
  },
  categories: ['identity-access'],
  appliesTo: (p) => !p.attributes.awsManaged && p.attributes.attachmentCount === 0,
  label: managedLabel,
  problem: adminProblem,
  ok: ADMIN_OK,
});
