import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './awslambda_function_no_dead_letter_queue.ts';

const fn = (deadLetterTargetArn: string | null) =>
  buildResource<Pick<LambdaFunctionAttributes, 'deadLetterTargetArn'>>('AwsLambdaFunction', { deadLetterTargetArn }, { name: 'api' });

testCheck(check, {
  pass: [{ name: 'SQS DLQ', resource: fn('arn:aws:sqs:us-east-1:123456789012:dlq'), message: 'dlq' }],
  fail: [{ name: 'no DLQ', resource: fn(null), message: 'no dead-letter queue' }],
  error: [{ name: 'not collected', resource: withError(fn(null), 'deadLetterTargetArn'), code: 'AccessDenied' }],
});
