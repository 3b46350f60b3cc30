import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './awslambda_function_using_cross_account_layers.ts';

const fn = (layers: string[]) =>
  buildResource<Pick<LambdaFunctionAttributes, 'layers'>>('AwsLambdaFunction', { layers }, { name: 'api' });
const own = 'arn:aws:lambda:us-east-1:123456789012:layer:common:4';
const vendor = 'arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:38';

testCheck(check, {
  pass: [
    { name: 'no layers', resource: fn([]), message: 'no layers' },
    { name: 'own layer', resource: fn([own]), message: 'own or trusted' },
    { name: 'trusted vendor', resource: fn([own, vendor]), options: { trustedAccounts: ['580247275435'] } },
  ],
  fail: [{ name: 'vendor layer', resource: fn([own, vendor]), message: vendor }],
  error: [{ name: 'not collected', resource: withError(fn([]), 'layers'), code: 'AccessDenied' }],
});
