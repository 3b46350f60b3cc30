import { defineAwsCheck } from '../../context.ts';
import { describePublicStatements, publicStatements } from '../../lib/resource-policy.ts';
import type { SecretsManagerSecretAttributes } from '../../resources/secretsmanager.ts';

export default defineAwsCheck<SecretsManagerSecretAttributes>({
  id: 'secretsmanager_not_publicly_accessible',
  service: 'secretsmanager',
  title: 'Secrets Manager secret resource policy does not grant access to everyone',
  severity: 'high',
  resourceType: 'AwsSecretsManagerSecret',
  requires: ['policy'],
  categories: ['internet-exposed', 'secrets'],
  description:
    'Checks the resource policy of the secret for Allow statements whose principal is everyone and that have no ' +
    'condition limiting the caller (such as aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceVpce).',
  risk:
    'Any AWS principal in any account could read the secret value or change the secret, depending on the ' +
    'actions allowed, exposing the credential it holds.',
  remediation: {
    recommendation:
      'Remove the public statements, grant access only to named roles or accounts, and use BlockPublicPolicy when ' +
      'putting resource policies so that Secrets Manager rejects public ones.',
    cli: 'aws secretsmanager put-resource-policy --secret-id <secret> --resource-policy file://policy.json --block-public-policy',
    terraform:
      'resource "aws_secretsmanager_secret_policy" "p" {\n  secret_arn          = aws_secretsmanager_secret.s.arn\n  policy              = data.aws_iam_policy_document.restricted.json\n  block_public_policy = true\n}',
    console: 'Secrets Manager console → Secrets → <secret> → Resource permissions → Edit permissions.',
    url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html',
  },
  evaluate(secret) {
    const open = publicStatements(secret.attributes.policy);
    return open.length > 0
      ? {
          status: 'FAIL',
          message: `Secret ${secret.name} resource policy grants access to everyone: ${describePublicStatements(open)}.`,
        }
      : { status: 'PASS', message: `Secret ${secret.name} resource policy grants no public access.` };
  },
});
