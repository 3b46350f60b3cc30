import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialsError, TransientCloudError } from '@vigil/engine';
import { resolveAwsSession } from './auth.ts';
import type { AwsSession } from './context.ts';
import { cachedCredentials, listOrganizationAccounts, organizationMemberSessions } from './organizations.ts';
import { FakeError, startFakeAws } from './testing/fake-aws.ts';
import type { FakeAws } from './testing/fake-aws.ts';
import { awsError } from './testing/index.ts';

const MANAGEMENT = '111111111111';
const MEMBER_OK = '222222222222';
const MEMBER_DENIED = '333333333333';
const SUSPENDED = '444444444444';

const keys = (accessKeyId: string) => async () => ({ accessKeyId, secretAccessKey: 'fake-secret-for-tests' });

async function sessionFor(url: string, accessKeyId = 'AKIAMANAGEMENT000001'): Promise<AwsSession> {
  return (await resolveAwsSession({ credentials: keys(accessKeyId), endpointUrl: url, homeRegion: 'us-east-1' })).session;
}

describe('organization accounts against the fake endpoint', () => {
  let fake: FakeAws;
  beforeAll(async () => {
    fake = await startFakeAws({
      account: MANAGEMENT,
      accounts: { AKIAOTHERACCOUNT0001: '999999999999' },
      organization: {
        pageSize: 2,
        accounts: [
          { id: MANAGEMENT, name: 'management' },
          { id: MEMBER_DENIED, name: 'locked' },
          { id: SUSPENDED, status: 'SUSPENDED' },
          { id: MEMBER_OK, name: 'workloads' },
        ],
      },
      assumeRoleDenied: [MEMBER_DENIED],
    });
  });
  afterAll(() => fake.close());

  it('lists every page and keeps only the active accounts', async () => {
    const accounts = await listOrganizationAccounts(await sessionFor(fake.url));
    expect(accounts.map((a) => a.id)).toEqual([MANAGEMENT, MEMBER_DENIED, MEMBER_OK]);
    expect(accounts[0]).toMatchObject({ name: 'management', status: 'ACTIVE', email: `aws+${MANAGEMENT}@example.com` });
  });

  it('says to use the management account when a member lists the organization', async () => {
    await expect(listOrganizationAccounts(await sessionFor(fake.url, 'AKIAOTHERACCOUNT0001'))).rejects.toThrow(
      /Account 999999999999 cannot list the organization's accounts \(AccessDeniedException.*management account or of a delegated administrator/,
    );
  });

  it('assumes the member role in every member account and reports the refusals', async () => {
    const before = fake.assumed.length;
    const r = await organizationMemberSessions(await sessionFor(fake.url), { externalId: 'ext-42', concurrency: 2 });
    expect(r.sessions.map((s) => s.session.account)).toEqual([MANAGEMENT, MEMBER_OK]);
    expect(r.sessions[0]?.identity.arn).toBe(`arn:aws:iam::${MANAGEMENT}:user/auditor`);
    expect(r.sessions[1]).toMatchObject({
      name: 'workloads',
      identity: { account: MEMBER_OK, arn: `arn:aws:sts::${MEMBER_OK}:assumed-role/OrganizationAccountAccessRole/vigil-scan`, partition: 'aws' },
      session: { endpoint: fake.url, homeRegion: 'us-east-1', partition: 'aws' },
    });
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatchObject({ account: MEMBER_DENIED, name: 'locked', code: 'AccessDenied' });
    expect(r.failures[0]?.message).toMatch(/Cannot assume role OrganizationAccountAccessRole in account 333333333333: .*trust policy.*external id/);
    const calls = fake.assumed.slice(before);
    expect(calls.map((c) => c.roleArn).sort()).toEqual([
      `arn:aws:iam::${MEMBER_OK}:role/OrganizationAccountAccessRole`,
      `arn:aws:iam::${MEMBER_DENIED}:role/OrganizationAccountAccessRole`,
    ]);
    expect(calls.every((c) => c.externalId === 'ext-42' && c.caller === MANAGEMENT)).toBe(true);

    // The member session's credentials act as the member account.
    const member = await resolveAwsSession({ credentials: r.sessions[1]?.session.credentials, endpointUrl: fake.url });
    expect(member.identity.account).toBe(MEMBER_OK);
  });

  it('limits the accounts and reports ids outside the organization', async () => {
    const r = await organizationMemberSessions(await sessionFor(fake.url), { roleName: 'audit/VigilScan', accounts: [MEMBER_OK, '555555555555'] });
    expect(r.sessions.map((s) => s.session.account)).toEqual([MEMBER_OK]);
    expect(r.sessions[0]?.identity.arn).toContain('assumed-role/VigilScan/');
    expect(r.failures).toEqual([{ account: '555555555555', code: 'AccountNotInOrganization', message: 'Account 555555555555 is not an active account of the organization.' }]);
    await expect(organizationMemberSessions(await sessionFor(fake.url), { roleName: 'bad name' })).rejects.toThrow(/IAM role name/);
    await expect(organizationMemberSessions(await sessionFor(fake.url), { accounts: ['12'] })).rejects.toThrow(/12 digits/);
  });
});

