import { expect, it } from 'vitest';
import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import { runCheckCase } from '@vigil/engine/testing';
import check from './awslambda_function_no_secrets_in_variables.ts';

const fn = (environment: Record<string, string>) =>
  buildResource<Pick<LambdaFunctionAttributes, 'environment'>>('AwsLambdaFunction', { environment }, { name: 'api' });

testCheck(check, {
  pass: [
    { name: 'no variables', resource: fn({}), message: 'no secrets' },
    { name: 'plain settings and references', resource: fn({ STAGE: 'prod', DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db' }) },
  ],
  fail: [
    { name: 'access key id', resource: fn({ AWS_KEY: 'AKIAIOSFODNN7EXAMPLE' }), message: 'AWS_KEY (AWS access key id)' },
    { name: 'password variable', resource: fn({ STAGE: 'prod', DB_PASSWORD: 'correct-horse-battery' }), message: 'DB_PASSWORD' },
  ],
  error: [{ name: 'values not collected', resource: withError(fn({}), 'environment'), code: 'AccessDenied' }],
});

it('never puts the secret value in the message', () => {
  const finding = runCheckCase(check, { name: 'x', resource: fn({ KEY: 'AKIAIOSFODNN7EXAMPLE', DB_PASSWORD: 'correct-horse-battery' }) });
  expect(finding?.status).toBe('FAIL');
  expect(finding?.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
  expect(finding?.message).not.toContain('correct-horse-battery');
});
