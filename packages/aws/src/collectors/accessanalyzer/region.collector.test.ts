import { AccessAnalyzerClient, ListAnalyzersCommand, ListFindingsV2Command } from '@aws-sdk/client-accessanalyzer';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './region.collector.ts';

const aa = mockClient(AccessAnalyzerClient);
const ACCOUNT_ANALYZER = 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/ConsoleAnalyzer-1a2b';
const UNUSED_ANALYZER = 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/UnusedAccess';
const ORG_ANALYZER = 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/org';

const analyzer = (arn: string, type: 'ACCOUNT' | 'ORGANIZATION' | 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' | 'FAILED' = 'ACTIVE') => ({
  arn,
  name: arn.split('/')[1],
  type,
  status,
  createdAt: new Date('2024-02-01T00:00:00Z'),
  lastResourceAnalyzedAt: new Date('2025-02-01T00:00:00Z'),
  tags: {},
  ...(status === 'FAILED' ? { statusReason: { code: 'SERVICE_LINKED_ROLE_CREATION_FAILED' as const } } : {}),
});

const finding = (id: string) => ({
  id,
  analyzedAt: new Date(),
  createdAt: new Date(),
  updatedAt: new Date(),
  resourceType: 'AWS::S3::Bucket' as const,
  resourceOwnerAccount: '123456789012',
  status: 'ACTIVE' as const,
  findingType: 'ExternalAccess' as const,
});

describe('accessanalyzer-region collector', () => {
  beforeEach(() => aa.reset());

  it('pages the analyzers and counts active findings of active external-access analyzers', async () => {
    aa.on(ListAnalyzersCommand)
      .resolvesOnce({ analyzers: [analyzer(ACCOUNT_ANALYZER, 'ACCOUNT'), analyzer(UNUSED_ANALYZER, 'ACCOUNT_UNUSED_ACCESS')], nextToken: 'p2' })
      .resolvesOnce({ analyzers: [analyzer(ORG_ANALYZER, 'ORGANIZATION', 'FAILED')] });
    aa.on(ListFindingsV2Command, { analyzerArn: ACCOUNT_ANALYZER })
      .resolvesOnce({ findings: [finding('a'), finding('b')], nextToken: 'f2' })
      .resolvesOnce({ findings: [finding('c')] });
    const { resources } = await collect(collector);
    expect(resources).toHaveLength(1);
    const r = resources[0];
    expect(r?.id).toBe('arn:aws:access-analyzer:us-east-1:123456789012:analyzers');
    expect(r?.errors).toEqual({});
    expect(r?.attributes).toMatchObject({
      analyzers: [
        { arn: ACCOUNT_ANALYZER, type: 'ACCOUNT', status: 'ACTIVE', createdAt: '2024-02-01T00:00:00.000Z' },
        { arn: UNUSED_ANALYZER, type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' },
        { arn: ORG_ANALYZER, type: 'ORGANIZATION', status: 'FAILED', statusReason: 'SERVICE_LINKED_ROLE_CREATION_FAILED' },
      ],
      activeFindingCounts: { [ACCOUNT_ANALYZER]: 3 },
    });
    const calls = aa.commandCalls(ListFindingsV2Command);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input).toMatchObject({ filter: { status: { eq: ['ACTIVE'] } } });
  });

  it('yields a resource with no analyzers (not enabled) and counts nothing', async () => {
    aa.on(ListAnalyzersCommand).resolves({ analyzers: [] });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toEqual({ analyzers: [], activeFindingCounts: {} });
    expect(stats.apiCalls).toBe(1);
  });

  it('records AccessDenied on the findings count', async () => {
    aa.on(ListAnalyzersCommand).resolves({ analyzers: [analyzer(ACCOUNT_ANALYZER, 'ACCOUNT')] });
    aa.on(ListFindingsV2Command).rejects(awsError('AccessDeniedException', 'not authorized to perform access-analyzer:ListFindingsV2', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.activeFindingCounts?.code).toBe('AccessDeniedException');
    expect(resources[0]?.attributes.activeFindingCounts).toBeUndefined();
  });

  it('rejects when ListAnalyzers is denied', async () => {
    aa.on(ListAnalyzersCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('retries throttling', async () => {
    aa.on(ListAnalyzersCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded', 429))
      .resolves({ analyzers: [analyzer(ACCOUNT_ANALYZER, 'ACCOUNT')] });
    aa.on(ListFindingsV2Command).resolves({ findings: [] });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes.activeFindingCounts).toEqual({ [ACCOUNT_ANALYZER]: 0 });
    expect(stats.throttles).toBe(1);
  });

  it('makes no findings call when no check wants the counts', async () => {
    aa.on(ListAnalyzersCommand).resolves({ analyzers: [analyzer(ACCOUNT_ANALYZER, 'ACCOUNT')] });
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(1);
    expect(aa.commandCalls(ListFindingsV2Command)).toHaveLength(0);
  });
});
