import { defineAwsCheck } from '../../context.ts';
import type { RoleAttributes } from '../../resources/iam.ts';
import { coversAction, hasSourceCondition, statementsOf } from './lib/policy.ts';

export default defineAwsCheck<RoleAttributes>({
  id: 'iam_role_cross_service_confused_deputy_prevention',
  service: 'iam',
  title: 'IAM role trust policies that let AWS services assume the role restrict the source account or resource',
  severity: 'high',
  resourceType: 'AwsIamRole',
  requires: ['assumeRolePolicyDocument'],
  categories: ['identity-access', 'trust-boundaries'],
  appliesTo: (role) => !role.attributes.serviceLinked,
  description:
    'Checks that every trust policy statement allowing an AWS service principal to assume the role carries an aws:SourceAccount, aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths condition. Service-linked roles, which AWS manages, are skipped.',
  risk: 'Without a source condition, the service can be tricked into assuming the role on behalf of another customer\'s resource (the confused deputy problem), giving that customer your role\'s permissions.',
  remediation: {
    recommendation:
      'Add an aws:SourceAccount (or aws:SourceArn) condition to each service statement of the trust policy, matching your account or resource.',
    terraform:
      'condition {\n  test     = "StringEquals"\n  variable = "aws:SourceAccount"\n  values   = [data.aws_caller_identity.current.account_id]\n}',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  },
  evaluate(role) {
    const serviceStatements = statementsOf(role.attributes.assumeRolePolicyDocument).filter(
      (s) =>
        s.effect === 'Allow' &&
        (s.principal?.service.length ?? 0) > 0 &&
        (s.actions === null && s.notActions === null ? true : coversAction(s, 'sts:AssumeRole')),
    );
    if (serviceStatements.length === 0) {
      return { status: 'PASS', message: `IAM role ${role.name} does not let AWS services assume it.` };
    }
    const open = serviceStatements.filter((s) => !hasSourceCondition(s));
    if (open.length === 0) {
      return { status: 'PASS', message: `IAM role ${role.name} restricts the AWS services that assume it by source account or resource.` };
    }
    const services = [...new Set(open.flatMap((s) => s.principal?.service ?? []))].join(', ');
    return {
      status: 'FAIL',
      message: `IAM role ${role.name} lets ${services} assume it without a source account or resource condition.`,
    };
  },
});
