import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './recorders.collector.ts';

const config = mockClient(ConfigServiceClient);

const RECORDER = {
  arn: 'arn:aws:config:eu-west-1:123456789012:configuration-recorder/default/abcdef',
  name: 'default',
  roleARN: 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
  recordingGroup: {
    allSupported: true,
    includeGlobalResourceTypes: true,
    resourceTypes: [],
    exclusionByResourceTypes: { resourceTypes: [] },
    recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' as const },
  },
  recordingMode: { recordingFrequency: 'CONTINUOUS' as const },
};
const STATUS = {
  name: 'default',
  lastStartTime: new Date('2026-01-01T00:00:00Z'),
  recording: true,
  lastStatus: 'Success' as const,
  lastStatusChangeTime: new Date('2026-10-31T23:00:00Z'),
};

describe('config-recorders collector', () => {
  beforeEach(() => config.reset());

  it('reads recorders and their status', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [RECORDER] });
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [STATUS] });
    const { resources } = await collect(collector, { region: 'eu-west-1' });
    expect(resources).toHaveLength(1);
    expect(resources[0]).toMatchObject({ id: 'arn:aws:config:eu-west-1:123456789012:configuration-recorders', name: 'eu-west-1' });
    expect(resources[0]?.attributes).toEqual({
      recorders: [
        {
          name: 'default',
          arn: RECORDER.arn,
          roleArn: RECORDER.roleARN,
          allSupported: true,
          includeGlobalResourceTypes: true,
          recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
          resourceTypes: [],
          excludedResourceTypes: [],
        },
      ],
      recorderStatuses: [{ name: 'default', recording: true, lastStatus: 'Success', lastStatusChangeTime: '2026-10-31T23:00:00.000Z' }],
    });
  });

  it('yields the region with no recorder and asks for no status', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toEqual({ recorders: [], recorderStatuses: [] });
    expect(stats.apiCalls).toBe(1);
  });

  it('maps NoSuchConfigurationRecorderException on the status to null', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [RECORDER] });
    config
      .on(DescribeConfigurationRecorderStatusCommand)
      .rejects(awsError('NoSuchConfigurationRecorderException', 'Cannot find configuration recorder with the specified name.'));
    const { resources } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ recorderStatuses: null });
    expect(resources[0]?.errors).toEqual({});
  });

  it('records AccessDenied on the status', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [RECORDER] });
    config.on(DescribeConfigurationRecorderStatusCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.recorderStatuses?.code).toBe('AccessDeniedException');
  });

  it('rejects when the listing is denied', async () => {
    config.on(DescribeConfigurationRecordersCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('retries throttling', async () => {
    config
      .on(DescribeConfigurationRecordersCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .resolves({ ConfigurationRecorders: [RECORDER] });
    config.on(DescribeConfigurationRecorderStatusCommand).rejectsOnce(awsError('ThrottlingException', 'Rate exceeded')).resolves({
      ConfigurationRecordersStatus: [STATUS],
    });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.errors).toEqual({});
    expect(stats.throttles).toBe(2);
  });

  it('makes no status call when it is not wanted', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [RECORDER] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(1);
    expect(resources[0]?.attributes).not.toHaveProperty('recorderStatuses');
  });
});
