import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsChecks, awsCollectors } from '@vigil/aws';
import { withSystem, withTenant } from '@vigil/db';
import { startFakeAws } from '@vigil/aws/testing/fake-aws';
import type { FakeAws } from '@vigil/aws/testing/fake-aws';
import { s3Estate } from '../../../bench/fake-s3.ts';
import type { S3Estate } from '../../../bench/fake-s3.ts';
import { AWS_EVENT_MAP, eventBridgePattern, eventMapMarkdown, mapAwsEvent } from '../src/modules/events/aws-event-map.ts';
import type { CloudTrailDetail } from '../src/modules/events/aws-event-map.ts';
import { createEventProcessor } from '../src/modules/events/events.processor.ts';
import { claimDueRescans, completeRescan, upsertRescan } from '../src/modules/events/events.repo.ts';
import { signEventBody } from '../src/modules/events/events.service.ts';
import { TEST_ENGINES, createTestApp, seedUser } from '../src/testing/index.ts';
import type { TestApp, TestUser } from '../src/testing/index.ts';

const ACCOUNT = '123456789012';
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/cloudtrail/${name}.json`, import.meta.url), 'utf8')) as EventBridgeEvent;

interface EventBridgeEvent {
  id: string;
  'detail-type': string;
  account: string;
  region: string;
  detail: CloudTrailDetail & Record<string, unknown>;
  [k: string]: unknown;
}

const putBucketPolicy = fixture('put-bucket-policy');
const deniedIngress = fixture('authorize-security-group-ingress-denied');
const functionUrl = fixture('create-function-url-config');

let seq = 0;
/** The recorded PutBucketPolicy event, for another bucket or account, with a new event id unless given. */
function bucketEvent(bucket: string, o: { eventId?: string; account?: string; eventName?: string } = {}): EventBridgeEvent {
  const e = structuredClone(putBucketPolicy);
  const eventId = o.eventId ?? `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  e.id = `eb-${eventId}`;
  e.detail.eventID = eventId;
  e.detail.requestParameters = { ...e.detail.requestParameters, bucketName: bucket };
  if (o.account) {
    e.account = o.account;
    e.detail.recipientAccountId = o.account;
  }
  if (o.eventName) e.detail.eventName = o.eventName;
  return e;
}

