import { defineAwsCheck } from '../../context.ts';
import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';
import { findSecrets } from './lib/secrets.ts';

export default defineAwsCheck<LambdaFunctionAttributes>({
  id: 'awslambda_function_no_secrets_in_variables',
  service: 'awslambda',
  title: 'Lambda function environment variables contain no secrets',
  severity: 'critical',
  resourceType: 'AwsLambdaFunction',
  requires: ['environment'],
  categories: ['secrets'],
  description:
    'Scans the values of Lambda environment variables for well-known secret shapes (AWS access key ids, private ' +
    'key blocks, tokens, password= assignments, credentials in URLs) and for secret-like variable names holding ' +
    'a literal value. Findings name the variables, never their values. The values are read only when this check ' +
    'is selected.',
  risk:
    'Environment variables are visible to anyone allowed to read the function configuration, are copied into ' +
    'deployment tooling, templates and logs, and cannot be rotated independently: a leaked credential there ' +
    'gives an attacker direct access to the systems it protects.',
  remediation: {
    recommendation:
      'Move the secrets to AWS Secrets Manager or SSM Parameter Store (SecureString), keep only their names or ' +
      'ARNs in environment variables, fetch them at runtime, and rotate the exposed credentials.',
    cli: 'aws lambda update-function-configuration --function-name <function> --environment "Variables={DB_SECRET_ARN=arn:aws:secretsmanager:...}"',
    console: 'Lambda console → Functions → <function> → Configuration → Environment variables → Edit → remove the secret values.',
    url: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
  },
  evaluate(fn) {
    const matches = findSecrets(fn.attributes.environment ?? {});
    if (matches.length === 0) {
      return { status: 'PASS', message: `Lambda function ${fn.name} has no secrets detected in its environment variables.` };
    }
    const list = matches.map((m) => `${m.name} (${m.kind})`).join(', ');
    return { status: 'FAIL', message: `Lambda function ${fn.name} has possible secrets in environment variables: ${list}.` };
  },
});
