import { defineAwsCheck } from '../../context.ts';
import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';

export default defineAwsCheck<LambdaFunctionAttributes>({
  id: 'awslambda_function_env_vars_not_encrypted_with_cmk',
  service: 'awslambda',
  title: 'Lambda function environment variables are encrypted with a customer managed KMS key',
  severity: 'medium',
  resourceType: 'AwsLambdaFunction',
  requires: ['environmentVariableNames', 'kmsKeyArn'],
  categories: ['encryption'],
  description:
    'Checks that a Lambda function with environment variables encrypts them at rest with a customer managed KMS ' +
    'key instead of the default AWS managed key. Functions without environment variables pass.',
  risk:
    'With the AWS managed key, anyone allowed to read the function configuration sees the variables in clear ' +
    'text; a customer managed key lets you restrict decryption through its key policy and audit every use.',
  remediation: {
    recommendation: 'Set a customer managed KMS key for the function\'s environment variables and restrict its key policy.',
    cli: 'aws lambda update-function-configuration --function-name <function> --kms-key-arn arn:aws:kms:<region>:<account>:key/<key-id>',
    terraform: 'resource "aws_lambda_function" "fn" {\n  # ...\n  kms_key_arn = aws_kms_key.lambda_env.arn\n}',
    console: 'Lambda console → Functions → <function> → Configuration → Environment variables → Edit → Encryption configuration → customer master key.',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html',
  },
  evaluate(fn) {
    const count = fn.attributes.environmentVariableNames.length;
    if (count === 0) return { status: 'PASS', message: `Lambda function ${fn.name} has no environment variables.` };
    const key = fn.attributes.kmsKeyArn;
    return key
      ? { status: 'PASS', message: `Lambda function ${fn.name} encrypts its environment variables with the KMS key ${key}.` }
      : {
          status: 'FAIL',
          message: `Lambda function ${fn.name} has ${count} environment variable(s) encrypted only with the AWS managed key.`,
        };
  },
});
