import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './log-groups.collector.ts';

const logs = mockClient(CloudWatchLogsClient);

const TRAIL_GROUP = {
  logGroupName: 'CloudTrail/Default',
  creationTime: 1767225600000,
  retentionInDays: 365,
  metricFilterCount: 3,
  arn: 'arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/Default:*',
  logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/Default',
  storedBytes: 1048576,
  kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  logGroupClass: 'STANDARD' as const,
};
const APP_GROUP = {
  logGroupName: '/aws/lambda/app',
  creationTime: 1767225600000,
  metricFilterCount: 0,
  arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/app:*',
  storedBytes: 0,
};

describe('cloudwatch-log-groups collector', () => {
  beforeEach(() => logs.reset());

  it('reads log groups across pages', async () => {
    logs
      .on(DescribeLogGroupsCommand)
      .resolvesOnce({ logGroups: [TRAIL_GROUP], nextToken: 'page-2' })
      .resolvesOnce({ logGroups: [APP_GROUP] });
    const { resources } = await collect(collector);
    expect(logs.commandCalls(DescribeLogGroupsCommand)[1]?.args[0].input).toMatchObject({ nextToken: 'page-2' });
    expect(resources.map((r) => r.id)).toEqual([
      'arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/Default',
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/app',
    ]);
    expect(resources[0]?.attributes).toEqual({
      retentionInDays: 365,
      kmsKeyId: TRAIL_GROUP.kmsKeyId,
      logGroupClass: 'STANDARD',
      storedBytes: 1048576,
      creationTime: '2026-01-01T00:00:00.000Z',
    });
    expect(resources[1]?.name).toBe('/aws/lambda/app');
    expect(resources[1]?.attributes).toMatchObject({ retentionInDays: null, kmsKeyId: null, logGroupClass: null });
  });

  it('rejects when the listing is denied', async () => {
    logs.on(DescribeLogGroupsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: logs:DescribeLogGroups'));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('retries throttling', async () => {
    logs.on(DescribeLogGroupsCommand).rejectsOnce(awsError('ThrottlingException', 'Rate exceeded')).resolves({ logGroups: [APP_GROUP] });
    const { resources, stats } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
  });

  it('makes only the listing call (no enrichment attributes)', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [TRAIL_GROUP, APP_GROUP] });
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(1);
  });
});
