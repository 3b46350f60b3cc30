import { GetResourcePolicyCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './secret.collector.ts';

const sm = mockClient(SecretsManagerClient);
const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;
const policy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
};

function mockHappyPath() {
  sm.on(ListSecretsCommand)
    .resolves({
      SecretList: [
        {
          ARN: arn('db'),
          Name: 'db',
          KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1',
          RotationEnabled: true,
          RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:rotate',
          RotationRules: { AutomaticallyAfterDays: 30 },
          LastRotatedDate: new Date('2026-10-01T12:00:00Z'),
          LastChangedDate: new Date('2026-10-01T12:00:00Z'),
          LastAccessedDate: new Date('2026-10-30T00:00:00Z'),
          CreatedDate: new Date('2025-01-01T00:00:00Z'),
          Tags: [{ Key: 'team', Value: 'data' }],
        },
      ],
      NextToken: 'n2',
    })
    .on(ListSecretsCommand, { NextToken: 'n2' })
    .resolves({
      SecretList: [{ ARN: arn('rds!cluster'), Name: 'rds!cluster', OwningService: 'rds', CreatedDate: new Date('2026-01-01T00:00:00Z') }],
    });
  sm.on(GetResourcePolicyCommand, { SecretId: arn('db') }).resolves({ ARN: arn('db'), Name: 'db', ResourcePolicy: JSON.stringify(policy) });
  sm.on(GetResourcePolicyCommand, { SecretId: arn('rds!cluster') }).resolves({ ARN: arn('rds!cluster'), Name: 'rds!cluster' });
}

describe('secretsmanager-secrets collector', () => {
  beforeEach(() => sm.reset());

  it('lists every page and fills the enrichments', async () => {
    mockHappyPath();
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['db', 'rds!cluster']);
    expect(resources[0]?.id).toBe(arn('db'));
    expect(resources[0]?.tags).toEqual({ team: 'data' });
    expect(resources[0]?.attributes).toEqual({
      rotationEnabled: true,
      rotationAfterDays: 30,
      rotationSchedule: null,
      lastRotatedDate: '2026-10-01T12:00:00.000Z',
      lastAccessedDate: '2026-10-30T00:00:00.000Z',
      lastChangedDate: '2026-10-01T12:00:00.000Z',
      createdDate: '2025-01-01T00:00:00.000Z',
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1',
      owningService: null,
      policy,
    });
    expect(resources[1]?.attributes).toMatchObject({ rotationEnabled: false, lastRotatedDate: null, lastAccessedDate: null, owningService: 'rds' });
  });

  it('maps a secret without resource policy to null', async () => {
    mockHappyPath();
    const { resources } = await collect(collector);
    expect(resources[1]?.attributes).toHaveProperty('policy', null);
    expect(resources[1]?.errors).toEqual({});
  });

  it('records AccessDenied on the policy', async () => {
    mockHappyPath();
    sm.on(GetResourcePolicyCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.policy?.code).toBe('AccessDeniedException');
    expect(resources[0]?.attributes).not.toHaveProperty('policy');
  });

  it('rejects when the listing is denied', async () => {
    sm.on(ListSecretsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform secretsmanager:ListSecrets', 400));
    await expect(collect(collector)).rejects.toThrow('secretsmanager:ListSecrets');
  });

  it('retries throttling', async () => {
    sm.on(ListSecretsCommand).rejectsOnce(awsError('ThrottlingException', 'Rate exceeded', 400)).resolves({ SecretList: [{ ARN: arn('x'), Name: 'x' }] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
  });

  it('makes no enrichment call when no check wants one', async () => {
    mockHappyPath();
    const { stats } = await collect(collector, { wants: ['rotationEnabled'] });
    expect(stats.apiCalls).toBe(2);
    expect(sm.commandCalls(GetResourcePolicyCommand)).toHaveLength(0);
  });
});
