import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import {
  GetPolicyCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  ListTagsCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './function.collector.ts';

const lambda = mockClient(LambdaClient);
const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

const fn = (name: string, extra: Record<string, unknown> = {}): FunctionConfiguration => ({
  FunctionName: name,
  FunctionArn: arn(name),
  Runtime: 'python3.12',
  Role: 'arn:aws:iam::123456789012:role/lambda-exec',
  Handler: 'app.handler',
  PackageType: 'Zip',
  LastModified: '2026-01-10T10:00:00.000+0000',
  TracingConfig: { Mode: 'PassThrough' },
  ...extra,
}) as FunctionConfiguration;

const policy = JSON.stringify({
  Version: '2012-10-17',
  Id: 'default',
  Statement: [
    {
      Sid: 'url',
      Effect: 'Allow',
      Principal: '*',
      Action: 'lambda:InvokeFunctionUrl',
      Resource: arn('api'),
      Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
    },
  ],
});

function mockHappyPath() {
  lambda
    .on(ListFunctionsCommand)
    .resolves({
      Functions: [
        fn('api', {
          VpcConfig: { SubnetIds: ['subnet-1', 'subnet-2'], SecurityGroupIds: ['sg-1'], VpcId: 'vpc-1' },
          Environment: { Variables: { STAGE: 'prod', DB_PASSWORD: 'hunter2hunter2' } },
          KMSKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc',
          DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
          Layers: [{ Arn: 'arn:aws:lambda:us-east-1:999999999999:layer:tools:3', CodeSize: 10 }],
        }),
      ],
      NextMarker: 'page2',
    })
    .on(ListFunctionsCommand, { Marker: 'page2' })
    .resolves({
      Functions: [
        fn('worker', { Runtime: undefined, PackageType: 'Image', VpcConfig: { SubnetIds: [], SecurityGroupIds: [], VpcId: '' } }),
      ],
    });
  lambda.on(GetPolicyCommand, { FunctionName: arn('api') }).resolves({ Policy: policy, RevisionId: 'r1' });
  lambda
    .on(GetPolicyCommand, { FunctionName: arn('worker') })
    .rejects(awsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404));
  lambda
    .on(ListFunctionUrlConfigsCommand, { FunctionName: arn('api') })
    .resolves({
      FunctionUrlConfigs: [
        {
          FunctionUrl: 'https://abc.lambda-url.us-east-1.on.aws/',
          FunctionArn: arn('api'),
          AuthType: 'NONE',
          CreationTime: '2026-01-01T00:00:00Z',
          LastModifiedTime: '2026-01-01T00:00:00Z',
          Cors: { AllowOrigins: ['*'] },
        },
      ],
      NextMarker: 'u2',
    })
    .on(ListFunctionUrlConfigsCommand, { FunctionName: arn('api'), Marker: 'u2' })
    .resolves({
      FunctionUrlConfigs: [
        {
          FunctionUrl: 'https://def.lambda-url.us-east-1.on.aws/',
          FunctionArn: `${arn('api')}:live`,
          AuthType: 'AWS_IAM',
          CreationTime: '2026-01-01T00:00:00Z',
          LastModifiedTime: '2026-01-01T00:00:00Z',
        },
      ],
    });
  lambda.on(ListFunctionUrlConfigsCommand, { FunctionName: arn('worker') }).resolves({ FunctionUrlConfigs: [] });
  lambda.on(ListTagsCommand, { Resource: arn('api') }).resolves({ Tags: { team: 'payments' } });
  lambda.on(ListTagsCommand, { Resource: arn('worker') }).resolves({ Tags: {} });
}

describe('lambda-functions collector', () => {
  beforeEach(() => lambda.reset());

  it('lists every page and fills the enrichments', async () => {
    mockHappyPath();
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['api', 'worker']);
    const [api, worker] = resources;
    expect(api?.id).toBe(arn('api'));
    expect(api?.tags).toEqual({ team: 'payments' });
    expect(api?.errors).toEqual({});
    expect(api?.attributes).toMatchObject({
      runtime: 'python3.12',
      packageType: 'Zip',
      vpcConfig: { vpcId: 'vpc-1', subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] },
      environmentVariableNames: ['STAGE', 'DB_PASSWORD'],
      environment: { STAGE: 'prod', DB_PASSWORD: 'hunter2hunter2' },
      kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc',
      tracingMode: 'PassThrough',
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq',
      layers: ['arn:aws:lambda:us-east-1:999999999999:layer:tools:3'],
      policy: { Statement: [{ Sid: 'url', Principal: '*' }] },
      functionUrls: [
        { url: 'https://abc.lambda-url.us-east-1.on.aws/', authType: 'NONE', corsAllowOrigins: ['*'] },
        { url: 'https://def.lambda-url.us-east-1.on.aws/', authType: 'AWS_IAM', corsAllowOrigins: [] },
      ],
    });
    expect(worker?.attributes).toMatchObject({
      runtime: null,
      packageType: 'Image',
      vpcConfig: null,
      environmentVariableNames: [],
      kmsKeyArn: null,
      deadLetterTargetArn: null,
      functionUrls: [],
    });
  });

  it('maps ResourceNotFoundException on GetPolicy (no policy) to null', async () => {
    mockHappyPath();
    const { resources } = await collect(collector);
    expect(resources[1]?.attributes).toHaveProperty('policy', null);
    expect(resources[1]?.errors).toEqual({});
  });

  it('keeps environment values out unless a check wants them', async () => {
    mockHappyPath();
    const { resources } = await collect(collector, { wants: ['environmentVariableNames'] });
    expect(resources[0]?.attributes).not.toHaveProperty('environment');
    expect(resources[0]?.attributes).toHaveProperty('environmentVariableNames', ['STAGE', 'DB_PASSWORD']);
  });

  it('records AccessDenied on an enrichment', async () => {
    mockHappyPath();
    lambda.on(GetPolicyCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform lambda:GetPolicy', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.policy?.code).toBe('AccessDeniedException');
    expect(resources[0]?.attributes).not.toHaveProperty('policy');
    expect(resources[0]?.attributes).toHaveProperty('functionUrls');
  });

  it('rejects when the listing is denied', async () => {
    lambda.on(ListFunctionsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    await expect(collect(collector)).rejects.toThrow('not authorized');
  });

  it('retries throttling', async () => {
    lambda
      .on(ListFunctionsCommand)
      .rejectsOnce(awsError('TooManyRequestsException', 'Rate exceeded', 429))
      .resolves({ Functions: [fn('solo')] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources.map((r) => r.name)).toEqual(['solo']);
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(2);
  });

  it('makes no enrichment call when no check wants one', async () => {
    mockHappyPath();
    const { resources, stats } = await collect(collector, { wants: ['runtime'] });
    expect(resources).toHaveLength(2);
    expect(stats.apiCalls).toBe(2);
    expect(lambda.commandCalls(GetPolicyCommand)).toHaveLength(0);
    expect(lambda.commandCalls(ListFunctionUrlConfigsCommand)).toHaveLength(0);
    expect(lambda.commandCalls(ListTagsCommand)).toHaveLength(0);
  });
});
