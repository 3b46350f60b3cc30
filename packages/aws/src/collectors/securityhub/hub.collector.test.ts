import { DescribeHubCommand, GetEnabledStandardsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './hub.collector.ts';

const sh = mockClient(SecurityHubClient);
const HUB = 'arn:aws:securityhub:us-east-1:123456789012:hub/default';
const FSBP = 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';
const CIS = 'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0';

describe('securityhub-hub collector', () => {
  beforeEach(() => sh.reset());

  it('describes the hub and pages the enabled standards', async () => {
    sh.on(DescribeHubCommand).resolves({
      HubArn: HUB,
      SubscribedAt: '2024-05-01T12:00:00.000Z',
      AutoEnableControls: true,
      ControlFindingGenerator: 'SECURITY_CONTROL',
    });
    sh.on(GetEnabledStandardsCommand)
      .resolvesOnce({
        StandardsSubscriptions: [
          {
            StandardsSubscriptionArn: `${HUB.replace('hub/default', 'subscription/aws-foundational-security-best-practices/v/1.0.0')}`,
            StandardsArn: FSBP,
            StandardsInput: {},
            StandardsStatus: 'READY',
          },
        ],
        NextToken: 'p2',
      })
      .resolvesOnce({
        StandardsSubscriptions: [
          {
            StandardsSubscriptionArn: 'arn:aws:securityhub:us-east-1:123456789012:subscription/cis-aws-foundations-benchmark/v/3.0.0',
            StandardsArn: CIS,
            StandardsInput: {},
            StandardsStatus: 'INCOMPLETE',
            StandardsStatusReason: { StatusReasonCode: 'NO_AVAILABLE_CONFIGURATION_RECORDER' },
          },
        ],
      });
    const { resources } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(resources[0]?.id).toBe(HUB);
    expect(resources[0]?.errors).toEqual({});
    expect(resources[0]?.attributes).toMatchObject({
      hub: { arn: HUB, controlFindingGenerator: 'SECURITY_CONTROL' },
      enabledStandards: [
        { standardsArn: FSBP, status: 'READY' },
        { standardsArn: CIS, status: 'INCOMPLETE', statusReason: 'NO_AVAILABLE_CONFIGURATION_RECORDER' },
      ],
    });
  });

  it('maps InvalidAccessException (not subscribed) to hub null, with no standards call', async () => {
    sh.on(DescribeHubCommand).rejects(
      awsError('InvalidAccessException', 'Account 123456789012 is not subscribed to AWS Security Hub', 401),
    );
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toEqual({ hub: null, enabledStandards: null });
    expect(stats.apiCalls).toBe(1);
  });

  it('rejects when DescribeHub is denied (AccessDeniedException is not "not enabled")', async () => {
    sh.on(DescribeHubCommand).rejects(
      awsError('AccessDeniedException', 'User is not authorized to perform: securityhub:DescribeHub', 403),
    );
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('records AccessDenied on the standards', async () => {
    sh.on(DescribeHubCommand).resolves({ HubArn: HUB });
    sh.on(GetEnabledStandardsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.enabledStandards?.code).toBe('AccessDeniedException');
    expect(resources[0]?.attributes.hub).toMatchObject({ arn: HUB });
  });

  it('retries throttling', async () => {
    sh.on(DescribeHubCommand)
      .rejectsOnce(awsError('TooManyRequestsException', 'Rate exceeded', 429))
      .resolves({ HubArn: HUB });
    sh.on(GetEnabledStandardsCommand).resolves({ StandardsSubscriptions: [] });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ hub: { arn: HUB }, enabledStandards: [] });
    expect(stats.throttles).toBe(1);
  });

  it('makes no standards call when no check wants them', async () => {
    sh.on(DescribeHubCommand).resolves({ HubArn: HUB });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources[0]?.attributes).toEqual({ hub: { arn: HUB } });
    expect(stats.apiCalls).toBe(1);
  });
});
