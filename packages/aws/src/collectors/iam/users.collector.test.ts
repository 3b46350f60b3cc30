import {
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import { CSV } from './lib/test-fixtures.ts';
import collector from './users.collector.ts';

const iam = mockClient(IAMClient);
const arn = (name: string) => `arn:aws:iam::123456789012:user/${name}`;
const u = (name: string, extra = {}) => ({
  UserName: name,
  UserId: `AIDA${name.toUpperCase()}`,
  Arn: arn(name),
  Path: '/',
  CreateDate: new Date('2026-01-01T00:00:00Z'),
  ...extra,
});
const encoded = (doc: object) => encodeURIComponent(JSON.stringify(doc));

function mockListing() {
  iam
    .on(ListUsersCommand)
    .resolvesOnce({ Users: [u('alice', { PasswordLastUsed: new Date('2026-10-01T00:00:00Z') })], IsTruncated: true, Marker: 'next' })
    .resolves({ Users: [u('bob')], IsTruncated: false });
}

function mockEnrichment() {
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iam.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode(CSV) });
  iam.on(GetLoginProfileCommand, { UserName: 'alice' }).resolves({
    LoginProfile: { UserName: 'alice', CreateDate: new Date('2026-01-02T00:00:00Z'), PasswordResetRequired: false },
  });
  iam.on(GetLoginProfileCommand, { UserName: 'bob' }).rejects(awsError('NoSuchEntity', 'Login Profile for User bob cannot be found.', 404));
  iam.on(ListMFADevicesCommand, { UserName: 'alice' }).resolves({
    MFADevices: [
      { UserName: 'alice', SerialNumber: 'arn:aws:iam::123456789012:mfa/alice-phone', EnableDate: new Date('2026-01-03T00:00:00Z') },
      { UserName: 'alice', SerialNumber: 'arn:aws:iam::123456789012:u2f/user/alice/yubikey-ABC', EnableDate: new Date('2026-01-04T00:00:00Z') },
    ],
    IsTruncated: false,
  });
  iam.on(ListMFADevicesCommand, { UserName: 'bob' }).resolves({ MFADevices: [], IsTruncated: false });
  iam.on(ListAccessKeysCommand, { UserName: 'alice' }).resolves({
    AccessKeyMetadata: [
      { UserName: 'alice', AccessKeyId: 'AKIAALICE1', Status: 'Active', CreateDate: new Date('2026-01-01T00:00:00Z') },
      { UserName: 'alice', AccessKeyId: 'AKIAALICE2', Status: 'Inactive', CreateDate: new Date('2026-02-01T00:00:00Z') },
    ],
    IsTruncated: false,
  });
  iam.on(ListAccessKeysCommand, { UserName: 'bob' }).resolves({ AccessKeyMetadata: [], IsTruncated: false });
  iam.on(GetAccessKeyLastUsedCommand, { AccessKeyId: 'AKIAALICE1' }).resolves({
    UserName: 'alice',
    AccessKeyLastUsed: { LastUsedDate: new Date('2026-10-01T00:00:00Z'), ServiceName: 's3', Region: 'us-east-1' },
  });
  iam.on(GetAccessKeyLastUsedCommand, { AccessKeyId: 'AKIAALICE2' }).resolves({
    UserName: 'alice',
    AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
  });
  iam
    .on(GetAccountAuthorizationDetailsCommand)
    .resolvesOnce({
      UserDetailList: [
        {
          ...u('alice'),
          GroupList: ['admins'],
          AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
          UserPolicyList: [{ PolicyName: 'inline-s3', PolicyDocument: encoded({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }) }],
        },
      ],
      IsTruncated: true,
      Marker: 'gaad2',
    })
    .resolves({ UserDetailList: [{ ...u('bob'), GroupList: [], AttachedManagedPolicies: [], UserPolicyList: [] }], IsTruncated: false });
}