describe('the AWS event map', () => {
  it('maps the recorded events to the resource names our collectors emit', () => {
    expect(mapAwsEvent(putBucketPolicy.detail)).toEqual({ targets: [{ resourceType: 'AwsS3Bucket', name: 'acme-0001-data-lake', region: 'global' }] });
    // Lambda's versioned event name, and a function ARN reduced to the function name.
    expect(mapAwsEvent(functionUrl.detail)).toEqual({ targets: [{ resourceType: 'AwsLambdaFunction', name: 'thumbnailer', region: 'eu-west-1' }] });
    expect(mapAwsEvent(deniedIngress.detail)).toEqual({ ignored: 'failed_call' });
    expect(mapAwsEvent({ ...deniedIngress.detail, errorCode: undefined })).toEqual({
      targets: [{ resourceType: 'AwsEc2SecurityGroup', name: 'sg-0a1b2c3d4e5f60718', region: 'eu-west-1' }],
    });
    expect(mapAwsEvent({ eventSource: 's3.amazonaws.com', eventName: 'ListBuckets' })).toEqual({ ignored: 'unmapped_event' });
    expect(mapAwsEvent({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketAcl', requestParameters: {} })).toEqual({ ignored: 'no_resource' });
    // Whatever a sender puts in the detail, the answer is an outcome, not an exception.
    expect(mapAwsEvent({ eventSource: 'ec2.amazonaws.com', eventName: 42 } as unknown as CloudTrailDetail)).toEqual({ ignored: 'unmapped_event' });
    expect(mapAwsEvent({ ...deniedIngress.detail, errorCode: undefined, awsRegion: 'x'.repeat(100) })).toEqual({ ignored: 'no_resource' });
    expect(mapAwsEvent({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketAcl', requestParameters: { bucketName: 'b'.repeat(5000) } })).toEqual({ ignored: 'no_resource' });
  });

  it('normalizes ARNs and falls back as documented', () => {
    const kms = mapAwsEvent({
      eventSource: 'kms.amazonaws.com',
      eventName: 'ScheduleKeyDeletion',
      awsRegion: 'eu-west-1',
      requestParameters: { keyId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', pendingWindowInDays: 7 },
    });
    expect(kms).toEqual({ targets: [{ resourceType: 'AwsKmsKey', name: '1234abcd-12ab-34cd-56ef-1234567890ab', region: 'eu-west-1' }] });
    const trail = mapAwsEvent({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', awsRegion: 'us-east-1', requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main' } });
    expect(trail).toEqual({ targets: [{ resourceType: 'AwsCloudTrailTrail', name: 'main', region: 'us-east-1' }] });
    const key = mapAwsEvent({ eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', userIdentity: { type: 'IAMUser', userName: 'bob' }, requestParameters: null });
    expect(key).toEqual({ targets: [{ resourceType: 'AwsIamUser', name: 'bob', region: 'global' }] });
    const rename = mapAwsEvent({
      eventSource: 'rds.amazonaws.com',
      eventName: 'ModifyDBInstance',
      awsRegion: 'eu-west-1',
      requestParameters: { dBInstanceIdentifier: 'orders', newDBInstanceIdentifier: 'orders-v2', applyImmediately: true },
    });
    expect(rename).toEqual({
      targets: [
        { resourceType: 'AwsRdsDbInstance', name: 'orders', region: 'eu-west-1' },
        { resourceType: 'AwsRdsDbInstance', name: 'orders-v2', region: 'eu-west-1' },
      ],
    });
    const password = mapAwsEvent({ eventSource: 'iam.amazonaws.com', eventName: 'UpdateAccountPasswordPolicy', recipientAccountId: ACCOUNT, requestParameters: { minimumPasswordLength: 14 } });
    expect(password).toEqual({ targets: [{ resourceType: 'AwsAccount', name: ACCOUNT, region: 'global' }] });
  });

  it('names only resource types a collector emits and checks evaluate, with the right region rule', () => {
    const collectors = new Map(awsCollectors.map((c) => [c.resourceType, c]));
    for (const m of AWS_EVENT_MAP) {
      const c = collectors.get(m.resourceType);
      expect(c, `${m.eventName} → ${m.resourceType}`).toBeDefined();
      expect(m.region, `${m.eventName}`).toBe(c?.scope === 'global' ? 'global' : 'event');
      expect(awsChecks.some((k) => k.resourceType === m.resourceType), `${m.resourceType} has checks`).toBe(true);
    }
  });

  it('is documented in docs/events.md exactly as the code maps it', () => {
    const doc = readFileSync(new URL('../../../docs/events.md', import.meta.url), 'utf8');
    const between = (start: string, end: string) => doc.slice(doc.indexOf(start) + start.length, doc.indexOf(end)).trim();
    expect(between('<!-- event-map:start -->', '<!-- event-map:end -->')).toBe(eventMapMarkdown());
    const pattern = between('<!-- event-pattern:start -->', '<!-- event-pattern:end -->').replace(/^```json\n|\n```$/g, '');
    expect(JSON.parse(pattern)).toEqual(eventBridgePattern());
  });
});

describe.each(TEST_ENGINES)('event-driven scans on %s', (engine) => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let fake: FakeAws;
  let estate: S3Estate;
  let providerId: string;

  beforeAll(async () => {
    estate = s3Estate({ buckets: 3, regions: ['us-east-1'] }, ACCOUNT);
    [t, fake] = await Promise.all([
      createTestApp(engine, undefined, { events: { debounceMs: 0 } }),
      startFakeAws({ account: ACCOUNT, regions: ['us-east-1'], handlers: estate.handlers }),
    ]);
    owner = await seedUser(t);
    other = await seedUser(t);
    providerId = await provider(owner);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const call = (user: TestUser, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: user.authorization }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  async function provider(user: TestUser): Promise<string> {
    const r = await call(user, 'POST', '/providers', {
      kind: 'aws',
      accountId: ACCOUNT,
      auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0001', secretAccessKey: 'fake-secret-access-key-000000' },
      endpointUrl: fake.url,
    });
    expect(r.statusCode).toBe(201);
    return r.json().id as string;
  }

  /** POSTs events with a Bearer credential, or signed when `sign` is given. */
  const send = (events: unknown, auth: { authorization: string } | { sign: { tenantId: string; secret: string; timestamp?: number; body?: string } }) => {
    const body = JSON.stringify(events);
    if ('authorization' in auth) {
      return t.app.inject({ method: 'POST', url: '/api/v1/events/aws', headers: { authorization: auth.authorization, 'content-type': 'application/json' }, payload: body });
    }
    const ts = String(auth.sign.timestamp ?? Math.floor(t.deps.now().getTime() / 1000));
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/events/aws',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-vigil-tenant': auth.sign.tenantId,
        'x-vigil-timestamp': ts,
        'x-vigil-signature': signEventBody(auth.sign.secret, ts, auth.sign.body ?? body),
      },
      payload: body,
    });
  };

  const bucketArn = (i: number) => `arn:aws:s3:::${estate.buckets[i]?.name ?? ''}`;

  const stateOf = (user: TestUser, checkId: string, resourceUid: string) =>
    withTenant(t.db, user.tenantId, (trx) =>
      trx.selectFrom('finding_states').selectAll().where('check_id', '=', checkId).where('resource_uid', '=', resourceUid).executeTakeFirst(),
    );
  const statesOf = (user: TestUser, resourceUid: string) =>
    withTenant(t.db, user.tenantId, (trx) => trx.selectFrom('finding_states').selectAll().where('resource_uid', '=', resourceUid).execute());
  const scanFindings = (user: TestUser, scanId: string) =>
    withTenant(t.db, user.tenantId, (trx) => trx.selectFrom('findings').select(['resource_uid', 'check_id', 'status', 'delta']).where('scan_id', '=', scanId).execute());

  /** Processes the due rescans and returns the stored ones. */
  const process = async () => {
    const outcomes = (await t.events?.runOnce()) ?? [];
    for (const o of outcomes) expect(o.error, o.error).toBeUndefined();
    return outcomes;
  };

  it('rescans exactly the bucket a recorded PutBucketPolicy names: FAIL once public, PASS once fixed', async () => {
    // Both buckets are known first.
    const first = await send([bucketEvent(estate.buckets[0]?.name ?? ''), bucketEvent(estate.buckets[1]?.name ?? '')], owner);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ received: 2, accepted: 2, ignored: 0, duplicates: 0 });
    const baseline = await process();
    expect(baseline.map((o) => o.status)).toEqual(['stored', 'stored']);
    expect(await stateOf(owner, 's3_bucket_public_access', bucketArn(1))).toMatchObject({ last_status: 'PASS', resolved_at: null });
    const bucket0Before = await statesOf(owner, bucketArn(0));
    expect(bucket0Before.length).toBeGreaterThan(5);

    // Someone makes bucket 1 public; CloudTrail records it.
    const spec = estate.buckets[1];
    if (!spec?.policy) throw new Error('bucket 1 of the estate has a policy');
    spec.policy.publicRead = true;
    const r = await send(putBucketPolicy, owner);
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({
      accepted: 1,
      results: [{ id: putBucketPolicy.detail.eventID, outcome: 'accepted', targets: [{ resourceType: 'AwsS3Bucket', name: 'acme-0001-data-lake', region: 'global' }] }],
    });
    const [done] = await process();
    expect(done).toMatchObject({ status: 'stored', next: 'done' });
    const failing = await stateOf(owner, 's3_bucket_public_access', bucketArn(1));
    expect(failing).toMatchObject({ last_status: 'FAIL', last_scan_id: done?.scanId, resolved_at: null });

    // The event scan holds that bucket's findings only, and the other bucket's states did not move.
    const stored = await scanFindings(owner, done?.scanId ?? '');
    expect(stored.length).toBeGreaterThan(5);
    expect(new Set(stored.map((f) => f.resource_uid))).toEqual(new Set([bucketArn(1)]));
    expect(stored.find((f) => f.check_id === 's3_bucket_public_access')).toMatchObject({ status: 'FAIL', delta: 'changed' });
    expect(await statesOf(owner, bucketArn(0))).toEqual(bucket0Before);

    const scan = (await call(owner, 'GET', `/scans/${done?.scanId}`)).json();
    expect(scan).toMatchObject({ providerId, state: 'completed', trigger: 'event', findingCount: stored.length });
    const row = await withTenant(t.db, owner.tenantId, (trx) => trx.selectFrom('scans').select(['target', 'trigger']).where('id', '=', done?.scanId ?? '').executeTakeFirstOrThrow());
    expect(row.target).toMatchObject({ resourceType: 'AwsS3Bucket', resource: 'acme-0001-data-lake', eventCount: 1, lastEventId: putBucketPolicy.detail.eventID });

    // Fixed again: the next event brings the finding back to PASS.
    spec.policy.publicRead = false;
    expect((await send(bucketEvent(spec.name, { eventName: 'DeleteBucketPolicy' }), owner)).json()).toMatchObject({ accepted: 1 });
    const [fixed] = await process();
    expect(await stateOf(owner, 's3_bucket_public_access', bucketArn(1))).toMatchObject({ last_status: 'PASS', last_scan_id: fixed?.scanId, resolved_at: null });
  });

  it('resolves the findings of a bucket that no longer exists, whatever the event says', async () => {
    const name = estate.buckets[2]?.name ?? '';
    const arn = bucketArn(2);
    await send(bucketEvent(name), owner);
    await process();
    const open = await statesOf(owner, arn);
    expect(open.length).toBeGreaterThan(5);
    expect(open.every((s) => s.resolved_at === null)).toBe(true);

    // Deleted; a late PutBucketEncryption event arrives after the deletion.
    const removed = estate.buckets.splice(2, 1);
    try {
      await send(bucketEvent(name, { eventName: 'PutBucketEncryption' }), owner);
      const [o] = await process();
      expect(o?.status).toBe('stored');
      expect(await scanFindings(owner, o?.scanId ?? '')).toEqual([]);
      const after = await statesOf(owner, arn);
      expect(after.length).toBe(open.length);
      expect(after.every((s) => s.resolved_at !== null)).toBe(true);
    } finally {
      estate.buckets.push(...removed);
    }
  });

  it('acknowledges and counts unknown accounts, unmapped events, failed calls and other detail-types', async () => {
    const unmapped = bucketEvent('acme-0000-app-assets', { eventName: 'GetBucketPolicy' });
    const stranger = bucketEvent('acme-0000-app-assets', { account: '999999999999' });
    const notCloudTrail = { ...bucketEvent('x'), 'detail-type': 'EC2 Instance State-change Notification', detail: { 'instance-id': 'i-0abc', state: 'stopped' } };
    const hostile = { ...bucketEvent('x'), detail: { eventID: 'e'.repeat(300), eventSource: ['s3.amazonaws.com'], eventName: { $ne: 1 }, recipientAccountId: 7 } };
    const r = await send([unmapped, stranger, deniedIngress, notCloudTrail, hostile], owner);
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({
      received: 5,
      accepted: 0,
      ignored: 5,
      duplicates: 0,
      reasons: { unmapped_event: 2, unknown_account: 1, failed_call: 1, unsupported_detail_type: 1 },
    });
    expect((await call(owner, 'GET', '/events/rescans')).json()).toEqual({ items: [] });
    // Counted in the tenant's record of events.
    const counted = await withTenant(t.db, owner.tenantId, (trx) =>
      trx.selectFrom('cloud_events').select(['event_id', 'outcome', 'reason']).where('event_id', 'in', [unmapped.detail.eventID ?? '', stranger.detail.eventID ?? '', deniedIngress.detail.eventID ?? '']).execute(),
    );
    expect(counted.map((c) => c.reason).sort()).toEqual(['failed_call', 'unknown_account', 'unmapped_event']);
    // A malformed body is the only refusal.
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/events/aws', headers: { authorization: owner.authorization, 'content-type': 'application/json' }, payload: '{"id":' });
    expect(bad.statusCode).toBe(400);
    const tooMany = await send(Array.from({ length: 101 }, () => bucketEvent('x')), owner);
    expect(tooMany.statusCode).toBe(400);
  });

  it('ignores redelivered events (same CloudTrail eventID), in one batch and across requests', async () => {
    const e = bucketEvent('acme-0000-app-assets');
    const batch = await send([e, e], owner);
    expect(batch.json()).toMatchObject({ accepted: 1, duplicates: 1 });
    const again = await send({ ...e, id: 'another-eventbridge-envelope-id' }, owner);
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 1, results: [{ outcome: 'duplicate' }] });
    expect((await call(owner, 'GET', '/events/rescans')).json().items).toMatchObject([{ resource: 'acme-0000-app-assets', eventCount: 1 }]);
    expect(await process()).toHaveLength(1);
  });

  it('coalesces a burst of events on one bucket into one rescan, claimed by one processor only', async () => {
    for (let i = 0; i < 5; i++) expect((await send(bucketEvent('acme-0000-app-assets'), owner)).json()).toMatchObject({ accepted: 1 });
    expect((await call(owner, 'GET', '/events/rescans')).json().items).toMatchObject([{ resourceType: 'AwsS3Bucket', resource: 'acme-0000-app-assets', eventCount: 5 }]);
    // Within the debounce, nothing is due.
    const patient = createEventProcessor({ db: t.db, secrets: t.deps.secrets, debounceMs: 60_000, maxWaitMs: 600_000 });
    expect(await patient.runOnce()).toEqual([]);
    // Two eager processors at once: one of them rescans.
    const rival = createEventProcessor({ db: t.db, secrets: t.deps.secrets, debounceMs: 0 });
    const [a, b] = await Promise.all([process(), rival.runOnce()]);
    const all = [...a, ...b];
    expect(all).toHaveLength(1);
    expect(all[0]?.status).toBe('stored');
    const target = await withTenant(t.db, owner.tenantId, (trx) => trx.selectFrom('scans').select('target').where('id', '=', all[0]?.scanId ?? '').executeTakeFirstOrThrow());
    expect(target.target).toMatchObject({ resource: 'acme-0000-app-assets', eventCount: 5 });
    expect((await call(owner, 'GET', '/events/rescans')).json()).toEqual({ items: [] });
  });

  it('authenticates signed requests: valid, tampered, wrong secret, replayed late, rotated', async () => {
    const member = await seedUser(t, { tenantId: owner.tenantId, role: 'member' });
    expect((await call(member, 'POST', '/events/secret', {})).statusCode).toBe(403);
    const created = await call(owner, 'POST', '/events/secret', {});
    expect(created.statusCode).toBe(201);
    const { secret, tenantId } = created.json() as { secret: string; tenantId: string };
    expect(tenantId).toBe(owner.tenantId);
    expect((await call(owner, 'GET', '/events/secret')).json()).toMatchObject({ configured: true });

    const e = bucketEvent('acme-0000-app-assets', { eventName: 'PutBucketAcl' });
    const ok = await send(e, { sign: { tenantId, secret } });
    expect(ok.statusCode).toBe(202);
    expect(ok.json()).toMatchObject({ accepted: 1 });

    const tampered = await send(bucketEvent('acme-0000-app-assets'), { sign: { tenantId, secret, body: JSON.stringify(e) } });
    expect(tampered.statusCode).toBe(401);
    expect((await send(e, { sign: { tenantId, secret: `${secret}x` } })).statusCode).toBe(401);
    // The same request sent again 10 minutes later: refused; sent again at once: a duplicate.
    const late = await send(e, { sign: { tenantId, secret, timestamp: Math.floor(t.deps.now().getTime() / 1000) - 600 } });
    expect(late.statusCode).toBe(401);
    expect(late.json().message).toContain('5 minutes');
    expect((await send(e, { sign: { tenantId, secret } })).json()).toMatchObject({ duplicates: 1 });
    // No credentials at all.
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/events/aws', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(e) });
    expect(none.statusCode).toBe(401);

    // Rotation: the previous secret works during the grace period only.
    const rotated = (await call(owner, 'POST', '/events/secret', { graceSeconds: 60 })).json() as { secret: string; previousValidUntil: string };
    expect(rotated.secret).not.toBe(secret);
    expect((await send(bucketEvent('acme-0000-app-assets'), { sign: { tenantId, secret } })).statusCode).toBe(202);
    expect((await send(bucketEvent('acme-0000-app-assets'), { sign: { tenantId, secret: rotated.secret } })).statusCode).toBe(202);
    const immediate = (await call(owner, 'POST', '/events/secret', { graceSeconds: 0 })).json() as { secret: string };
    expect((await send(bucketEvent('acme-0000-app-assets'), { sign: { tenantId, secret: rotated.secret } })).statusCode).toBe(401);
    expect((await send(bucketEvent('acme-0000-app-assets'), { sign: { tenantId, secret: immediate.secret } })).statusCode).toBe(202);
    await process();
  });

  it('accepts API keys of role member or higher, not read_only', async () => {
    const key = async (role: string) => {
      const r = await call(owner, 'POST', '/api-keys', { name: `eventbridge-${role}`, role });
      expect(r.statusCode).toBe(201);
      return `Bearer ${(r.json() as { key: string }).key}`;
    };
    const ok = await send(bucketEvent('acme-0000-app-assets'), { authorization: await key('member') });
    expect(ok.statusCode).toBe(202);
    expect(ok.json()).toMatchObject({ accepted: 1 });
    const ro = await send(bucketEvent('acme-0000-app-assets'), { authorization: await key('read_only') });
    expect(ro.statusCode).toBe(403);
    await process();
  });

  it('keeps tenants apart: accounts, rescans, findings and secrets', async () => {
    // The other tenant has not registered the account: its events are ignored.
    const e = bucketEvent('acme-0001-data-lake');
    expect((await send(e, other)).json()).toMatchObject({ accepted: 0, reasons: { unknown_account: 1 } });
    // The same event id in another tenant is not a duplicate of this tenant's.
    const otherProvider = await provider(other);
    const again = (await send(e, other)).json();
    expect(again).toMatchObject({ accepted: 0, duplicates: 1 });
    const fresh = (await send(bucketEvent('acme-0001-data-lake'), other)).json();
    expect(fresh).toMatchObject({ accepted: 1 });
    expect((await call(owner, 'GET', '/events/rescans')).json()).toEqual({ items: [] });
    expect((await call(other, 'GET', '/events/rescans')).json().items).toMatchObject([{ providerId: otherProvider, resource: 'acme-0001-data-lake' }]);

    const ownerBefore = await statesOf(owner, bucketArn(1));
    const [o] = await process();
    expect(o).toMatchObject({ tenantId: other.tenantId, status: 'stored' });
    expect(await statesOf(owner, bucketArn(1))).toEqual(ownerBefore);
    expect((await statesOf(other, bucketArn(1))).length).toBe(ownerBefore.length);
    expect((await call(owner, 'GET', `/scans/${o?.scanId}`)).statusCode).toBe(404);

    // The owner's secret does not sign for the other tenant.
    const { secret } = (await call(owner, 'POST', '/events/secret', {})).json() as { secret: string };
    expect((await send(bucketEvent('acme-0001-data-lake'), { sign: { tenantId: other.tenantId, secret } })).statusCode).toBe(401);
  });

  it('keeps the findings when the resource cannot be re-read, and retries later', async () => {
    const refusing = await startFakeAws({ account: ACCOUNT, regions: ['us-east-1'] });
    try {
      const third = await seedUser(t);
      const r = await call(third, 'POST', '/providers', {
        kind: 'aws',
        accountId: ACCOUNT,
        auth: { method: 'access_keys', accessKeyId: 'AKIAFAKEFAKEFAKE0003', secretAccessKey: 'fake-secret-access-key-000000' },
        endpointUrl: refusing.url,
      });
      expect(r.statusCode).toBe(201);
      expect((await send(bucketEvent('acme-0000-app-assets'), third)).json()).toMatchObject({ accepted: 1 });
      const [o] = (await t.events?.runOnce()) ?? [];
      expect(o).toMatchObject({ tenantId: third.tenantId, status: 'retry' });
      expect(o?.error).toContain('AccessDenied');
      expect((await call(third, 'GET', '/events/rescans')).json().items).toMatchObject([{ resource: 'acme-0000-app-assets', attempts: 1, lastError: o?.error }]);
      const scans = await withTenant(t.db, third.tenantId, (trx) => trx.selectFrom('scans').select('id').execute());
      expect(scans).toEqual([]);
      // Backing off: not claimed again at once.
      expect(await t.events?.runOnce()).toEqual([]);
    } finally {
      await refusing.close();
    }
  });

  it('rescans again when an event arrives while its resource is being re-read', async () => {
    const key = { tenantId: owner.tenantId, providerId, accountId: ACCOUNT, resourceType: 'AwsS3Bucket', resourceRef: 'acme-0000-app-assets', region: 'global' };
    await withTenant(t.db, owner.tenantId, (trx) => upsertRescan(trx, { ...key, eventId: 'during-1' }));
    const [claimed] = await withSystem(t.db, (trx) => claimDueRescans(trx, { limit: 10, debounceMs: 0, maxWaitMs: 60_000, leaseMs: 60_000 }));
    if (!claimed) throw new Error('the rescan was not claimed');
    // Claimed: another processor does not get it.
    expect(await withSystem(t.db, (trx) => claimDueRescans(trx, { limit: 10, debounceMs: 0, maxWaitMs: 60_000, leaseMs: 60_000 }))).toEqual([]);
    // The change that the re-read may have missed.
    await withTenant(t.db, owner.tenantId, (trx) => upsertRescan(trx, { ...key, eventId: 'during-2' }));
    expect(await withTenant(t.db, owner.tenantId, (trx) => completeRescan(trx, claimed))).toBe('again');
    const [next] = await process();
    expect(next).toMatchObject({ status: 'stored', next: 'done' });
    const target = await withTenant(t.db, owner.tenantId, (trx) => trx.selectFrom('scans').select('target').where('id', '=', next?.scanId ?? '').executeTakeFirstOrThrow());
    expect(target.target).toMatchObject({ eventCount: 2, lastEventId: 'during-2' });
  });
});
