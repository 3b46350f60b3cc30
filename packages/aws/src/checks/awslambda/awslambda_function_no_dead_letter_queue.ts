import { defineAwsCheck } from '../../context.ts';
import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';

export default defineAwsCheck<LambdaFunctionAttributes>({
  id: 'awslambda_function_no_dead_letter_queue',
  service: 'awslambda',
  title: 'Lambda function has a dead-letter queue for failed asynchronous invocations',
  severity: 'medium',
  resourceType: 'AwsLambdaFunction',
  requires: ['deadLetterTargetArn'],
  categories: ['resilience'],
  description:
    'Checks that the function sends events of failed asynchronous invocations to a dead-letter SQS queue or SNS ' +
    'topic. (An on-failure destination configured for asynchronous invocation serves the same purpose but is not ' +
    'evaluated by this check.)',
  risk:
    'Without a dead-letter queue, events whose processing still fails after Lambda\'s retries are discarded, so ' +
    'data is lost silently and failures go unnoticed.',
  remediation: {
    recommendation: 'Configure an SQS queue or SNS topic as the function\'s dead-letter queue and alarm on its depth.',
    cli: 'aws lambda update-function-configuration --function-name <function> --dead-letter-config TargetArn=arn:aws:sqs:<region>:<account>:<queue>',
    terraform: 'resource "aws_lambda_function" "fn" {\n  # ...\n  dead_letter_config {\n    target_arn = aws_sqs_queue.dlq.arn\n  }\n}',
    console: 'Lambda console → Functions → <function> → Configuration → Asynchronous invocation → Edit → Dead-letter queue service.',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html',
  },
  evaluate(fn) {
    const dlq = fn.attributes.deadLetterTargetArn;
    return dlq
      ? { status: 'PASS', message: `Lambda function ${fn.name} sends failed events to the dead-letter queue ${dlq}.` }
      : { status: 'FAIL', message: `Lambda function ${fn.name} has no dead-letter queue configured.` };
  },
});
