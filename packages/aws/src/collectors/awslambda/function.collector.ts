import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import {
  GetPolicyCommand,
  LambdaClient,
  ListTagsCommand,
  paginateListFunctions,
  paginateListFunctionUrlConfigs,
} from '@aws-sdk/client-lambda';
import { defineAwsCollector } from '../../context.ts';
import { parsePolicy } from '../../lib/resource-policy.ts';
import type { LambdaFunctionAttributes, LambdaFunctionUrl } from '../../resources/lambda.ts';

/** Lambda functions (`AwsLambdaFunction`, regional): the $LATEST configuration of each function. */
export default defineAwsCollector({
  id: 'lambda-functions',
  service: 'awslambda',
  resourceType: 'AwsLambdaFunction',
  scope: 'regional',
  calls: [{ api: 'ListFunctions', action: 'lambda:ListFunctions' }],
  attributes: {
    runtime: {},
    packageType: {},
    role: {},
    vpcConfig: {},
    environmentVariableNames: {},
    environment: { sensitive: true },
    kmsKeyArn: {},
    tracingMode: {},
    deadLetterTargetArn: {},
    layers: {},
    policy: {
      calls: [{ api: 'GetPolicy', action: 'lambda:GetPolicy' }],
      notConfigured: ['ResourceNotFoundException'],
    },
    functionUrls: { calls: [{ api: 'ListFunctionUrlConfigs', action: 'lambda:ListFunctionUrlConfigs' }] },
    tags: { calls: [{ api: 'ListTags', action: 'lambda:ListTags' }] },
  },
  async *collect(ctx) {
    const lambda = ctx.client(LambdaClient);
    const functions: FunctionConfiguration[] = [];
    for await (const page of paginateListFunctions({ client: lambda }, {})) {
      functions.push(...(page.Functions ?? []));
    }
    const withValues = ctx.wants('environment');
    const resources = await ctx.map(
      functions.filter((f) => f.FunctionArn && f.FunctionName),
      async (f) => {
        const arn = f.FunctionArn as string;
        const name = f.FunctionName as string;
        const variables = f.Environment?.Variables ?? {};
        const vpcId = f.VpcConfig?.VpcId;
        const attributes: Partial<LambdaFunctionAttributes> = {
          runtime: f.Runtime ?? null,
          packageType: f.PackageType ?? 'Zip',
          role: f.Role ?? null,
          vpcConfig: vpcId
            ? { vpcId, subnetIds: f.VpcConfig?.SubnetIds ?? [], securityGroupIds: f.VpcConfig?.SecurityGroupIds ?? [] }
            : null,
          environmentVariableNames: Object.keys(variables),
          kmsKeyArn: f.KMSKeyArn || null,
          tracingMode: f.TracingConfig?.Mode ?? null,
          deadLetterTargetArn: f.DeadLetterConfig?.TargetArn || null,
          layers: (f.Layers ?? []).flatMap((l) => (l.Arn ? [l.Arn] : [])),
        };
        // Values are sensitive: keep them only when a selected check scans them.
        if (withValues) attributes.environment = { ...variables };
        const resource = ctx.resource<Partial<LambdaFunctionAttributes>>({ id: arn, name, attributes });
        await ctx.enrich(resource, 'policy', async () => {
          const { Policy } = await lambda.send(new GetPolicyCommand({ FunctionName: arn }));
          return parsePolicy(Policy);
        });
        await ctx.enrich(resource, 'functionUrls', async () => {
          const urls: LambdaFunctionUrl[] = [];
          for await (const page of paginateListFunctionUrlConfigs({ client: lambda }, { FunctionName: arn })) {
            for (const u of page.FunctionUrlConfigs ?? []) {
              urls.push({
                url: u.FunctionUrl ?? '',
                authType: u.AuthType ?? 'NONE',
                corsAllowOrigins: u.Cors?.AllowOrigins ?? [],
              });
            }
          }
          return urls;
        });
        await ctx.enrich(resource, 'tags', async () => {
          const { Tags } = await lambda.send(new ListTagsCommand({ Resource: arn }));
          resource.tags = { ...(Tags ?? {}) };
          return resource.tags;
        });
        return resource;
      },
      8,
    );
    yield* resources;
  },
});
