import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAws, toXml } from '@vigil/aws/testing/fake-aws';
import type { FakeAws, FakeHandler } from '@vigil/aws/testing/fake-aws';
import { ec2Estate } from '../../../bench/fake-ec2.ts';
import type { FindingView } from '../src/modules/findings/findings.service.ts';
import { TEST_ENGINES, createTestApp } from '../src/testing/index.ts';
import type { TestApp } from '../src/testing/index.ts';

/**
 * End to end through the HTTP API only: sign up, register an AWS account served by the
 * fake endpoint, scan it, follow the scan's events, mute a finding, change the estate,
 * scan the whole account again, and read what changed. Nothing here reaches into the
 * database or the worker, so it stays valid whatever the worker does inside.
 */

const ACCOUNT = '123456789012';
const SSH = 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22';

// ------------------------------------------------------------------ the fake estate ---

const EMPTY: FakeHandler = (r) => (r.protocol === 'json' || r.protocol === 'rest-json' ? {} : '');

/**
 * Every call a full scan makes, answered with an empty account (no buckets, users, keys,
 * trails…), so that a scan of the whole account completes without a unit error. The fake
 * refuses any other call with AccessDenied, which a scan reports as ERROR findings: when a
 * collector learns a new call, add it here (the scan's `errorCount` and the ERROR findings
 * of the second scan below name it).
 */
const EMPTY_CALLS = [
  'access-analyzer:GET /analyzer',
  'account:POST /getAlternateContact',
  'account:POST /getContactInformation',
  'cloudtrail:DescribeTrails',
  'config:DescribeConfigurationRecorders',
  'dynamodb:ListTables',
  'ec2:DescribeAddresses',
  'ec2:DescribeImages',
  'ec2:DescribeInstances',
  'ec2:DescribeLaunchTemplates',
  'ec2:DescribeSnapshots',
  'ec2:DescribeVolumes',
  'ec2:GetEbsEncryptionByDefault',
  'ec2:GetImageBlockPublicAccessState',
  'ec2:GetInstanceMetadataDefaults',
  'ec2:GetSnapshotBlockPublicAccessState',
  'elasticfilesystem:GET /2015-02-01/access-points',
  'elasticfilesystem:GET /2015-02-01/file-systems',
  'guardduty:GET /detector',
  'iam:GetAccountAuthorizationDetails',
  'iam:GetAccountPasswordPolicy',
  'iam:GetAccountSummary',
  'iam:ListEntitiesForPolicy',
  'iam:ListGroups',
  'iam:ListPolicies',
  'iam:ListRoles',
  'iam:ListSAMLProviders',
  'iam:ListServerCertificates',
  'iam:ListUsers',
  'iam:ListVirtualMFADevices',
  'kms:ListKeys',
  'lambda:GET /2015-03-31/functions',
  'logs:DescribeLogGroups',
  'logs:DescribeMetricFilters',
  'macie2:GET /automated-discovery/configuration',
  'macie2:GET /macie',
  'monitoring:DescribeAlarms',
  'organizations:DescribeOrganization',
  'rds:DescribeDBClusterSnapshots',
  'rds:DescribeDBClusters',
  'rds:DescribeDBInstances',
  'rds:DescribeDBSnapshots',
  'secretsmanager:ListSecrets',
  'securityhub:GET /accounts',
  'securityhub:POST /standards/get',
  'sns:ListTopics',
  'sqs:ListQueues',
];

const CREDENTIAL_REPORT = Buffer.from(
  [
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
      'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
      'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
      'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
    `<root_account>,arn:aws:iam::${ACCOUNT}:root,2020-01-01T00:00:00+00:00,not_supported,2026-10-01T00:00:00+00:00,not_supported,not_supported,true,` +
      'false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  ].join('\n'),
).toString('base64');

const emptyAccount: Record<string, FakeHandler> = {
  ...Object.fromEntries(EMPTY_CALLS.map((k) => [k, EMPTY])),
  's3:ListBuckets': () => '<ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>',
  's3:GetAccountPublicAccessBlock': () =>
    '<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>' +
    '<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>',
  'iam:GenerateCredentialReport': () => '<State>COMPLETE</State>',
  'iam:GetCredentialReport': () => `<Content>${CREDENTIAL_REPORT}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-11-01T00:00:00Z</GeneratedTime>`,
};

/** A security group of the estate's one VPC; `sshOpen` answers SSH from anywhere. */
function securityGroup(id: string, sshOpen: boolean) {
  return {
    ownerId: ACCOUNT,
    groupId: id,
    groupName: `group-${id}`,
    groupDescription: 'e2e',
    vpcId: 'vpc-00000000',
    ipPermissions: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: [{ cidrIp: sshOpen ? '0.0.0.0/0' : '10.0.0.0/8' }] }],
    ipPermissionsEgress: [{ ipProtocol: '-1', ipRanges: [{ cidrIp: '0.0.0.0/0' }] }],
    tagSet: [{ key: 'Name', value: id }],
  };
}

