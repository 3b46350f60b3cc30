import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { LambdaFunctionAttributes } from '../../resources/lambda.ts';

const options = z.object({
  /** Accounts whose layers are trusted (e.g. your shared-tooling account or a vendor's publishing account). */
  trustedAccounts: z.array(z.string().regex(/^\d{12}$/)).default([]),
});

/** The account of a layer version ARN: arn:aws:lambda:<region>:<account>:layer:<name>:<version>. */
const layerAccount = (arn: string): string => arn.split(':')[4] ?? '';

export default defineAwsCheck<LambdaFunctionAttributes, typeof options>({
  id: 'awslambda_function_using_cross_account_layers',
  service: 'awslambda',
  title: 'Lambda function uses only layers from its own account or trusted accounts',
  severity: 'high',
  resourceType: 'AwsLambdaFunction',
  requires: ['layers'],
  categories: ['software-supply-chain'],
  options,
  description:
    'Checks that every layer a Lambda function uses is published in the function\'s own account or in an account ' +
    'listed in the trustedAccounts option.',
  risk:
    'A layer is code that runs inside the function with its permissions. A layer from another account can be ' +
    'replaced by a new version under that account\'s control, or may already contain malicious or vulnerable code.',
  remediation: {
    recommendation:
      'Copy the layers you rely on into your own account after reviewing them, pin exact versions, or add the ' +
      'publishing account to trustedAccounts once you have decided to trust it.',
    cli: 'aws lambda update-function-configuration --function-name <function> --layers arn:aws:lambda:<region>:<own-account>:layer:<name>:<version>',
    console: 'Lambda console → Functions → <function> → Code → Layers → Edit.',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html',
  },
  evaluate(fn, ctx) {
    const trusted = new Set([fn.account, ...ctx.options.trustedAccounts]);
    const foreign = fn.attributes.layers.filter((arn) => !trusted.has(layerAccount(arn)));
    if (fn.attributes.layers.length === 0) return { status: 'PASS', message: `Lambda function ${fn.name} uses no layers.` };
    return foreign.length > 0
      ? { status: 'FAIL', message: `Lambda function ${fn.name} uses layers from other accounts: ${foreign.join(', ')}.` }
      : { status: 'PASS', message: `Lambda function ${fn.name} uses only layers from its own or trusted accounts.` };
  },
});
