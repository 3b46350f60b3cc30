import { GetAccountAuthorizationDetailsCommand, IAMClient, ListGroupsCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './groups.collector.ts';

const iam = mockClient(IAMClient);
const group = (name: string) => ({
  GroupName: name,
  GroupId: `AGPA${name.toUpperCase()}`,
  Arn: `arn:aws:iam::123456789012:group/${name}`,
  Path: '/',
  CreateDate: new Date('2025-01-01T00:00:00Z'),
});

function mockListing() {
  iam
    .on(ListGroupsCommand)
    .resolvesOnce({ Groups: [group('admins')], IsTruncated: true, Marker: 'p2' })
    .resolves({ Groups: [group('devs')], IsTruncated: false });
}

describe('iam-groups collector', () => {
  beforeEach(() => iam.reset());

  it('lists every page and reads policies from every sweep page', async () => {
    mockListing();
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce({
        GroupDetailList: [
          { ...group('admins'), AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }], GroupPolicyList: [] },
        ],
        IsTruncated: true,
        Marker: 'g2',
      })
      .resolves({ GroupDetailList: [{ ...group('devs'), GroupPolicyList: [{ PolicyName: 'p', PolicyDocument: '%7B%7D' }] }], IsTruncated: false });
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['admins', 'devs']);
    expect(resources[0]?.attributes).toMatchObject({ groupId: 'AGPAADMINS', attachedPolicies: [{ policyName: 'AdministratorAccess' }], inlinePolicies: [] });
    expect(resources[1]?.attributes).toMatchObject({ attachedPolicies: [], inlinePolicies: [{ policyName: 'p', document: {} }] });
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)[1]?.args[0].input).toMatchObject({ Marker: 'g2', Filter: ['Group'] });
  });

  it('records AccessDenied on the enrichment', async () => {
    mockListing();
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('AccessDenied', 'denied', 403));
    const { resources } = await collect(collector);
    expect(resources[1]?.errors.attachedPolicies?.code).toBe('AccessDenied');
  });

  it('rejects when the listing is denied', async () => {
    iam.on(ListGroupsCommand).rejects(awsError('AccessDenied', 'denied', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('retries throttling', async () => {
    iam.on(ListGroupsCommand).rejectsOnce(awsError('Throttling', 'Rate exceeded', 400)).resolves({ Groups: [group('a')], IsTruncated: false });
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.throttles).toBe(1);
  });

  it('makes no enrichment call for unwanted attributes', async () => {
    mockListing();
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(2);
  });
});
