import {
  GetAdministratorAccountCommand,
  GetDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListFindingsCommand,
  ListMembersCommand,
} from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './detector.collector.ts';

const gd = mockClient(GuardDutyClient);
const DETECTOR = '12abc34d567e8fa901bc2d34e56789f0';

const detectorResponse = {
  CreatedAt: '2024-03-01T10:00:00.000Z',
  UpdatedAt: '2025-01-01T10:00:00.000Z',
  FindingPublishingFrequency: 'SIX_HOURS' as const,
  ServiceRole: 'arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
  Status: 'ENABLED' as const,
  DataSources: {
    CloudTrail: { Status: 'ENABLED' as const },
    DNSLogs: { Status: 'ENABLED' as const },
    FlowLogs: { Status: 'ENABLED' as const },
    S3Logs: { Status: 'ENABLED' as const },
    Kubernetes: { AuditLogs: { Status: 'DISABLED' as const } },
    MalwareProtection: { ScanEc2InstanceWithFindings: { EbsVolumes: { Status: 'ENABLED' as const } } },
  },
  Features: [
    { Name: 'CLOUD_TRAIL' as const, Status: 'ENABLED' as const },
    { Name: 'S3_DATA_EVENTS' as const, Status: 'ENABLED' as const },
    { Name: 'EKS_AUDIT_LOGS' as const, Status: 'DISABLED' as const },
    { Name: 'RDS_LOGIN_EVENTS' as const, Status: 'DISABLED' as const },
    {
      Name: 'RUNTIME_MONITORING' as const,
      Status: 'ENABLED' as const,
      AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT' as const, Status: 'ENABLED' as const }],
    },
  ],
  Tags: { team: 'security' },
};

describe('guardduty-detector collector', () => {
  beforeEach(() => gd.reset());

  it('describes the detector, pages detectors, members and findings', async () => {
    gd.on(ListDetectorsCommand)
      .resolvesOnce({ DetectorIds: [], NextToken: 'p2' })
      .resolvesOnce({ DetectorIds: [DETECTOR] });
    gd.on(GetDetectorCommand, { DetectorId: DETECTOR }).resolves(detectorResponse);
    gd.on(GetAdministratorAccountCommand).resolves({
      Administrator: { AccountId: '210987654321', RelationshipStatus: 'Enabled', InvitationId: 'inv', InvitedAt: '2024-03-01' },
    });
    gd.on(ListMembersCommand)
      .resolvesOnce({ Members: [], NextToken: 'm2' })
      .resolvesOnce({ Members: [] });
    gd.on(ListFindingsCommand)
      .resolvesOnce({ FindingIds: ['f1', 'f2'], NextToken: 'n2' })
      .resolvesOnce({ FindingIds: ['f3'] });

    const { resources } = await collect(collector);
    expect(resources).toHaveLength(1);
    const r = resources[0];
    expect(r?.id).toBe('arn:aws:guardduty:us-east-1:123456789012:detectors');
    expect(r?.name).toBe('GuardDuty in us-east-1');
    expect(r?.errors).toEqual({});
    expect(r?.attributes).toMatchObject({
      detectorIds: [DETECTOR],
      detector: {
        id: DETECTOR,
        status: 'ENABLED',
        features: {
          S3_DATA_EVENTS: { status: 'ENABLED' },
          RDS_LOGIN_EVENTS: { status: 'DISABLED' },
          RUNTIME_MONITORING: { status: 'ENABLED', additionalConfiguration: { EKS_ADDON_MANAGEMENT: 'ENABLED' } },
        },
        dataSources: { s3Logs: 'ENABLED', kubernetesAuditLogs: 'DISABLED', ebsMalwareProtection: 'ENABLED' },
        tags: { team: 'security' },
      },
      administrator: { accountId: '210987654321', relationshipStatus: 'Enabled' },
      memberAccountIds: [],
      highSeverityFindings: { count: 3, sampleIds: ['f1', 'f2', 'f3'] },
    });
    const findingsCall = gd.commandCalls(ListFindingsCommand)[0]?.args[0].input;
    expect(findingsCall?.FindingCriteria?.Criterion?.severity).toEqual({ GreaterThanOrEqual: 7 });
    expect(findingsCall?.FindingCriteria?.Criterion?.['service.archived']).toEqual({ Equals: ['false'] });
    expect(gd.commandCalls(ListMembersCommand)[0]?.args[0].input).toMatchObject({ OnlyAssociated: 'true' });
  });

  it('yields a resource without detector (GuardDuty not enabled) and makes no detector calls', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toEqual({
      detectorIds: [],
      detector: null,
      administrator: null,
      memberAccountIds: null,
      highSeverityFindings: null,
    });
    expect(stats.apiCalls).toBe(1);
  });

  it('maps a missing administrator to null', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: [DETECTOR] });
    gd.on(GetAdministratorAccountCommand).resolves({ Administrator: undefined });
    const { resources } = await collect(collector, { wants: ['administrator'] });
    expect(resources[0]?.attributes).toEqual({ detectorIds: [DETECTOR], administrator: null });
  });

  it('records AccessDenied on an enrichment', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: [DETECTOR] });
    gd.on(GetDetectorCommand).resolves(detectorResponse);
    gd.on(ListFindingsCommand).rejects(
      awsError('AccessDeniedException', 'User is not authorized to perform: guardduty:ListFindings', 403),
    );
    const { resources } = await collect(collector, { wants: ['detector', 'highSeverityFindings'] });
    expect(resources[0]?.errors.highSeverityFindings?.code).toBe('AccessDeniedException');
    expect(resources[0]?.attributes.highSeverityFindings).toBeUndefined();
    expect(resources[0]?.attributes.detector).toMatchObject({ status: 'ENABLED' });
  });

  it('rejects when the listing is denied', async () => {
    gd.on(ListDetectorsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('retries throttling', async () => {
    gd.on(ListDetectorsCommand)
      .rejectsOnce(awsError('TooManyRequestsException', 'Rate exceeded', 429))
      .resolves({ DetectorIds: [DETECTOR] });
    gd.on(GetDetectorCommand).resolves({ ...detectorResponse, Status: 'DISABLED' });
    const { resources, stats } = await collect(collector, { wants: ['detector'] });
    expect(resources[0]?.attributes.detector).toMatchObject({ status: 'DISABLED' });
    expect(stats.throttles).toBe(1);
  });

  it('makes only the listing call when no check wants an enrichment', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: [DETECTOR] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources[0]?.attributes).toEqual({ detectorIds: [DETECTOR] });
    expect(stats.apiCalls).toBe(1);
    expect(gd.commandCalls(GetDetectorCommand)).toHaveLength(0);
  });
});
