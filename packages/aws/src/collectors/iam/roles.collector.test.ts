import { GetAccountAuthorizationDetailsCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './roles.collector.ts';

const iam = mockClient(IAMClient);
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const role = (name: string, path = '/') => ({
  RoleName: name,
  RoleId: `AROA${name.toUpperCase()}`,
  Arn: `arn:aws:iam::123456789012:role${path}${name}`,
  Path: path,
  CreateDate: new Date('2025-05-01T00:00:00Z'),
  AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
  MaxSessionDuration: 3600,
});

function mockListing() {
  iam
    .on(ListRolesCommand)
    .resolvesOnce({ Roles: [role('app')], IsTruncated: true, Marker: 'p2' })
    .resolves({ Roles: [role('AWSServiceRoleForSupport', '/aws-service-role/support.amazonaws.com/')], IsTruncated: false });
}

describe('iam-roles collector', () => {
  beforeEach(() => iam.reset());

  it('lists every page, decodes trust policies and reads policies from one sweep', async () => {
    mockListing();
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      RoleDetailList: [
        {
          ...role('app'),
          AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
          RolePolicyList: [{ PolicyName: 'logs', PolicyDocument: encodeURIComponent('{"Statement":{"Effect":"Allow","Action":"logs:*","Resource":"*"}}') }],
          RoleLastUsed: { LastUsedDate: new Date('2026-10-01T00:00:00Z'), Region: 'us-east-1' },
        },
        { ...role('AWSServiceRoleForSupport', '/aws-service-role/support.amazonaws.com/'), AttachedManagedPolicies: [], RolePolicyList: [] },
      ],
      IsTruncated: false,
    });
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['app', 'AWSServiceRoleForSupport']);
    expect(resources[0]?.attributes).toMatchObject({
      roleId: 'AROAAPP',
      serviceLinked: false,
      maxSessionDuration: 3600,
      assumeRolePolicyDocument: trust,
      attachedPolicies: [{ policyName: 'AdministratorAccess' }],
      inlinePolicies: [{ policyName: 'logs', document: { Statement: { Action: 'logs:*' } } }],
      lastUsedDate: '2026-10-01T00:00:00.000Z',
    });
    expect(resources[1]?.attributes).toMatchObject({ serviceLinked: true, lastUsedDate: null });
    expect(iam.commandCalls(ListRolesCommand)[1]?.args[0].input).toMatchObject({ Marker: 'p2' });
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(1);
  });

  it('records AccessDenied on the sweep and an error for a role missing from it', async () => {
    mockListing();
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('AccessDenied', 'denied', 403));
    const denied = await collect(collector, { wants: ['attachedPolicies'] });
    expect(denied.resources[0]?.errors.attachedPolicies?.code).toBe('AccessDenied');
    expect(denied.resources[0]?.attributes).toHaveProperty('assumeRolePolicyDocument');

    iam.reset();
    mockListing();
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ RoleDetailList: [], IsTruncated: false });
    const missing = await collect(collector, { wants: ['attachedPolicies'] });
    expect(missing.resources[0]?.errors.attachedPolicies?.code).toBe('NoSuchEntity');
  });

  it('records a malformed trust policy on the attribute', async () => {
    iam.on(ListRolesCommand).resolves({ Roles: [{ ...role('bad'), AssumeRolePolicyDocument: '%7Bbroken' }], IsTruncated: false });
    const { resources } = await collect(collector, { wants: [] });
    expect(resources[0]?.errors.assumeRolePolicyDocument?.code).toBe('MalformedPolicyDocument');
  });

  it('rejects when the listing is denied', async () => {
    iam.on(ListRolesCommand).rejects(awsError('AccessDenied', 'denied', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('retries throttling', async () => {
    iam.on(ListRolesCommand).rejectsOnce(awsError('Throttling', 'Rate exceeded', 400)).resolves({ Roles: [role('app')], IsTruncated: false });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
  });

  it('makes no enrichment call for unwanted attributes', async () => {
    mockListing();
    const { resources, stats } = await collect(collector, { wants: ['assumeRolePolicyDocument'] });
    expect(resources).toHaveLength(2);
    expect(stats.apiCalls).toBe(2);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(0);
  });
});
