import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAws } from '@vigil/aws/testing/fake-aws';
import type { FakeAws } from '@vigil/aws/testing/fake-aws';
import { bufferIo } from '../src/io.ts';
import { main } from '../src/main.ts';
import { isolateAws, tempDir } from './env.ts';

const MANAGEMENT = '111111111111';
const MEMBER = '222222222222';
const LOCKED = '333333333333';
const CHECK = 'iam_password_policy_minimum_length_14';

async function vigil(args: string[]) {
  const io = bufferIo();
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('vigil scan aws --organization-role', () => {
  let fake: FakeAws;
  // Which account each password-policy read was answered for.
  const answeredFor: string[] = [];
  beforeAll(async () => {
    fake = await startFakeAws({
      account: MANAGEMENT,
      regions: ['us-east-1'],
      organization: {
        pageSize: 1,
        accounts: [
          { id: MANAGEMENT, name: 'management' },
          { id: MEMBER, name: 'workloads' },
          { id: LOCKED, name: 'locked' },
          { id: '444444444444', name: 'closing', status: 'SUSPENDED' },
        ],
      },
      assumeRoleDenied: [LOCKED],
      handlers: {
        // The management account requires 14 characters (PASS), the member 8 (FAIL).
        'iam:GetAccountPasswordPolicy': (r) => {
          answeredFor.push(r.account);
          return `<PasswordPolicy><MinimumPasswordLength>${r.account === MANAGEMENT ? 14 : 8}</MinimumPasswordLength></PasswordPolicy>`;
        },
      },
    });
  });
  afterAll(() => fake.close());

  it('scans the management and member accounts as one scan and reports the unreachable one as ERROR', async () => {
    isolateAws();
    const dir = tempDir();
    const r = await vigil([
      'scan', 'aws', '--endpoint-url', fake.url, '--organization-role', 'OrganizationAccountAccessRole', '--organization-external-id', 'org-ext-1',
      '--checks', CHECK, '-o', dir, '-F', 'org', '--output-formats', 'csv', 'json-ocsf', 'json-asff', 'html',
    ]);
    expect(r.err).toContain(`AWS organization of ${MANAGEMENT}`);
    expect(r.err).toContain('2 accounts (1 unreachable) via role OrganizationAccountAccessRole');
    // Per-account progress (non-interactive: one line per finished account).
    expect(r.err).toMatch(new RegExp(`Account ${MEMBER} \\(workloads\\) done · \\d/3 accounts`));
    expect(r.err).toMatch(new RegExp(`Account ${LOCKED} \\(locked\\) ERROR \\(not reached\\)`));
    expect(r.err).not.toMatch(/unexpected error/);
    // The member's FAIL makes exit 3, as in a one-account scan; the unreachable account does not crash it.
    expect(r.code).toBe(3);
    expect([...new Set(answeredFor)].sort()).toEqual([MANAGEMENT, MEMBER]);
    expect(fake.assumed.filter((a) => a.externalId === 'org-ext-1').map((a) => a.roleArn).sort()).toEqual([
      `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
      `arn:aws:iam::${LOCKED}:role/OrganizationAccountAccessRole`,
    ]);

    expect(r.out).toMatch(/Scan of .*111111111111/);
    expect(r.out).toContain('Accounts (2 scanned, 1 not reached)');
    const line = (account: string) => r.out.split('\n').find((l) => l.startsWith(account)) ?? '';
    expect(line(MANAGEMENT)).toMatch(/management\s+OK\s+0\s+1\s+0/);
    expect(line(MEMBER)).toMatch(/workloads\s+OK\s+1\s+0\s+0/);
    expect(line(LOCKED)).toMatch(/locked\s+ERROR\s+0\s+0\s+1/);
    expect(r.out).toMatch(/ERROR 333333333333: AccessDenied · Cannot assume role OrganizationAccountAccessRole in account 333333333333/);
    expect(r.out).toContain('1 ERROR');

    // Every report carries each finding's account.
    const ocsf = JSON.parse(readFileSync(join(dir, 'org.ocsf.json'), 'utf8')) as { status_code: string; cloud: { account: { uid: string } }; unmapped: { error_code?: string } }[];
    const byAccount = Object.fromEntries(ocsf.map((f) => [f.cloud.account.uid, f.status_code]));
    expect(byAccount).toEqual({ [MANAGEMENT]: 'PASS', [MEMBER]: 'FAIL', [LOCKED]: 'ERROR' });
    expect(ocsf.find((f) => f.cloud.account.uid === LOCKED)?.unmapped.error_code).toBe('AccessDenied');
    const asff = JSON.parse(readFileSync(join(dir, 'org.asff.json'), 'utf8')) as { AwsAccountId: string }[];
    expect(asff.map((f) => f.AwsAccountId).sort()).toEqual([MANAGEMENT, MEMBER, LOCKED]);
    const csv = readFileSync(join(dir, 'org.csv'), 'utf8').trim().split('\r\n');
    const accountColumn = csv[0]?.split(',').indexOf('account') ?? -1;
    expect(csv.slice(1).map((row) => row.split(',')[accountColumn]).sort()).toEqual([MANAGEMENT, MEMBER, LOCKED]);
    const html = readFileSync(join(dir, 'org.html'), 'utf8');
    for (const a of [MANAGEMENT, MEMBER, LOCKED]) expect(html).toContain(a);
  });

  it('limits the scan to --organization-accounts', async () => {
    isolateAws();
    const dir = tempDir();
    const before = fake.assumed.length;
    const r = await vigil([
      'scan', 'aws', '--endpoint-url', fake.url, '--organization-role', 'OrganizationAccountAccessRole', '--organization-accounts', MEMBER,
      '--checks', CHECK, '-o', dir, '-F', 'one', '--output-formats', 'json-ocsf', '--no-banner',
    ]);
    expect(r.code).toBe(3);
    const ocsf = JSON.parse(readFileSync(join(dir, 'one.ocsf.json'), 'utf8')) as { cloud: { account: { uid: string } } }[];
    expect(ocsf.map((f) => f.cloud.account.uid)).toEqual([MEMBER]);
    expect(fake.assumed.slice(before).map((a) => a.roleArn)).toEqual([`arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`]);
  });

  it('says what to do when the caller cannot list the organization, and refuses options without --organization-role', async () => {
    isolateAws('AKIANOTMANAGEMENT001');
    const member = await startFakeAws({ accounts: { AKIANOTMANAGEMENT001: MEMBER }, organization: { managementAccount: MANAGEMENT, accounts: [{ id: MANAGEMENT }] } });
    try {
      const r = await vigil(['scan', 'aws', '--endpoint-url', member.url, '--organization-role', 'Audit', '--checks', CHECK, '-o', tempDir()]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Account 222222222222 cannot list the organization's accounts.*management account/);
    } finally {
      await member.close();
    }
    const usage = await vigil(['scan', 'aws', '--organization-accounts', MEMBER, '--checks', CHECK]);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/add --organization-role NAME/);
    const plan = await vigil(['scan', 'aws', '--plan', '--quiet', '--organization-role', 'Audit', '--checks', CHECK]);
    expect(JSON.parse(plan.out).Statement[0].Action).toEqual(expect.arrayContaining(['organizations:ListAccounts', 'sts:AssumeRole']));
  });
});