describe('iam-users collector', () => {
  beforeEach(() => iam.reset());

  it('lists every page and fills every attribute', async () => {
    mockListing();
    mockEnrichment();
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['alice', 'bob']);
    const [alice, bob] = resources;
    expect(alice?.id).toBe(arn('alice'));
    expect(alice?.errors).toEqual({});
    expect(alice?.attributes).toMatchObject({
      userId: 'AIDAALICE',
      path: '/',
      createDate: '2026-01-01T00:00:00.000Z',
      passwordLastUsed: '2026-10-01T00:00:00.000Z',
      credentialReport: { user: 'alice', passwordEnabled: true },
      loginProfile: { createDate: '2026-01-02T00:00:00.000Z', passwordResetRequired: false },
      mfaDevices: [
        { kind: 'virtual', serialNumber: 'arn:aws:iam::123456789012:mfa/alice-phone' },
        { kind: 'u2f', enableDate: '2026-01-04T00:00:00.000Z' },
      ],
      accessKeys: [
        { accessKeyId: 'AKIAALICE1', status: 'Active', lastUsedDate: '2026-10-01T00:00:00.000Z', lastUsedService: 's3', lastUsedRegion: 'us-east-1' },
        { accessKeyId: 'AKIAALICE2', status: 'Inactive', lastUsedDate: null, lastUsedService: null, lastUsedRegion: null },
      ],
      attachedPolicies: [{ policyName: 'ReadOnlyAccess', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      inlinePolicies: [{ policyName: 'inline-s3', document: { Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } } }],
      groups: ['admins'],
    });
    // bob: no console password (NoSuchEntity → null), not in the credential report, found on the second GAAD page.
    expect(bob?.attributes).toMatchObject({ loginProfile: null, credentialReport: null, passwordLastUsed: null, groups: [], accessKeys: [] });
    expect(bob?.errors).toEqual({});
    expect(iam.commandCalls(ListUsersCommand)[1]?.args[0].input).toMatchObject({ Marker: 'next' });
    // One credential report and one GAAD sweep for all users.
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(1);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)[0]?.args[0].input).toMatchObject({ Filter: ['User'] });
  });

  it('records AccessDenied on enrichments, per attribute', async () => {
    mockListing();
    mockEnrichment();
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('AccessDenied', 'not authorized to perform iam:GetAccountAuthorizationDetails', 403));
    iam.on(ListMFADevicesCommand, { UserName: 'bob' }).rejects(awsError('AccessDenied', 'denied', 403));
    const { resources } = await collect(collector);
    for (const r of resources) {
      expect(r.errors.attachedPolicies?.code).toBe('AccessDenied');
      expect(r.errors.inlinePolicies?.code).toBe('AccessDenied');
      expect(r.errors.groups?.code).toBe('AccessDenied');
    }
    expect(resources[1]?.errors.mfaDevices?.code).toBe('AccessDenied');
    expect(resources[0]?.errors.mfaDevices).toBeUndefined();
    expect(resources[0]?.attributes).toHaveProperty('accessKeys');
    // The failed sweep is not repeated for every user.
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(1);
  });

  it('rejects when the listing is denied', async () => {
    iam.on(ListUsersCommand).rejects(awsError('AccessDenied', 'not authorized to perform iam:ListUsers', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('retries throttling', async () => {
    iam
      .on(ListUsersCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded', 400))
      .resolves({ Users: [u('alice')], IsTruncated: false });
    iam
      .on(ListAccessKeysCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded', 400))
      .resolves({ AccessKeyMetadata: [], IsTruncated: false });
    const { resources, stats } = await collect(collector, { wants: ['accessKeys'] });
    expect(resources[0]?.attributes).toMatchObject({ accessKeys: [] });
    expect(stats.throttles).toBe(2);
    expect(stats.apiCalls).toBe(4);
  });

  it('makes no enrichment call for unwanted attributes', async () => {
    mockListing();
    mockEnrichment();
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(2);
    expect(stats.apiCalls).toBe(2);
    iam.reset();
    mockListing();
    mockEnrichment();
    const some = await collect(collector, { wants: ['groups'] });
    expect(some.stats.apiCalls).toBe(4); // 2 ListUsers pages + 2 GAAD pages
    expect(iam.commandCalls(GetLoginProfileCommand)).toHaveLength(0);
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(0);
  });
});
