import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './awslambda_function_using_supported_runtimes.ts';

const fn = (runtime: string | null) =>
  buildResource<Pick<LambdaFunctionAttributes, 'runtime'>>('AwsLambdaFunction', { runtime }, { name: 'api' });

testCheck(check, {
  pass: [
    { name: 'current runtime', resource: fn('python3.13'), message: 'supported runtime python3.13' },
    { name: 'upcoming deprecation', resource: fn('dotnet8'), message: 'deprecated from 2026-11-10' },
    { name: 'before deprecation date', resource: fn('nodejs20.x'), now: new Date('2026-01-01T00:00:00Z') },
    { name: 'date overridden later', resource: fn('python3.8'), options: { deprecationDates: { 'python3.8': '2030-01-01' } } },
  ],
  fail: [
    { name: 'python3.8', resource: fn('python3.8'), message: 'deprecated since 2024-10-14' },
    { name: 'nodejs20.x after its date', resource: fn('nodejs20.x') },
    { name: 'go1.x', resource: fn('go1.x') },
    { name: 'extra deprecated', resource: fn('python3.12'), options: { extraDeprecatedRuntimes: ['python3.12'] }, message: 'python3.12' },
  ],
  error: [{ name: 'runtime not collected', resource: withError(fn('python3.8'), 'runtime'), code: 'AccessDenied' }],
  notApplicable: [{ name: 'container image', resource: fn(null) }],
});
