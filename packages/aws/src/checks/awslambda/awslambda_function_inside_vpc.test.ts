import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './awslambda_function_inside_vpc.ts';

const fn = (vpcConfig: LambdaFunctionAttributes['vpcConfig']) =>
  buildResource<Pick<LambdaFunctionAttributes, 'vpcConfig'>>('AwsLambdaFunction', { vpcConfig }, { name: 'api' });

testCheck(check, {
  pass: [{ name: 'in a VPC', resource: fn({ vpcId: 'vpc-1', subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] }), message: 'vpc-1' }],
  fail: [{ name: 'no VPC', resource: fn(null), message: 'not connected' }],
  error: [{ name: 'not collected', resource: withError(fn(null), 'vpcConfig'), code: 'AccessDenied' }],
});