// ------------------------------------------------------------------------- helpers ---

interface SseEvent {
  id: number;
  event: string;
  data: Record<string, unknown>;
}

/** Reads a server-sent event stream to its end (the server ends it at the scan's final state). */
function readSse(url: string, headers: Record<string, string>): Promise<{ status: number; events: SseEvent[] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        const events = text
          .split('\n\n')
          .filter((block) => block.includes('data: '))
          .map((block) => {
            const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
            return { id: Number(field('id')), event: field('event'), data: JSON.parse(field('data')) as Record<string, unknown> };
          });
        resolve({ status: res.statusCode ?? 0, events });
      });
    });
    req.on('error', reject);
    req.setTimeout(60_000, () => req.destroy(new Error('SSE stream did not end')));
    req.end();
  });
}

type Page = { items: FindingView[]; nextCursor: string | null };

describe.each(TEST_ENGINES)('end to end on %s', (engine) => {
  let t: TestApp;
  let fake: FakeAws;
  let base: string;
  let authorization: string;
  // The security groups the fake answers with; the test changes them between scans.
  let groups: ReturnType<typeof securityGroup>[];

  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization }, ...(payload ? { payload } : {}) });

  async function findings(query: string): Promise<FindingView[]> {
    const out: FindingView[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const r = await call('GET', `/findings?${query}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.statusCode, r.body).toBe(200);
      const page = r.json() as Page;
      out.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return out;
    }
    throw new Error('too many pages');
  }

  /** Starts a scan and follows its events to the end; returns the scan as GET /scans/{id} shows it then. */
  async function scan(providerId: string, scope: object) {
    const created = await call('POST', '/scans', { providerId, scope });
    expect(created.statusCode, created.body).toBe(202);
    const id = (created.json() as { id: string }).id;
    const sse = await readSse(`${base}/scans/${id}/events`, { authorization });
    expect(sse.status).toBe(200);
    const states = sse.events.filter((e) => e.event === 'state').map((e) => e.data.state);
    const done = (await call('GET', `/scans/${id}`)).json() as { id: string; state: string; errorCount: number; findingCount: number };
    if (done.state !== 'completed') {
      // Say why before failing: the ERROR findings name the calls the fake refused.
      const errors = (await findings(`scanId=${id}&status=ERROR`)).map((f) => `${f.checkId}: ${f.message}`);
      expect({ state: done.state, errorCount: done.errorCount, refused: [...fake.refused.keys()], errors: errors.slice(0, 20) }).toEqual({
        state: 'completed',
        errorCount: 0,
        refused: [],
        errors: [],
      });
    }
    expect(states.at(-1)).toBe('completed');
    return done;
  }

  const byGroup = (items: FindingView[]) => new Map(items.map((f) => [f.resource.uid.split('/').pop() as string, f]));

  beforeAll(async () => {
    groups = [securityGroup('sg-fixed', true), securityGroup('sg-broken', false), securityGroup('sg-deleted', true), securityGroup('sg-muted', true)];
    const estate = ec2Estate({ vpcsPerRegion: 1, securityGroupsPerVpc: 0, naclsPerVpc: 1, subnetsPerVpc: 1 }, ACCOUNT);
    [t, fake] = await Promise.all([
      createTestApp(engine, undefined, { worker: { tickMs: 100, concurrency: 2, batchSize: 100 } }),
      startFakeAws({
        account: ACCOUNT,
        regions: ['us-east-1'],
        handlers: {
          ...emptyAccount,
          ...estate,
          'ec2:DescribeSecurityGroups': () => toXml({ securityGroupInfo: groups }),
        },
      }),
    ]);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1`;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('signs up, scans, mutes, rescans the whole account, and reads what changed', async () => {
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: `e2e-${engine}@example.test`, password: 'correct horse battery staple', tenantName: 'E2E' },
    });
    expect(signup.statusCode, signup.body).toBe(201);
    authorization = `Bearer ${(signup.json() as { accessToken: string }).accessToken}`;

    const provider = await call('POST', '/providers', {
      kind: 'aws',
      accountId: ACCOUNT,
      alias: 'e2e',
      auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'fake-secret-access-key-000000' },
      endpointUrl: fake.url,
    });
    expect(provider.statusCode, provider.body).toBe(201);
    const providerId = (provider.json() as { id: string }).id;

    // 1. A scan restricted to a few services.
    const first = await scan(providerId, { services: ['ec2', 's3', 'iam'] });
    expect(first.errorCount).toBe(0);
    const firstSsh = byGroup(await findings(`scanId=${first.id}&checkId=${SSH}`));
    expect([...firstSsh.keys()].sort()).toEqual(['sg-broken', 'sg-deleted', 'sg-fixed', 'sg-muted']);
    expect(Object.fromEntries([...firstSsh].map(([g, f]) => [g, [f.status, f.delta]]))).toEqual({
      'sg-fixed': ['FAIL', 'new'],
      'sg-broken': ['PASS', 'new'],
      'sg-deleted': ['FAIL', 'new'],
      'sg-muted': ['FAIL', 'new'],
    });
    expect((await findings(`scanId=${first.id}&service=rds`)).length).toBe(0);

    // 2. Mute one.
    const toMute = firstSsh.get('sg-muted') as FindingView;
    const muted = await call('PATCH', `/findings/${toMute.id}`, { muted: true, muteReason: 'bastion host, SEC-42' });
    expect(muted.statusCode, muted.body).toBe(200);

    // 3. Change the estate: fix one, break another, delete one, add one.
    groups = [securityGroup('sg-fixed', false), securityGroup('sg-broken', true), securityGroup('sg-muted', true), securityGroup('sg-added', true)];

    // A finding from a penetration test, recorded by hand: a full scan must leave it alone.
    const manual = await call('POST', '/findings', {
      providerId,
      message: 'Pentest: SSH on the bastion accepts password logins',
      severity: 'high',
      service: 'ec2',
      region: 'us-east-1',
      resource: { uid: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-muted`, type: 'AwsEc2SecurityGroup' },
    });
    expect(manual.statusCode, manual.body).toBe(201);
    const manualId = (manual.json() as FindingView).id;

    // 4. Scan the whole account: it must complete without errors to resolve what it no longer sees.
    const second = await scan(providerId, {});
    expect(second).toMatchObject({ state: 'completed', errorCount: 0 });
    const all = await findings(`scanId=${second.id}`);
    expect(all.some((f) => f.service === 'rds' || f.service === 'kms' || f.service === 'cloudtrail')).toBe(true);
    const secondSsh = byGroup(await findings(`scanId=${second.id}&checkId=${SSH}`));
    expect([...secondSsh.keys()].sort()).toEqual(['sg-added', 'sg-broken', 'sg-fixed', 'sg-muted']);
    expect(Object.fromEntries([...secondSsh].map(([g, f]) => [g, [f.status, f.delta, f.muted]]))).toEqual({
      'sg-fixed': ['PASS', 'changed', false],
      'sg-broken': ['FAIL', 'changed', false],
      'sg-muted': ['FAIL', 'unchanged', true],
      'sg-added': ['FAIL', 'new', false],
    });
    const delta = async (d: string) => (await findings(`scanId=${second.id}&checkId=${SSH}&delta=${d}`)).map((f) => f.resource.uid.split('/').pop()).sort();
    expect(await delta('new')).toEqual(['sg-added']);
    expect(await delta('changed')).toEqual(['sg-broken', 'sg-fixed']);
    expect(await delta('unchanged')).toEqual(['sg-muted']);

    // First seen stays with the first scan; last seen moves to the second.
    for (const g of ['sg-fixed', 'sg-broken', 'sg-muted']) {
      const [before, after] = [firstSsh.get(g) as FindingView, secondSsh.get(g) as FindingView];
      expect(after.findingUid).toBe(before.findingUid);
      expect(after.firstSeenAt, g).toBe(before.firstSeenAt);
      expect(after.observedAt > before.observedAt, g).toBe(true);
      expect(after.lastSeenAt).toBe(after.observedAt);
      expect((await call('GET', `/findings/${before.id}`)).json()).toMatchObject({ lastSeenAt: after.observedAt, resolvedAt: null });
    }
    const added = secondSsh.get('sg-added') as FindingView;
    expect(added.firstSeenAt).toBe(added.observedAt);

    // The mute carried over to the second scan.
    expect(secondSsh.get('sg-muted')).toMatchObject({ muted: true, muteReason: 'bastion host, SEC-42' });
    expect((await findings(`scanId=${second.id}&muted=true`)).map((f) => f.id)).toEqual([(secondSsh.get('sg-muted') as FindingView).id]);

    // The deleted group's finding is resolved, and not reported again.
    const gone = firstSsh.get('sg-deleted') as FindingView;
    const resolved = (await call('GET', `/findings/${gone.id}`)).json() as FindingView;
    expect(resolved.resolvedAt).toEqual(expect.any(String));
    expect((resolved.resolvedAt as string) >= gone.observedAt).toBe(true);
    expect(resolved.lastSeenAt).toBe(gone.observedAt);
    expect(await findings(`scanId=${second.id}&resource=${encodeURIComponent(gone.resource.uid)}`)).toEqual([]);
    expect(fake.refused.size).toBe(0);

    // The manual finding is untouched by the scans: listed, open, in no scan.
    expect((await call('GET', `/findings/${manualId}`)).json()).toMatchObject({ source: 'manual', scanId: null, resolvedAt: null, delta: null, status: 'FAIL' });
    expect((await findings('source=manual')).map((f) => f.id)).toEqual([manualId]);
    expect(all.some((f) => f.id === manualId)).toBe(false);
  }, 120_000);
});
