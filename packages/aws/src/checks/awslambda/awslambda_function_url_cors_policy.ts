import { defineAwsCheck } from '../../context.ts';
import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';

export default defineAwsCheck<LambdaFunctionAttributes>({
  id: 'awslambda_function_url_cors_policy',
  service: 'awslambda',
  title: 'Lambda function URL CORS configuration does not allow every origin',
  severity: 'medium',
  resourceType: 'AwsLambdaFunction',
  requires: ['functionUrls'],
  categories: ['internet-exposed'],
  description: 'Checks that no function URL of the function lists the wildcard origin "*" in its CORS AllowOrigins.',
  risk:
    'With AllowOrigins "*", scripts on any web site can call the function URL from a visitor\'s browser and read ' +
    'the responses, which can leak data or let a malicious page drive the function.',
  remediation: {
    recommendation: 'List only the exact origins of your own web applications in the function URL CORS settings.',
    cli: 'aws lambda update-function-url-config --function-name <function> --cors \'{"AllowOrigins":["https://app.example.com"]}\'',
    terraform:
      'resource "aws_lambda_function_url" "url" {\n  function_name      = aws_lambda_function.fn.function_name\n  authorization_type = "AWS_IAM"\n  cors {\n    allow_origins = ["https://app.example.com"]\n  }\n}',
    console: 'Lambda console → Functions → <function> → Configuration → Function URL → Edit → CORS → Allow origin.',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors',
  },
  evaluate(fn) {
    const urls = fn.attributes.functionUrls;
    if (urls.length === 0) return { status: 'PASS', message: `Lambda function ${fn.name} has no function URL.` };
    const wide = urls.filter((u) => u.corsAllowOrigins.includes('*'));
    return wide.length > 0
      ? {
          status: 'FAIL',
          message: `Lambda function ${fn.name} allows CORS requests from any origin on ${wide.map((u) => u.url).join(', ')}.`,
        }
      : { status: 'PASS', message: `Lambda function ${fn.name} function URLs do not allow CORS from every origin.` };
  },
});
