import { GetAccountAuthorizationDetailsCommand, GetPolicyVersionCommand, IAMClient, ListPoliciesCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './policies.collector.ts';

const iam = mockClient(IAMClient);
const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const enc = (d: object) => encodeURIComponent(JSON.stringify(d));
const p = (name: string, arn: string, extra = {}) => ({
  PolicyName: name,
  PolicyId: `ANPA${name.toUpperCase()}`,
  Arn: arn,
  Path: '/',
  DefaultVersionId: 'v2',
  AttachmentCount: 1,
  PermissionsBoundaryUsageCount: 0,
  IsAttachable: true,
  CreateDate: new Date('2025-01-01T00:00:00Z'),
  UpdateDate: new Date('2025-02-01T00:00:00Z'),
  ...extra,
});
const local = (name: string, extra = {}) => p(name, `arn:aws:iam::123456789012:policy/${name}`, extra);

function mockListing() {
  iam
    .on(ListPoliciesCommand, { Scope: 'Local' })
    .resolvesOnce({ Policies: [local('admin')], IsTruncated: true, Marker: 'l2' })
    .resolves({ Policies: [local('unused', { AttachmentCount: 0, DefaultVersionId: 'v1' })], IsTruncated: false });
  iam
    .on(ListPoliciesCommand, { Scope: 'AWS', OnlyAttached: true })
    .resolves({ Policies: [p('AdministratorAccess', 'arn:aws:iam::aws:policy/AdministratorAccess', { DefaultVersionId: 'v1' })], IsTruncated: false });
}

describe('iam-policies collector', () => {
  beforeEach(() => iam.reset());

  it('lists customer and attached AWS policies with their default document', async () => {
    mockListing();
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      Policies: [
        {
          ...local('admin'),
          PolicyVersionList: [
            { VersionId: 'v1', IsDefaultVersion: false, Document: enc({ Statement: [] }) },
            { VersionId: 'v2', IsDefaultVersion: true, Document: enc(ADMIN) },
          ],
        },
        // 'unused' is absent (created after the sweep): falls back to GetPolicyVersion.
      ],
      IsTruncated: false,
    });
    iam.on(GetPolicyVersionCommand, { PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', VersionId: 'v1' }).resolves({
      PolicyVersion: { VersionId: 'v1', IsDefaultVersion: true, Document: enc(ADMIN) },
    });
    iam.on(GetPolicyVersionCommand, { PolicyArn: 'arn:aws:iam::123456789012:policy/unused', VersionId: 'v1' }).resolves({
      PolicyVersion: { VersionId: 'v1', IsDefaultVersion: true, Document: enc({ Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } }) },
    });
    const { resources } = await collect(collector);
    expect(resources.map((r) => [r.name, (r.attributes as { awsManaged: boolean }).awsManaged])).toEqual([
      ['admin', false],
      ['unused', false],
      ['AdministratorAccess', true],
    ]);
    expect(resources[0]?.attributes).toMatchObject({ document: ADMIN, attachmentCount: 1, defaultVersionId: 'v2', updateDate: '2025-02-01T00:00:00.000Z' });
    expect(resources[1]?.attributes).toMatchObject({ attachmentCount: 0, document: { Statement: { Action: 's3:GetObject' } } });
    expect(resources[2]?.attributes).toMatchObject({ document: ADMIN });
    expect(resources.every((r) => Object.keys(r.errors).length === 0)).toBe(true);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(1);
    expect(iam.commandCalls(GetPolicyVersionCommand)).toHaveLength(2);
    expect(iam.commandCalls(ListPoliciesCommand)[1]?.args[0].input).toMatchObject({ Marker: 'l2' });
  });

  it('records AccessDenied on the document', async () => {
    mockListing();
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('AccessDenied', 'denied', 403));
    iam.on(GetPolicyVersionCommand).rejects(awsError('AccessDenied', 'denied', 403));
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.errors.document?.code)).toEqual(['AccessDenied', 'AccessDenied', 'AccessDenied']);
  });

  it('rejects when the listing is denied', async () => {
    iam.on(ListPoliciesCommand).rejects(awsError('AccessDenied', 'denied', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('retries throttling', async () => {
    mockListing();
    iam.on(GetPolicyVersionCommand).rejectsOnce(awsError('Throttling', 'Rate exceeded', 400)).resolves({ PolicyVersion: { Document: enc(ADMIN) } });
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ Policies: [], IsTruncated: false });
    const { resources, stats } = await collect(collector);
    expect(stats.throttles).toBe(1);
    expect(resources.every((r) => (r.attributes as { document: unknown }).document !== undefined)).toBe(true);
  });

  it('makes no enrichment call for unwanted attributes', async () => {
    mockListing();
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(3);
    expect(stats.apiCalls).toBe(3);
  });
});
