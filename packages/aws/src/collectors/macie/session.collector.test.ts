import { GetAutomatedDiscoveryConfigurationCommand, GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './session.collector.ts';

const macie = mockClient(Macie2Client);
const session = {
  status: 'ENABLED' as const,
  findingPublishingFrequency: 'FIFTEEN_MINUTES' as const,
  serviceRole: 'arn:aws:iam::123456789012:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie',
  createdAt: new Date('2024-01-10T00:00:00Z'),
  updatedAt: new Date('2024-01-10T00:00:00Z'),
};

describe('macie-session collector', () => {
  beforeEach(() => macie.reset());

  it('reads the session and the automated discovery configuration', async () => {
    macie.on(GetMacieSessionCommand).resolves(session);
    macie.on(GetAutomatedDiscoveryConfigurationCommand).resolves({
      status: 'ENABLED',
      firstEnabledAt: new Date('2024-01-11T00:00:00Z'),
      classificationScopeId: 'abc',
      sensitivityInspectionTemplateId: 'def',
    });
    const { resources } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(resources[0]?.id).toBe('arn:aws:macie2:us-east-1:123456789012:session');
    expect(resources[0]?.errors).toEqual({});
    expect(resources[0]?.attributes).toMatchObject({
      session: { status: 'ENABLED', createdAt: '2024-01-10T00:00:00.000Z' },
      automatedDiscovery: { status: 'ENABLED', firstEnabledAt: '2024-01-11T00:00:00.000Z' },
    });
  });

  it('maps "Macie is not enabled." to session null, with no further call', async () => {
    macie.on(GetMacieSessionCommand).rejects(awsError('AccessDeniedException', 'Macie is not enabled.', 401));
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toEqual({ session: null, automatedDiscovery: null });
    expect(stats.apiCalls).toBe(1);
  });

  it('rejects on an AccessDeniedException that is a missing permission', async () => {
    macie.on(GetMacieSessionCommand).rejects(
      awsError(
        'AccessDeniedException',
        'User: arn:aws:sts::123456789012:assumed-role/Scanner/s is not authorized to perform: macie2:GetMacieSession',
        403,
      ),
    );
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('records AccessDenied on the automated discovery configuration', async () => {
    macie.on(GetMacieSessionCommand).resolves(session);
    macie.on(GetAutomatedDiscoveryConfigurationCommand).rejects(
      awsError('AccessDeniedException', 'is not authorized to perform: macie2:GetAutomatedDiscoveryConfiguration', 403),
    );
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.automatedDiscovery?.code).toBe('AccessDeniedException');
    expect(resources[0]?.attributes.session).toMatchObject({ status: 'ENABLED' });
  });

  it('retries throttling', async () => {
    macie
      .on(GetMacieSessionCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded', 429))
      .resolves({ ...session, status: 'PAUSED' });
    macie.on(GetAutomatedDiscoveryConfigurationCommand).resolves({ status: 'DISABLED' });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ session: { status: 'PAUSED' }, automatedDiscovery: { status: 'DISABLED' } });
    expect(stats.throttles).toBe(1);
  });

  it('makes no discovery call when no check wants it', async () => {
    macie.on(GetMacieSessionCommand).resolves(session);
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(1);
    expect(macie.commandCalls(GetAutomatedDiscoveryConfigurationCommand)).toHaveLength(0);
  });
});
