import { defineAwsCheck } from '../../context.ts';
import { describePublicStatements, publicStatements } from '../../lib/resource-policy.ts';
import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';

export default defineAwsCheck<LambdaFunctionAttributes>({
  id: 'awslambda_function_not_publicly_accessible',
  service: 'awslambda',
  title: 'Lambda function resource policy does not allow invocation by everyone',
  severity: 'critical',
  resourceType: 'AwsLambdaFunction',
  requires: ['policy'],
  categories: ['internet-exposed'],
  description:
    'Checks the resource-based policy of each Lambda function for Allow statements whose principal is everyone ' +
    '("*" or {"AWS": "*"}) and that carry no condition limiting the caller, such as aws:SourceAccount, ' +
    'aws:SourceArn or aws:PrincipalOrgID.',
  risk:
    'Anyone with an AWS account (or, for a function URL without authentication, anyone on the internet) can run ' +
    'the function: reaching the data and permissions of its execution role, running up cost and exhausting ' +
    'concurrency.',
  remediation: {
    recommendation:
      'Remove the public statements from the function policy, or name the calling accounts and services and add ' +
      'an aws:SourceArn or aws:SourceAccount condition to service principals.',
    cli: 'aws lambda get-policy --function-name <function>\naws lambda remove-permission --function-name <function> --statement-id <sid>',
    terraform:
      'resource "aws_lambda_permission" "from_bucket" {\n  function_name  = aws_lambda_function.fn.function_name\n  action         = "lambda:InvokeFunction"\n  principal      = "s3.amazonaws.com"\n  source_arn     = aws_s3_bucket.b.arn\n  source_account = data.aws_caller_identity.current.account_id\n}',
    console: 'Lambda console → Functions → <function> → Configuration → Permissions → Resource-based policy → delete the public statement.',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
  },
  evaluate(fn) {
    const open = publicStatements(fn.attributes.policy);
    if (open.length > 0) {
      return {
        status: 'FAIL',
        message: `Lambda function ${fn.name} has a resource policy that lets everyone invoke it: ${describePublicStatements(open)}.`,
      };
    }
    return fn.attributes.policy
      ? { status: 'PASS', message: `Lambda function ${fn.name} resource policy grants no public access.` }
      : { status: 'PASS', message: `Lambda function ${fn.name} has no resource policy.` };
  },
});
