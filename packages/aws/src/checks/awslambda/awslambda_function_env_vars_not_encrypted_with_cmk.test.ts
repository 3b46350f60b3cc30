import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './awslambda_function_env_vars_not_encrypted_with_cmk.ts';

type A = Pick<LambdaFunctionAttributes, 'environmentVariableNames' | 'kmsKeyArn'>;
const fn = (environmentVariableNames: string[], kmsKeyArn: string | null) =>
  buildResource<A>('AwsLambdaFunction', { environmentVariableNames, kmsKeyArn }, { name: 'api' });
const key = 'arn:aws:kms:us-east-1:123456789012:key/k1';

testCheck(check, {
  pass: [
    { name: 'no variables', resource: fn([], null), message: 'no environment variables' },
    { name: 'CMK', resource: fn(['STAGE'], key), message: key },
  ],
  fail: [{ name: 'AWS managed key', resource: fn(['STAGE', 'DB_HOST'], null), message: '2 environment variable(s)' }],
  error: [{ name: 'not collected', resource: withError(fn([], null), 'kmsKeyArn'), code: 'AccessDenied' }],
});
