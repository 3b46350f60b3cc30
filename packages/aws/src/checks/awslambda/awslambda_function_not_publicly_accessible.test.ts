import type { PolicyDocument } from '../../lib/resource-policy.ts';
import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './awslambda_function_not_publicly_accessible.ts';

const fn = (policy: PolicyDocument | null) =>
  buildResource<Pick<LambdaFunctionAttributes, 'policy'>>('AwsLambdaFunction', { policy }, { name: 'api' });
const stmt = (extra: object) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'invoke', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', ...extra }],
});

testCheck(check, {
  pass: [
    { name: 'no policy', resource: fn(null), message: 'no resource policy' },
    { name: 'service principal with source ARN', resource: fn(stmt({ Principal: { Service: 's3.amazonaws.com' }, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::b' } } })) },
    { name: 'specific account', resource: fn(stmt({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })), message: 'no public access' },
    { name: 'everyone within the organization', resource: fn(stmt({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })) },
  ],
  fail: [
    { name: 'Principal *', resource: fn(stmt({ Principal: '*' })), message: 'invoke (lambda:InvokeFunction)' },
    { name: 'AWS * with wildcard source', resource: fn(stmt({ Principal: { AWS: '*' }, Condition: { StringLike: { 'aws:SourceArn': '*' } } })) },
  ],
  error: [{ name: 'GetPolicy denied', resource: withError(fn(null), 'policy', 'AccessDeniedException'), code: 'AccessDeniedException' }],
});
