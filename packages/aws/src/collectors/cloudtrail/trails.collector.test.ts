import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetInsightSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './trails.collector.ts';

const ct = mockClient(CloudTrailClient);
const ARN = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main';
const ARN2 = 'arn:aws:cloudtrail:us-east-1:123456789012:trail/data';

const MAIN = {
  Name: 'main',
  S3BucketName: 'org-trail-bucket',
  IncludeGlobalServiceEvents: true,
  IsMultiRegionTrail: true,
  HomeRegion: 'us-east-1',
  TrailARN: ARN,
  LogFileValidationEnabled: true,
  CloudWatchLogsLogGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/Default:*',
  CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/CloudTrail_CloudWatchLogs_Role',
  KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  HasCustomEventSelectors: false,
  HasInsightSelectors: true,
  IsOrganizationTrail: false,
};
const DATA = { ...MAIN, Name: 'data', TrailARN: ARN2, IsMultiRegionTrail: false, KmsKeyId: undefined, HasCustomEventSelectors: true, HasInsightSelectors: false };

function mockHappy() {
  ct.on(DescribeTrailsCommand).resolves({ trailList: [MAIN, DATA] });
  ct.on(GetTrailStatusCommand).resolves({
    IsLogging: true,
    LatestDeliveryTime: new Date('2026-10-31T23:55:00Z'),
    LatestCloudWatchLogsDeliveryTime: new Date('2026-10-31T23:56:00Z'),
  });
  ct.on(GetEventSelectorsCommand, { TrailName: ARN }).resolves({
    TrailARN: ARN,
    EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
  });
  ct.on(GetEventSelectorsCommand, { TrailName: ARN2 }).resolves({
    TrailARN: ARN2,
    AdvancedEventSelectors: [
      {
        Name: 'S3 writes',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          { Field: 'readOnly', Equals: ['false'] },
        ],
      },
    ],
  });
  ct.on(GetInsightSelectorsCommand).resolves({ TrailARN: ARN, InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }] });
}

describe('cloudtrail-trails collector', () => {
  beforeEach(() => ct.reset());

  it('lists trails once each (home region only, organization trails included) and reads status, selectors and insights', async () => {
    mockHappy();
    const { resources } = await collect(collector);
    expect(ct.commandCalls(DescribeTrailsCommand)[0]?.args[0].input).toEqual({ includeShadowTrails: true });
    expect(resources.map((r) => r.id)).toEqual([ARN, ARN2]);
    const [main, data] = resources;
    expect(main?.name).toBe('main');
    expect(main?.region).toBe('us-east-1');
    expect(main?.errors).toEqual({});
    expect(main?.attributes).toMatchObject({
      homeRegion: 'us-east-1',
      isMultiRegionTrail: true,
      logFileValidationEnabled: true,
      kmsKeyId: MAIN.KmsKeyId,
      s3BucketName: 'org-trail-bucket',
      cloudWatchLogsLogGroupArn: MAIN.CloudWatchLogsLogGroupArn,
      isOrganizationTrail: false,
      status: { isLogging: true, latestCloudWatchLogsDeliveryTime: '2026-10-31T23:56:00.000Z' },
      eventSelectors: {
        basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] }],
        advanced: [],
      },
      insightSelectors: [{ insightType: 'ApiCallRateInsight' }],
    });
    expect(data?.attributes).toMatchObject({
      kmsKeyId: null,
      eventSelectors: {
        basic: [],
        advanced: [
          {
            name: 'S3 writes',
            fieldSelectors: [
              { field: 'eventCategory', equals: ['Data'] },
              { field: 'resources.type', equals: ['AWS::S3::Object'] },
              { field: 'readOnly', equals: ['false'] },
            ],
          },
        ],
      },
      // HasInsightSelectors: false → no call.
      insightSelectors: null,
    });
    expect(ct.commandCalls(GetInsightSelectorsCommand)).toHaveLength(1);
  });

  it('keeps only trails homed in the region (DescribeTrails is not paginated)', async () => {
    mockHappy();
    ct.on(DescribeTrailsCommand).resolves({ trailList: [MAIN, { ...DATA, HomeRegion: 'eu-west-1' }] });
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['main']);
  });

  it("includes the management account's organization trail seen from a member account", async () => {
    mockHappy();
    const ORG = {
      ...MAIN,
      Name: 'org-trail',
      TrailARN: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org-trail',
      IsOrganizationTrail: true,
    };
    ct.on(DescribeTrailsCommand).resolves({ trailList: [MAIN, ORG, { ...ORG, HomeRegion: 'eu-west-1', Name: 'other-home' }] });
    const { resources } = await collect(collector);
    expect(resources.map((r) => [r.name, r.attributes.isOrganizationTrail])).toEqual([
      ['main', false],
      ['org-trail', true],
    ]);
  });

  it('maps InsightNotEnabledException to null', async () => {
    mockHappy();
    ct.on(GetInsightSelectorsCommand).rejects(awsError('InsightNotEnabledException', 'Trail main does not have Insights enabled.'));
    const { resources } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ insightSelectors: null });
    expect(resources[0]?.errors).toEqual({});
  });

  it('records AccessDenied on an enrichment', async () => {
    mockHappy();
    ct.on(GetTrailStatusCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: cloudtrail:GetTrailStatus', 400));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.status?.code).toBe('AccessDeniedException');
    expect(resources[0]?.attributes).not.toHaveProperty('status');
    expect(resources[0]?.attributes).toHaveProperty('eventSelectors');
  });

  it('rejects when the listing is denied', async () => {
    ct.on(DescribeTrailsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: cloudtrail:DescribeTrails', 400));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('retries throttling', async () => {
    mockHappy();
    ct.on(DescribeTrailsCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .resolves({ trailList: [MAIN] });
    ct.on(GetEventSelectorsCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .resolves({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.errors).toEqual({});
    expect(resources[0]?.attributes).toMatchObject({ eventSelectors: { basic: [{ readWriteType: 'All' }] } });
    expect(stats.throttles).toBe(2);
  });

  it('makes only the listing call when no enrichment is wanted', async () => {
    mockHappy();
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(2);
    expect(stats.apiCalls).toBe(1);
    expect(resources[0]?.attributes).not.toHaveProperty('status');
  });

  it('calls only the wanted enrichment', async () => {
    mockHappy();
    await collect(collector, { wants: ['status'] });
    expect(ct.commandCalls(GetTrailStatusCommand)).toHaveLength(2);
    expect(ct.commandCalls(GetEventSelectorsCommand)).toHaveLength(0);
    expect(ct.commandCalls(GetInsightSelectorsCommand)).toHaveLength(0);
  });
});
