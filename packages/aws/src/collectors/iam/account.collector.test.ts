import { AccountClient, GetAlternateContactCommand, GetContactInformationCommand } from '@aws-sdk/client-account';
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListEntitiesForPolicyCommand,
  ListSAMLProvidersCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './account.collector.ts';
import { credentialReportWait } from './lib/credential-report.ts';
import { CSV } from './lib/test-fixtures.ts';

const iam = mockClient(IAMClient);
const account = mockClient(AccountClient);
const saved = { ...credentialReportWait };

function mockEverything() {
  iam.on(GetAccountPasswordPolicyCommand).resolves({
    PasswordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24, ExpirePasswords: false },
  });
  iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 2 } });
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iam.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode(CSV), ReportFormat: 'text/csv' });
  iam
    .on(ListVirtualMFADevicesCommand)
    .resolvesOnce({
      VirtualMFADevices: [
        { SerialNumber: 'arn:aws:iam::123456789012:mfa/alice', User: { Arn: 'arn:aws:iam::123456789012:user/alice', UserName: 'alice', UserId: 'AIDA1', Path: '/', CreateDate: new Date() } },
      ],
      IsTruncated: true,
      Marker: 'page2',
    })
    .resolves({
      VirtualMFADevices: [
        {
          SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device',
          User: { Arn: 'arn:aws:iam::123456789012:root', UserName: '', UserId: '123456789012', Path: '/', CreateDate: new Date() },
          EnableDate: new Date('2024-01-01T00:00:00Z'),
        },
      ],
      IsTruncated: false,
    });
  iam
    .on(ListEntitiesForPolicyCommand, { PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' })
    .resolvesOnce({ PolicyRoles: [{ RoleName: 'support', RoleId: 'AROA1' }], IsTruncated: true, Marker: 'm' })
    .resolves({ PolicyUsers: [{ UserName: 'bob', UserId: 'AIDA2' }], IsTruncated: false });
  iam.on(ListEntitiesForPolicyCommand, { PolicyArn: 'arn:aws:iam::aws:policy/SecurityAudit' }).resolves({ IsTruncated: false });
  iam
    .on(ListEntitiesForPolicyCommand, { PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess' })
    .resolves({ PolicyGroups: [{ GroupName: 'devs', GroupId: 'AGPA1' }], IsTruncated: false });
  iam.on(ListSAMLProvidersCommand).resolves({
    SAMLProviderList: [{ Arn: 'arn:aws:iam::123456789012:saml-provider/okta', CreateDate: new Date('2024-01-01T00:00:00Z') }],
  });
  account.on(GetContactInformationCommand).resolves({
    ContactInformation: { FullName: 'Jane Doe', AddressLine1: '1 Main St', City: 'Seattle', PostalCode: '98101', CountryCode: 'US', PhoneNumber: '+12065550100' },
  });
  account
    .on(GetAlternateContactCommand, { AlternateContactType: 'SECURITY' })
    .resolves({ AlternateContact: { AlternateContactType: 'SECURITY', Name: 'Sec', EmailAddress: 'sec@example.com', Title: 'CISO', PhoneNumber: '+1' } });
  account
    .on(GetAlternateContactCommand, { AlternateContactType: 'BILLING' })
    .rejects(awsError('ResourceNotFoundException', 'No contact of the inputted alternate contact type found.', 404));
  account
    .on(GetAlternateContactCommand, { AlternateContactType: 'OPERATIONS' })
    .resolves({ AlternateContact: { AlternateContactType: 'OPERATIONS', Name: 'Ops', EmailAddress: 'ops@example.com' } });
}

describe('iam-account collector', () => {
  beforeAll(() => Object.assign(credentialReportWait, { attempts: 3, delayMs: 1 }));
  afterAll(() => Object.assign(credentialReportWait, saved));
  beforeEach(() => {
    iam.reset();
    account.reset();
  });

  it('collects every attribute, following second pages', async () => {
    mockEverything();
    const { resources } = await collect(collector);
    expect(resources).toHaveLength(1);
    const r = resources[0];
    expect(r?.id).toBe('arn:aws:iam::123456789012:root');
    expect(r?.name).toBe('123456789012');
    expect(r?.errors).toEqual({});
    expect(r?.attributes).toMatchObject({
      passwordPolicy: { minimumPasswordLength: 14, passwordReusePrevention: 24 },
      accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
      rootCredentialReport: { user: '<root_account>', mfaActive: true, passwordLastUsed: '2026-10-30T08:00:00.000Z' },
      supportAccessEntities: { users: ['bob'], groups: [], roles: ['support'] },
      securityAuditEntities: { users: [], groups: [], roles: [] },
      cloudShellFullAccessEntities: { users: [], groups: ['devs'], roles: [] },
      samlProviders: [{ arn: 'arn:aws:iam::123456789012:saml-provider/okta', createDate: '2024-01-01T00:00:00.000Z', validUntil: null }],
      contactInformation: { fullName: 'Jane Doe', phoneNumber: '+12065550100', companyName: null },
      securityContact: { name: 'Sec', emailAddress: 'sec@example.com', title: 'CISO', phoneNumber: '+1' },
      billingContact: null,
      operationsContact: { name: 'Ops', emailAddress: 'ops@example.com' },
    });
    const devices = (r?.attributes as { virtualMfaDevices: unknown[] }).virtualMfaDevices;
    expect(devices).toHaveLength(2);
    expect(devices[1]).toEqual({
      serialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device',
      userArn: 'arn:aws:iam::123456789012:root',
      enableDate: '2024-01-01T00:00:00.000Z',
    });
    expect(iam.commandCalls(ListVirtualMFADevicesCommand)[1]?.args[0].input).toMatchObject({ Marker: 'page2', AssignmentStatus: 'Assigned' });
  });

  it('maps not-configured codes to null', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('NoSuchEntity', 'The Password Policy cannot be found.', 404));
    iam.on(ListEntitiesForPolicyCommand).rejects(awsError('NoSuchEntity', 'Policy does not exist', 404));
    account.on(GetAlternateContactCommand).rejects(awsError('ResourceNotFoundException', 'not found', 404));
    const { resources } = await collect(collector, {
      wants: ['passwordPolicy', 'supportAccessEntities', 'securityContact', 'billingContact', 'operationsContact'],
    });
    expect(resources[0]?.attributes).toEqual({
      passwordPolicy: null,
      supportAccessEntities: null,
      securityContact: null,
      billingContact: null,
      operationsContact: null,
    });
    expect(resources[0]?.errors).toEqual({});
  });

  it('records AccessDenied on the attribute that failed only', async () => {
    mockEverything();
    iam.on(GetAccountSummaryCommand).rejects(awsError('AccessDenied', 'not authorized to perform iam:GetAccountSummary', 403));
    account.on(GetContactInformationCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.accountSummary?.code).toBe('AccessDenied');
    expect(resources[0]?.errors.contactInformation?.code).toBe('AccessDeniedException');
    expect(resources[0]?.attributes).not.toHaveProperty('accountSummary');
    expect(resources[0]?.attributes).toHaveProperty('passwordPolicy');
    expect(resources[0]?.attributes).toHaveProperty('securityContact');
  });

  it('records a credential report that never becomes ready', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    const { resources } = await collect(collector, { wants: ['rootCredentialReport'] });
    expect(resources[0]?.errors.rootCredentialReport?.code).toBe('ReportInProgress');
  });

  it('retries throttling', async () => {
    iam
      .on(GetAccountPasswordPolicyCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded', 400))
      .resolves({ PasswordPolicy: { MinimumPasswordLength: 8 } });
    account
      .on(GetAlternateContactCommand)
      .rejectsOnce(awsError('TooManyRequestsException', 'slow down', 429))
      .resolves({ AlternateContact: { EmailAddress: 'sec@example.com' } });
    const { resources, stats } = await collect(collector, { wants: ['passwordPolicy', 'securityContact'] });
    expect(resources[0]?.attributes).toMatchObject({
      passwordPolicy: { minimumPasswordLength: 8 },
      securityContact: { emailAddress: 'sec@example.com' },
    });
    expect(stats.throttles).toBe(2);
    expect(stats.apiCalls).toBe(4);
  });

  it('makes only the calls of the wanted attributes', async () => {
    mockEverything();
    const none = await collect(collector, { wants: [] });
    expect(none.resources).toHaveLength(1);
    expect(none.stats.apiCalls).toBe(0);
    const one = await collect(collector, { wants: ['securityContact'] });
    expect(one.stats.apiCalls).toBe(1);
    expect(account.commandCalls(GetAlternateContactCommand)[0]?.args[0].input).toEqual({ AlternateContactType: 'SECURITY' });
    expect(iam.calls()).toHaveLength(0);
  });
});
