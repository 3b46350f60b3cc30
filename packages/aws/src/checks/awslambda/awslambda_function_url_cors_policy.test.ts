import type { LambdaFunctionAttributes, LambdaFunctionUrl } from '../../resources/lambda.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './awslambda_function_url_cors_policy.ts';

const fn = (functionUrls: LambdaFunctionUrl[]) =>
  buildResource<Pick<LambdaFunctionAttributes, 'functionUrls'>>('AwsLambdaFunction', { functionUrls }, { name: 'api' });
const url = (corsAllowOrigins: string[]) => ({ url: 'https://abc.lambda-url.us-east-1.on.aws/', authType: 'AWS_IAM', corsAllowOrigins });

testCheck(check, {
  pass: [
    { name: 'no URL', resource: fn([]), message: 'no function URL' },
    { name: 'no CORS', resource: fn([url([])]) },
    { name: 'named origin', resource: fn([url(['https://app.example.com'])]) },
  ],
  fail: [{ name: 'wildcard origin', resource: fn([url(['https://app.example.com', '*'])]), message: 'any origin' }],
  error: [{ name: 'listing denied', resource: withError(fn([]), 'functionUrls'), code: 'AccessDenied' }],
});
