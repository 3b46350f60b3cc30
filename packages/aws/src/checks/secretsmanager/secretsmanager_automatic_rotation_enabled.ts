import { defineAwsCheck } from '../../context.ts';
import type { SecretsManagerSecretAttributes } from '../../resources/secretsmanager.ts';

export default defineAwsCheck<SecretsManagerSecretAttributes>({
  id: 'secretsmanager_automatic_rotation_enabled',
  service: 'secretsmanager',
  title: 'Secrets Manager secret has automatic rotation enabled',
  severity: 'high',
  resourceType: 'AwsSecretsManagerSecret',
  requires: ['rotationEnabled', 'rotationAfterDays', 'rotationSchedule'],
  categories: ['secrets'],
  description: 'Checks that automatic rotation is turned on for the secret.',
  risk:
    'A credential that is never rotated stays valid indefinitely once leaked, and rotating it by hand under ' +
    'pressure is slow and error-prone.',
  remediation: {
    recommendation:
      'Turn on automatic rotation with a rotation function (or managed rotation for supported services) and a ' +
      'schedule that fits your policy, for example every 30 to 90 days.',
    cli: 'aws secretsmanager rotate-secret --secret-id <secret> --rotation-lambda-arn <function-arn> --rotation-rules AutomaticallyAfterDays=30',
    terraform:
      'resource "aws_secretsmanager_secret_rotation" "r" {\n  secret_id           = aws_secretsmanager_secret.s.id\n  rotation_lambda_arn = aws_lambda_function.rotate.arn\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}',
    console: 'Secrets Manager console → Secrets → <secret> → Rotation → Edit rotation → Automatic rotation.',
    url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
  },
  evaluate(secret) {
    const { rotationEnabled, rotationAfterDays, rotationSchedule } = secret.attributes;
    if (!rotationEnabled) return { status: 'FAIL', message: `Secret ${secret.name} does not have automatic rotation enabled.` };
    const every = rotationAfterDays ? ` every ${rotationAfterDays} days` : rotationSchedule ? ` on schedule ${rotationSchedule}` : '';
    return { status: 'PASS', message: `Secret ${secret.name} is rotated automatically${every}.` };
  },
});