describe('organization errors', () => {
  it('a throttled identity check is transient, not a credentials problem: the caller may retry, and the retry works', async () => {
    let throttled = 0;
    let calls = 0;
    const fake = await startFakeAws({
      handlers: {
        'sts:GetCallerIdentity': () => {
          calls++;
          if (throttled < 10) {
            throttled++;
            return new FakeError('Throttling', 'Rate exceeded');
          }
          return '<Arn>arn:aws:iam::123456789012:user/auditor</Arn><UserId>AIDAFAKE</UserId><Account>123456789012</Account>';
        },
      },
    });
    try {
      const err = await sessionFor(fake.url).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(TransientCloudError);
      expect(err).toMatchObject({ code: 'CLOUD_TRANSIENT', message: expect.stringMatching(/did not answer the identity check.*Throttling/) });
      expect(err).not.toBeInstanceOf(CredentialsError);
      // The SDK retried before giving up.
      expect(calls).toBeGreaterThan(1);
      throttled = 10;
      await expect(sessionFor(fake.url)).resolves.toMatchObject({ account: '123456789012' });
    } finally {
      await fake.close();
    }
  });

  it('explains an account outside any organization', async () => {
    const fake = await startFakeAws({
      handlers: { 'organizations:ListAccounts': () => new FakeError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.') },
    });
    try {
      await expect(listOrganizationAccounts(await sessionFor(fake.url))).rejects.toMatchObject({
        code: 'ORGANIZATION',
        message: expect.stringMatching(/Account 123456789012 is not in an AWS organization \(AWSOrganizationsNotInUseException\)/),
      });
    } finally {
      await fake.close();
    }
  });

  it('follows NextToken to the end (recorded responses)', async () => {
    const org = mockClient(OrganizationsClient);
    try {
      org
        .on(ListAccountsCommand, {})
        .resolves({ Accounts: [{ Id: MANAGEMENT, Status: 'ACTIVE' }], NextToken: 't1' })
        .on(ListAccountsCommand, { NextToken: 't1' })
        .resolves({ Accounts: [{ Id: MEMBER_OK, Status: 'PENDING_CLOSURE' }], NextToken: 't2' })
        .on(ListAccountsCommand, { NextToken: 't2' })
        .resolves({ Accounts: [{ Id: MEMBER_DENIED, Status: 'ACTIVE' }] });
      const accounts = await listOrganizationAccounts({ account: MANAGEMENT, partition: 'aws', homeRegion: 'us-east-1' });
      expect(accounts.map((a) => a.id)).toEqual([MANAGEMENT, MEMBER_DENIED]);
      expect(org.commandCalls(ListAccountsCommand)).toHaveLength(3);
      org.reset();
      org.on(ListAccountsCommand).rejects(awsError('AccessDeniedException', 'not allowed', 400));
      await expect(listOrganizationAccounts({ account: MANAGEMENT, partition: 'aws', homeRegion: 'us-east-1' })).rejects.toThrow(/organizations:ListAccounts/);
    } finally {
      org.restore();
    }
  });

  it('shares one assumed-role session until it nears expiry', async () => {
    let calls = 0;
    const later = new Date(Date.now() + 3_600_000);
    const cached = cachedCredentials(async () => ({ accessKeyId: `K${++calls}`, secretAccessKey: 's', expiration: later }));
    const all = await Promise.all([cached(), cached(), cached()]);
    expect(all.map((c) => c.accessKeyId)).toEqual(['K1', 'K1', 'K1']);
    let n = 0;
    const expiring = cachedCredentials(async () => ({ accessKeyId: `E${++n}`, secretAccessKey: 's', expiration: new Date(Date.now() + 60_000) }));
    expect((await expiring()).accessKeyId).toBe('E1');
    expect((await expiring()).accessKeyId).toBe('E2');
  });
});
