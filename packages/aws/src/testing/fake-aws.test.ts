import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { ListUsersCommand, IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { errorCode } from '@vigil/engine';
import { startFakeAws } from './fake-aws.ts';

const creds = (accessKeyId: string, sessionToken?: string) => ({ accessKeyId, secretAccessKey: 'fake-secret', ...(sessionToken ? { sessionToken } : {}) });

describe('fake AWS organizations and assumed roles', () => {
  it('pages ListAccounts with NextToken and MaxResults, for the management account only', async () => {
    const fake = await startFakeAws({
      account: '111111111111',
      accounts: { AKIAMEMBERKEY0000001: '222222222222' },
      organization: { pageSize: 3, accounts: ['111111111111', '222222222222', '333333333333', '444444444444'].map((id) => ({ id })) },
    });
    const org = new OrganizationsClient({ region: 'us-east-1', endpoint: fake.url, credentials: creds('AKIAMANAGEMENTKEY001') });
    const member = new OrganizationsClient({ region: 'us-east-1', endpoint: fake.url, credentials: creds('AKIAMEMBERKEY0000001') });
    try {
      const first = await org.send(new ListAccountsCommand({}));
      expect(first.Accounts?.map((a) => a.Id)).toEqual(['111111111111', '222222222222', '333333333333']);
      expect(first.Accounts?.[0]).toMatchObject({ Status: 'ACTIVE', Name: 'account-111111111111' });
      const second = await org.send(new ListAccountsCommand({ NextToken: first.NextToken }));
      expect(second.Accounts?.map((a) => a.Id)).toEqual(['444444444444']);
      expect(second.NextToken).toBeUndefined();
      const small = await org.send(new ListAccountsCommand({ MaxResults: 1 }));
      expect(small.Accounts).toHaveLength(1);
      expect(small.NextToken).toBe('1');
      const refused = await member.send(new ListAccountsCommand({})).catch((e: unknown) => e);
      expect(errorCode(refused)).toBe('AccessDeniedException');
    } finally {
      org.destroy();
      member.destroy();
      await fake.close();
    }
  });

  it('answers AssumeRole with credentials that act as the role account, and refuses the denied accounts', async () => {
    const seen: string[] = [];
    const fake = await startFakeAws({
      account: '111111111111',
      assumeRoleDenied: ['333333333333'],
      handlers: { 'iam:ListUsers': (r) => (seen.push(r.account), '<Users></Users><IsTruncated>false</IsTruncated>') },
    });
    const sts = new STSClient({ region: 'us-east-1', endpoint: fake.url, credentials: creds('AKIAMANAGEMENTKEY001') });
    try {
      const out = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/Audit', RoleSessionName: 's1', ExternalId: 'x-1' }));
      expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::222222222222:assumed-role/Audit/s1');
      const c = out.Credentials;
      const asMember = { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', sessionToken: c?.SessionToken ?? '' };
      const memberSts = new STSClient({ region: 'us-east-1', endpoint: fake.url, credentials: asMember });
      const iam = new IAMClient({ region: 'us-east-1', endpoint: fake.url, credentials: asMember });
      expect(await memberSts.send(new GetCallerIdentityCommand({}))).toMatchObject({
        Account: '222222222222',
        Arn: 'arn:aws:sts::222222222222:assumed-role/Audit/s1',
      });
      await iam.send(new ListUsersCommand({}));
      expect(seen).toEqual(['222222222222']);
      memberSts.destroy();
      iam.destroy();

      const denied = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::333333333333:role/Audit', RoleSessionName: 's2' })).catch((e: unknown) => e);
      expect(errorCode(denied)).toBe('AccessDenied');
      expect(fake.assumed).toEqual([
        { roleArn: 'arn:aws:iam::222222222222:role/Audit', externalId: 'x-1', caller: '111111111111', denied: false },
        { roleArn: 'arn:aws:iam::333333333333:role/Audit', caller: '111111111111', denied: true },
      ]);
    } finally {
      sts.destroy();
      await fake.close();
    }
  });

  it('keeps refusing AssumeRole and ListAccounts when no organization is configured', async () => {
    const fake = await startFakeAws();
    const sts = new STSClient({ region: 'us-east-1', endpoint: fake.url, credentials: creds('AKIAMANAGEMENTKEY001') });
    const org = new OrganizationsClient({ region: 'us-east-1', endpoint: fake.url, credentials: creds('AKIAMANAGEMENTKEY001') });
    try {
      const e = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/Audit', RoleSessionName: 's' })).catch((x: unknown) => x);
      expect(errorCode(e)).toBe('AccessDenied');
      expect(errorCode(await org.send(new ListAccountsCommand({})).catch((x: unknown) => x))).toBe('AccessDeniedException');
      expect(fake.refused.get('sts:AssumeRole')).toBe(1);
      expect(fake.refused.get('organizations:ListAccounts')).toBe(1);
    } finally {
      sts.destroy();
      org.destroy();
      await fake.close();
    }
  });
});
