import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@vigil/db';
import { perAccountHandlers, startFakeAws } from '@vigil/aws/testing/fake-aws';
import type { FakeAws } from '@vigil/aws/testing/fake-aws';
import { ec2Estate } from '../../../bench/fake-ec2.ts';
import { TEST_ENGINES, createTestApp, seedUser } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';

const MANAGEMENT = '400000000001';
const MEMBERS = ['400000000002', '400000000003'];
const OUTSIDER = '499999999999';
const CHECK = 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22';
const FINAL = ['completed', 'completed_with_errors', 'failed', 'cancelled'];

type EventBridgeEvent = { account: string; region: string; detail: Record<string, unknown> & { eventID: string; requestParameters: Record<string, unknown> } };
const template = JSON.parse(
  readFileSync(new URL('./fixtures/cloudtrail/authorize-security-group-ingress-denied.json', import.meta.url), 'utf8'),
) as EventBridgeEvent;

/** A successful AuthorizeSecurityGroupIngress on a group of `account`. */
function ingressEvent(account: string, groupId: string, n: number): EventBridgeEvent {
  const e = structuredClone(template);
  e.account = account;
  e.region = 'us-east-1';
  delete e.detail.errorCode;
  delete e.detail.errorMessage;
  Object.assign(e.detail, { awsRegion: 'us-east-1', recipientAccountId: account, eventID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });
  e.detail.requestParameters.groupId = groupId;
  return e;
}

/**
 * Events from the member accounts of an organization provider: the account is matched
 * to the organization through its scans, and the resource is re-read through the
 * member role.
 */
describe.each(TEST_ENGINES)('event-driven scans of organization member accounts on %s', (engine) => {
  let t: TestApp;
  let fake: FakeAws;
  let owner: TestUser;
  let scanId: string;

  beforeAll(async () => {
    [t, fake] = await Promise.all([
      createTestApp(engine, undefined, { events: { debounceMs: 0 }, worker: { tickMs: 100 } }),
      startFakeAws({
        account: MANAGEMENT,
        regions: ['us-east-1'],
        organization: { accounts: [MANAGEMENT, ...MEMBERS].map((id) => ({ id })) },
        handlers: perAccountHandlers([MANAGEMENT, ...MEMBERS], (a) => ec2Estate({ vpcsPerRegion: 1, securityGroupsPerVpc: 8, naclsPerVpc: 1, subnetsPerVpc: 1 }, a)),
      }),
    ]);
    owner = await seedUser(t);
    const p = await call('POST', '/providers', {
      kind: 'organization',
      accountId: MANAGEMENT,
      auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0003', secretAccessKey: 'fake-secret-access-key-000000' },
      endpointUrl: fake.url,
    });
    expect(p.statusCode).toBe(201);
    const s = await call('POST', '/scans', { providerId: p.json().id, scope: { regions: ['us-east-1'], checks: [CHECK] } });
    expect(s.statusCode).toBe(202);
    scanId = s.json().id as string;
    for (let i = 0; i < 200; i++) {
      const state = (await call('GET', `/scans/${scanId}`)).json().state as string;
      if (FINAL.includes(state)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await call('GET', `/scans/${scanId}`)).json().state).toBe('completed');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: owner.authorization }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  it("rescans a member account's group through the member role, and only that account's findings", async () => {
    const member = MEMBERS[1] as string;
    const states = () =>
      withTenant(t.db, owner.tenantId, (trx) =>
        trx.selectFrom('finding_states').select(['resource_uid', 'account_id', 'last_scan_id']).where('check_id', '=', CHECK).execute(),
      );
    const before = await states();
    const group = before.find((s) => s.account_id === member)?.resource_uid;
    if (!group) throw new Error(`no group of ${member} in the organization's scan`);
    const groupId = group.split('/').pop() as string;

    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/events/aws',
      headers: { authorization: owner.authorization, 'content-type': 'application/json' },
      payload: JSON.stringify([ingressEvent(member, groupId, 1), ingressEvent(OUTSIDER, groupId, 2)]),
    });
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({ accepted: 1, ignored: 1, reasons: { unknown_account: 1 } });
    const assumedBefore = fake.assumed.length;
    const outcomes = (await t.events?.runOnce()) ?? [];
    expect(outcomes.map((o) => [o.status, o.error])).toEqual([['stored', undefined]]);

    // Re-read as the member account: one AssumeRole of its member role.
    expect(fake.assumed.slice(assumedBefore).map((a) => a.roleArn)).toEqual([`arn:aws:iam::${member}:role/OrganizationAccountAccessRole`]);
    const after = await states();
    const rescanned = after.filter((s) => s.last_scan_id === outcomes[0]?.scanId);
    expect(rescanned.map((s) => [s.resource_uid, s.account_id])).toEqual([[group, member]]);
    // The same group id in the other accounts, and everything else, did not move.
    expect(after.filter((s) => s.resource_uid !== group)).toEqual(before.filter((s) => s.resource_uid !== group));
  });
});
