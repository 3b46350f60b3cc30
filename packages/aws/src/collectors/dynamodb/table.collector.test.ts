import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ListTagsOfResourceCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './table.collector.ts';

const ddb = mockClient(DynamoDBClient);
const arn = (name: string) => `arn:aws:dynamodb:us-east-1:123456789012:table/${name}`;

function mockHappyPath() {
  ddb
    .on(ListTablesCommand)
    .resolves({ TableNames: ['orders'], LastEvaluatedTableName: 'orders' })
    .on(ListTablesCommand, { ExclusiveStartTableName: 'orders' })
    .resolves({ TableNames: ['sessions', 'gone'] });
  ddb.on(DescribeTableCommand, { TableName: 'orders' }).resolves({
    Table: {
      TableName: 'orders',
      TableArn: arn('orders'),
      TableStatus: 'ACTIVE',
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k1' },
      DeletionProtectionEnabled: true,
    },
  });
  ddb.on(DescribeTableCommand, { TableName: 'sessions' }).resolves({
    Table: { TableName: 'sessions', TableArn: arn('sessions'), TableStatus: 'ACTIVE', DeletionProtectionEnabled: false },
  });
  ddb
    .on(DescribeTableCommand, { TableName: 'gone' })
    .rejects(awsError('ResourceNotFoundException', 'Requested resource not found: Table: gone not found'));
  ddb.on(DescribeContinuousBackupsCommand, { TableName: 'orders' }).resolves({
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35 },
    },
  });
  ddb.on(DescribeContinuousBackupsCommand, { TableName: 'sessions' }).resolves({
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
    },
  });
  ddb
    .on(ListTagsOfResourceCommand, { ResourceArn: arn('orders') })
    .resolves({ Tags: [{ Key: 'a', Value: '1' }], NextToken: 'tg2' })
    .on(ListTagsOfResourceCommand, { ResourceArn: arn('orders'), NextToken: 'tg2' })
    .resolves({ Tags: [{ Key: 'b', Value: '2' }] });
  ddb.on(ListTagsOfResourceCommand, { ResourceArn: arn('sessions') }).resolves({ Tags: [] });
}

describe('dynamodb-tables collector', () => {
  beforeEach(() => ddb.reset());

  it('lists every page, describes each table and fills the enrichments', async () => {
    mockHappyPath();
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.id)).toEqual([arn('orders'), arn('sessions')]);
    expect(resources[0]?.tags).toEqual({ a: '1', b: '2' });
    expect(resources[0]?.attributes).toEqual({
      tableStatus: 'ACTIVE',
      sseType: 'KMS',
      kmsMasterKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k1',
      deletionProtectionEnabled: true,
      billingMode: 'PAY_PER_REQUEST',
      continuousBackups: { continuousBackupsStatus: 'ENABLED', pointInTimeRecoveryStatus: 'ENABLED', recoveryPeriodInDays: 35 },
      tags: { a: '1', b: '2' },
    });
    expect(resources[1]?.attributes).toMatchObject({
      sseType: 'DEFAULT',
      kmsMasterKeyArn: null,
      deletionProtectionEnabled: false,
      billingMode: null,
      continuousBackups: { pointInTimeRecoveryStatus: 'DISABLED', recoveryPeriodInDays: null },
    });
  });

  it('maps a missing continuous-backups description to null fields', async () => {
    mockHappyPath();
    ddb.on(DescribeContinuousBackupsCommand, { TableName: 'sessions' }).resolves({});
    const { resources } = await collect(collector);
    expect(resources[1]?.attributes).toMatchObject({
      continuousBackups: { continuousBackupsStatus: null, pointInTimeRecoveryStatus: null, recoveryPeriodInDays: null },
    });
  });

  it('records AccessDenied on an enrichment', async () => {
    mockHappyPath();
    ddb.on(DescribeContinuousBackupsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.continuousBackups?.code).toBe('AccessDeniedException');
    expect(resources[0]?.attributes).toHaveProperty('sseType', 'KMS');
  });

  it('rejects when the listing or DescribeTable is denied', async () => {
    ddb.on(ListTablesCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform dynamodb:ListTables', 400));
    await expect(collect(collector)).rejects.toThrow('dynamodb:ListTables');
    ddb.reset();
    mockHappyPath();
    ddb.on(DescribeTableCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform dynamodb:DescribeTable', 400));
    await expect(collect(collector)).rejects.toThrow('dynamodb:DescribeTable');
  });

  it('retries throttling', async () => {
    mockHappyPath();
    ddb
      .on(DescribeTableCommand, { TableName: 'sessions' })
      .rejectsOnce(awsError('ThrottlingException', 'Rate of requests exceeds the allowed throughput.', 400))
      .resolves({ Table: { TableName: 'sessions', TableArn: arn('sessions') } });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(2);
    expect(stats.throttles).toBe(1);
  });

  it('makes no enrichment call when no check wants one', async () => {
    mockHappyPath();
    const { stats } = await collect(collector, { wants: ['sseType'] });
    expect(stats.apiCalls).toBe(5);
    expect(ddb.commandCalls(DescribeContinuousBackupsCommand)).toHaveLength(0);
    expect(ddb.commandCalls(ListTagsOfResourceCommand)).toHaveLength(0);
  });
});
