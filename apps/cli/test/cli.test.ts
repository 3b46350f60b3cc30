import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeError, startFakeAws } from '@vigil/aws/testing/fake-aws';
import type { FakeAws } from '@vigil/aws/testing/fake-aws';
import { nodeTooOld } from '../bin/node-version.js';
import { bufferIo } from '../src/io.ts';
import { main } from '../src/main.ts';
import { isolateAws, tempDir } from './env.ts';

async function vigil(args: string[]) {
  const io = bufferIo();
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('vigil usage', () => {
  it('refuses old Node versions', () => {
    expect(nodeTooOld('20.20.2')).toBe(true);
    expect(nodeTooOld('22.18.0')).toBe(true);
    expect(nodeTooOld('22.19.0')).toBe(false);
    expect(nodeTooOld('24.21.0')).toBe(false);
  });

  it('suggests the closest check, service and framework names (exit 2)', async () => {
    const r1 = await vigil(['scan', 'aws', '--checks', 'iam_root_mfa_enable', '--plan']);
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/Unknown check "iam_root_mfa_enable".*Did you mean "iam_root_mfa_enabled"/);
    const r2 = await vigil(['scan', 'aws', '--services', 'iamm', '--plan']);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/Did you mean "iam"/);
    const r3 = await vigil(['scan', 'aws', '--compliance', 'cis_4_aws', '--plan']);
    expect(r3.code).toBe(2);
    expect(r3.err).toMatch(/Did you mean "cis_4.0_aws"/);
    const r4 = await vigil(['scan', 'aws', '--output-formats', 'jsn', '--plan']);
    expect(r4.code).toBe(2);
    const r5 = await vigil(['scan', 'aws', '--no-such-flag']);
    expect(r5.code).toBe(2);
  });

  it('prints the API calls and a least-privilege policy without calling AWS', async () => {
    // No credentials and no endpoint: any AWS call would fail.
    delete process.env.AWS_ACCESS_KEY_ID;
    const r = await vigil(['scan', 'aws', '--plan', '--checks', 'iam_root_mfa_enabled', 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No AWS call was made');
    const policy = JSON.parse(r.out.slice(r.out.indexOf('{')));
    const actions: string[] = policy.Statement[0].Action;
    expect(actions).toContain('ec2:DescribeSecurityGroups');
    expect(actions).toContain('sts:GetCallerIdentity');
    expect(actions.every((a) => /^(iam|ec2|sts):/.test(a))).toBe(true);
    const quiet = await vigil(['scan', 'aws', '--plan', '--quiet', '--services', 's3']);
    expect(JSON.parse(quiet.out).Statement[0].Action).toContain('s3:ListAllMyBuckets');
  });

  it('lists checks and frameworks', async () => {
    const r = await vigil(['checks', 'list', '--provider', 'aws', '--json']);
    expect(r.code).toBe(0);
    const checks = JSON.parse(r.out) as { id: string }[];
    expect(checks.length).toBeGreaterThanOrEqual(120);
    const cis = await vigil(['compliance', 'show', 'cis_4.0_aws']);
    expect(cis.out).toContain('1.4');
    const list = await vigil(['compliance', 'list']);
    expect(list.out).toContain('cis_4.0_aws');
  });
});

describe('vigil scan aws against an AWS-compatible endpoint', () => {
  let fake: FakeAws;
  beforeAll(async () => {
    fake = await startFakeAws({
      regions: ['us-east-1', 'eu-west-1'],
      handlers: {
        'iam:GetAccountPasswordPolicy': () => '<PasswordPolicy><MinimumPasswordLength>8</MinimumPasswordLength></PasswordPolicy>',
      },
    });
  });
  afterAll(() => fake.close());

  it('completes and reports ERROR, never PASS or FAIL, for what the endpoint refuses', async () => {
    isolateAws();
    const dir = tempDir();
    const r = await vigil(['scan', 'aws', '--endpoint-url', fake.url, '-o', dir, '-F', 'scan', '--output-formats', 'json-ocsf', '--no-banner']);
    const findings = JSON.parse(readFileSync(join(dir, 'scan.ocsf.json'), 'utf8')) as {
      status_code: string;
      metadata: { event_code: string };
      unmapped: { error_code?: string };
    }[];
    const byStatus = (s: string) => findings.filter((f) => f.status_code === s);
    expect(byStatus('ERROR').length).toBeGreaterThan(50);
    // Every ERROR carries the refusal the endpoint sent (no client-side failure such as a bad URL).
    const codes = new Set(byStatus('ERROR').map((f) => f.unmapped.error_code));
    expect([...codes].sort()).toEqual(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);
    // The one call the endpoint answers decides one check: a FAIL on an 8-character minimum.
    const decided = [...byStatus('PASS'), ...byStatus('FAIL')].map((f) => f.metadata.event_code);
    expect(decided.every((id) => id.startsWith('iam_password_policy'))).toBe(true);
    expect(decided).toContain('iam_password_policy_minimum_length_14');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/could not be evaluated \(ERROR\)/);
    expect(fake.refused.size).toBeGreaterThan(10);
  });

  it('stops with one clear message, exit 1 and no report when credentials are rejected', async () => {
    const bad = await startFakeAws({
      handlers: { 'sts:GetCallerIdentity': () => new FakeError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403) },
    });
    isolateAws();
    const dir = tempDir();
    const r = await vigil(['scan', 'aws', '--endpoint-url', bad.url, '-o', dir]);
    await bad.close();
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/rejected \(InvalidClientTokenId/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('says what to do when credentials expired', async () => {
    const expired = await startFakeAws({
      handlers: { 'sts:GetCallerIdentity': () => new FakeError('ExpiredToken', 'The security token included in the request is expired', 403) },
    });
    isolateAws();
    const r = await vigil(['scan', 'aws', '--endpoint-url', expired.url, '-o', tempDir()]);
    await expired.close();
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/expired.*Refresh them/);
  });
});
