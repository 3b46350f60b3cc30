import { defineAwsCheck } from '../../context.ts';
import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';

export default defineAwsCheck<LambdaFunctionAttributes>({
  id: 'awslambda_function_url_public',
  service: 'awslambda',
  title: 'Lambda function URLs require IAM authentication',
  severity: 'high',
  resourceType: 'AwsLambdaFunction',
  requires: ['functionUrls'],
  categories: ['internet-exposed'],
  description:
    'Checks that every function URL of a Lambda function (and of its aliases) uses the AWS_IAM auth type rather ' +
    'than NONE, which accepts unsigned requests from anywhere on the internet.',
  risk:
    'A function URL with auth type NONE is an unauthenticated public HTTPS endpoint: anyone who finds it can ' +
    'trigger the function, abuse its permissions and generate cost, unless the function code authenticates ' +
    'callers itself.',
  remediation: {
    recommendation:
      'Set the function URL auth type to AWS_IAM and grant lambda:InvokeFunctionUrl only to the principals that ' +
      'need it; put a CloudFront distribution or API Gateway in front when public access is really intended.',
    cli: 'aws lambda update-function-url-config --function-name <function> --auth-type AWS_IAM',
    terraform: 'resource "aws_lambda_function_url" "url" {\n  function_name      = aws_lambda_function.fn.function_name\n  authorization_type = "AWS_IAM"\n}',
    console: 'Lambda console → Functions → <function> → Configuration → Function URL → Edit → Auth type: AWS_IAM.',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
  },
  evaluate(fn) {
    const urls = fn.attributes.functionUrls;
    if (urls.length === 0) return { status: 'PASS', message: `Lambda function ${fn.name} has no function URL.` };
    const open = urls.filter((u) => u.authType.toUpperCase() !== 'AWS_IAM');
    if (open.length > 0) {
      return {
        status: 'FAIL',
        message: `Lambda function ${fn.name} has ${open.length} function URL(s) without IAM authentication: ${open.map((u) => u.url).join(', ')}.`,
      };
    }
    return { status: 'PASS', message: `Lambda function ${fn.name} function URLs all require IAM authentication.` };
  },
});
