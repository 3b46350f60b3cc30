import type { LambdaFunctionAttributes, LambdaFunctionUrl } from '../../resources/lambda.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './awslambda_function_url_public.ts';

const fn = (functionUrls: LambdaFunctionUrl[]) =>
  buildResource<Pick<LambdaFunctionAttributes, 'functionUrls'>>('AwsLambdaFunction', { functionUrls }, { name: 'api' });
const url = (authType: string, suffix = 'abc') => ({ url: `https://${suffix}.lambda-url.us-east-1.on.aws/`, authType, corsAllowOrigins: [] });

testCheck(check, {
  pass: [
    { name: 'no URL', resource: fn([]), message: 'no function URL' },
    { name: 'IAM auth', resource: fn([url('AWS_IAM'), url('AWS_IAM', 'def')]), message: 'require IAM' },
  ],
  fail: [
    { name: 'auth NONE', resource: fn([url('NONE')]), message: 'https://abc.lambda-url' },
    { name: 'one of two open', resource: fn([url('AWS_IAM'), url('NONE', 'def')]), message: '1 function URL' },
  ],
  error: [{ name: 'listing denied', resource: withError(fn([]), 'functionUrls'), code: 'AccessDenied' }],
});
