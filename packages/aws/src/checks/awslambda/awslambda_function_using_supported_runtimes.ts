import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';
import { runtimeStatus } from './lib/runtimes.ts';

const options = z.object({
  /** Runtimes to report as deprecated in addition to the built-in dated list. */
  extraDeprecatedRuntimes: z.array(z.string().min(1)).default([]),
  /** Deprecation dates (YYYY-MM-DD) that add to or override the built-in list. */
  deprecationDates: z.record(z.string(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default({}),
});

export default defineAwsCheck<LambdaFunctionAttributes, typeof options>({
  id: 'awslambda_function_using_supported_runtimes',
  service: 'awslambda',
  title: 'Lambda function uses a runtime that AWS still supports',
  severity: 'medium',
  resourceType: 'AwsLambdaFunction',
  requires: ['runtime'],
  categories: [],
  options,
  description:
    'Checks the managed runtime of each .zip-packaged Lambda function against a dated list of runtime ' +
    'deprecations. Container-image functions bring their own runtime and are not evaluated. The list can be ' +
    'extended with the extraDeprecatedRuntimes and deprecationDates options.',
  risk:
    'AWS stops applying security patches to deprecated runtimes, the language version itself is usually out of ' +
    'community support, and Lambda eventually blocks updates to functions that use them.',
  remediation: {
    recommendation: 'Upgrade the function to a currently supported runtime version of its language and test it.',
    cli: 'aws lambda update-function-configuration --function-name <function> --runtime python3.13',
    terraform: 'resource "aws_lambda_function" "fn" {\n  # ...\n  runtime = "python3.13"\n}',
    console: 'Lambda console → Functions → <function> → Code → Runtime settings → Edit → choose a supported runtime.',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
  },
  appliesTo: (fn) => Boolean(fn.attributes.runtime),
  evaluate(fn, ctx) {
    const runtime = fn.attributes.runtime ?? '';
    const status = runtimeStatus(runtime, ctx.now, {
      extraDeprecated: ctx.options.extraDeprecatedRuntimes,
      deprecationDates: ctx.options.deprecationDates,
    });
    if (status.deprecated) {
      const since = status.deprecationDate ? ` (deprecated since ${status.deprecationDate})` : '';
      return { status: 'FAIL', message: `Lambda function ${fn.name} uses the deprecated runtime ${runtime}${since}.` };
    }
    const upcoming = status.deprecationDate ? `, deprecated from ${status.deprecationDate}` : '';
    return { status: 'PASS', message: `Lambda function ${fn.name} uses the supported runtime ${runtime}${upcoming}.` };
  },
});
