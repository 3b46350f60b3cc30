import { defineAwsCheck } from '../../context.ts';
import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';

export default defineAwsCheck<LambdaFunctionAttributes>({
  id: 'awslambda_function_inside_vpc',
  service: 'awslambda',
  title: 'Lambda function is connected to a VPC',
  severity: 'low',
  resourceType: 'AwsLambdaFunction',
  requires: ['vpcConfig'],
  categories: ['trust-boundaries'],
  description: 'Checks that the Lambda function is attached to subnets and security groups of a VPC.',
  risk:
    'A function outside a VPC reaches the internet directly and cannot be limited by security groups, network ' +
    'ACLs, VPC endpoints policies or flow logs, making data exfiltration from a compromised function harder to ' +
    'prevent and to see.',
  remediation: {
    recommendation:
      'Attach functions that handle sensitive data to private subnets in at least two Availability Zones with a ' +
      'restrictive security group, and reach AWS services through VPC endpoints.',
    cli: 'aws lambda update-function-configuration --function-name <function> --vpc-config SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-1',
    terraform:
      'resource "aws_lambda_function" "fn" {\n  # ...\n  vpc_config {\n    subnet_ids         = [aws_subnet.a.id, aws_subnet.b.id]\n    security_group_ids = [aws_security_group.fn.id]\n  }\n}',
    console: 'Lambda console → Functions → <function> → Configuration → VPC → Edit.',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
  },
  evaluate(fn) {
    const vpc = fn.attributes.vpcConfig;
    return vpc
      ? { status: 'PASS', message: `Lambda function ${fn.name} is connected to VPC ${vpc.vpcId}.` }
      : { status: 'FAIL', message: `Lambda function ${fn.name} is not connected to a VPC.` };
  },
});
