import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './inline-policies.collector.ts';

const iam = mockClient(IAMClient);
const doc = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
const enc = encodeURIComponent(JSON.stringify(doc));

describe('iam-inline-policies collector', () => {
  beforeEach(() => iam.reset());

  it('emits one resource per inline policy, across sweep pages', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce({
        UserDetailList: [{ UserName: 'alice', Arn: 'arn:aws:iam::123456789012:user/alice', UserPolicyList: [{ PolicyName: 'all', PolicyDocument: enc }] }],
        IsTruncated: true,
        Marker: 'p2',
      })
      .resolves({
        GroupDetailList: [{ GroupName: 'devs', Arn: 'arn:aws:iam::123456789012:group/devs', GroupPolicyList: [{ PolicyName: 'bad', PolicyDocument: '%7Bx' }] }],
        RoleDetailList: [
          { RoleName: 'app', Arn: 'arn:aws:iam::123456789012:role/app', RolePolicyList: [{ PolicyName: 'logs', PolicyDocument: enc }] },
          { RoleName: 'empty', Arn: 'arn:aws:iam::123456789012:role/empty', RolePolicyList: [] },
        ],
        IsTruncated: false,
      });
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['alice/all', 'devs/bad', 'app/logs']);
    expect(resources[0]).toMatchObject({
      id: 'arn:aws:iam::123456789012:user/alice/inline-policy/all',
      region: 'global',
      attributes: { principalType: 'user', principalName: 'alice', policyName: 'all', document: doc },
    });
    expect(resources[1]?.errors.document?.code).toBe('MalformedPolicyDocument');
    expect(resources[2]?.attributes).toMatchObject({ principalType: 'role', principalArn: 'arn:aws:iam::123456789012:role/app' });
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)[0]?.args[0].input).toMatchObject({ Filter: ['User', 'Group', 'Role'] });
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)[1]?.args[0].input).toMatchObject({ Marker: 'p2' });
  });

  it('rejects when the listing is denied', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('AccessDenied', 'denied', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('retries throttling', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejectsOnce(awsError('Throttling', 'Rate exceeded', 400)).resolves({ IsTruncated: false });
    const { resources, stats } = await collect(collector);
    expect(resources).toEqual([]);
    expect(stats.throttles).toBe(1);
  });

  it('has no enrichment: the listing is the only call', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ IsTruncated: false });
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(1);
    expect(Object.values(collector.attributes).every((a) => !a.calls)).toBe(true);
  });
});
