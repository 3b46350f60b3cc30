import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './organization.collector.ts';

const org = mockClient(OrganizationsClient);

const organization = (managementAccountId: string) => ({
  Organization: {
    Id: 'o-a1b2c3d4e5',
    Arn: `arn:aws:organizations::${managementAccountId}:organization/o-a1b2c3d4e5`,
    FeatureSet: 'ALL' as const,
    MasterAccountArn: `arn:aws:organizations::${managementAccountId}:account/o-a1b2c3d4e5/${managementAccountId}`,
    MasterAccountId: managementAccountId,
    MasterAccountEmail: 'aws-root@example.com',
    AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY' as const, Status: 'ENABLED' as const }],
  },
});

const SCP_CONTENT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyOutsideEU',
      Effect: 'Deny',
      NotAction: ['iam:*', 'organizations:*', 'sts:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
    },
  ],
});

describe('organizations-organization collector', () => {
  beforeEach(() => org.reset());

  it('reads the organization and, in the management account, pages roots, policies and targets', async () => {
    org.on(DescribeOrganizationCommand).resolves(organization('123456789012'));
    org.on(ListRootsCommand).resolves({
      Roots: [
        {
          Id: 'r-ab12',
          Arn: 'arn:aws:organizations::123456789012:root/o-a1b2c3d4e5/r-ab12',
          Name: 'Root',
          PolicyTypes: [
            { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
            { Type: 'TAG_POLICY', Status: 'ENABLED' },
          ],
        },
      ],
    });
    org.on(ListPoliciesCommand, { Filter: 'TAG_POLICY' }).resolves({
      Policies: [{ Id: 'p-tag1', Arn: 'arn:aws:organizations::123456789012:policy/o-a1b2c3d4e5/tag_policy/p-tag1', Name: 'cost-center', Type: 'TAG_POLICY', AwsManaged: false }],
    });
    org.on(ListPoliciesCommand, { Filter: 'SERVICE_CONTROL_POLICY' })
      .resolvesOnce({
        Policies: [{ Id: 'p-FullAWSAccess', Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', Name: 'FullAWSAccess', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true }],
        NextToken: 'p2',
      })
      .resolvesOnce({
        Policies: [{ Id: 'p-region', Arn: 'arn:aws:organizations::123456789012:policy/o-a1b2c3d4e5/service_control_policy/p-region', Name: 'deny-regions', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false }],
      });
    org.on(DescribePolicyCommand, { PolicyId: 'p-FullAWSAccess' }).resolves({
      Policy: { Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' },
    });
    org.on(DescribePolicyCommand, { PolicyId: 'p-region' }).resolves({ Policy: { Content: SCP_CONTENT } });
    org.on(ListTargetsForPolicyCommand, { PolicyId: 'p-tag1' })
      .resolvesOnce({ Targets: [], NextToken: 't2' })
      .resolvesOnce({ Targets: [{ TargetId: 'ou-ab12-cdef3456', Type: 'ORGANIZATIONAL_UNIT', Name: 'Workloads' }] });
    org.on(ListTargetsForPolicyCommand, { PolicyId: 'p-FullAWSAccess' }).resolves({ Targets: [{ TargetId: 'r-ab12', Type: 'ROOT', Name: 'Root' }] });
    org.on(ListTargetsForPolicyCommand, { PolicyId: 'p-region' }).resolves({ Targets: [{ TargetId: 'r-ab12', Type: 'ROOT', Name: 'Root' }] });

    const { resources } = await collect(collector);
    expect(resources).toHaveLength(1);
    const r = resources[0];
    expect(r?.id).toBe('arn:aws:organizations::123456789012:organization');
    expect(r?.region).toBe('global');
    expect(r?.errors).toEqual({});
    expect(r?.attributes).toMatchObject({
      organization: { id: 'o-a1b2c3d4e5', managementAccountId: '123456789012', featureSet: 'ALL' },
      rootPolicyTypes: { SERVICE_CONTROL_POLICY: 'ENABLED', TAG_POLICY: 'ENABLED' },
      tagPolicies: [{ id: 'p-tag1', name: 'cost-center', targets: [{ id: 'ou-ab12-cdef3456', type: 'ORGANIZATIONAL_UNIT' }] }],
      serviceControlPolicies: [
        { id: 'p-FullAWSAccess', awsManaged: true, targets: [{ type: 'ROOT' }] },
        { id: 'p-region', name: 'deny-regions', content: SCP_CONTENT, targets: [{ id: 'r-ab12' }] },
      ],
    });
  });

  it('maps AWSOrganizationsNotInUseException to organization null, with no policy calls', async () => {
    org.on(DescribeOrganizationCommand).rejects(
      awsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.', 400),
    );
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toEqual({
      organization: null,
      rootPolicyTypes: null,
      tagPolicies: null,
      serviceControlPolicies: null,
    });
    expect(stats.apiCalls).toBe(1);
  });

  it('does not call the management-only APIs from a member account', async () => {
    org.on(DescribeOrganizationCommand).resolves(organization('210987654321'));
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ organization: { managementAccountId: '210987654321' }, tagPolicies: null });
    expect(stats.apiCalls).toBe(1);
  });

  it('records AccessDenied on a policy enrichment', async () => {
    org.on(DescribeOrganizationCommand).resolves(organization('123456789012'));
    org.on(ListRootsCommand).resolves({ Roots: [] });
    org.on(ListPoliciesCommand).rejects(awsError('AccessDeniedException', "You don't have permissions to access this resource.", 400));
    const { resources } = await collect(collector, { wants: ['rootPolicyTypes', 'tagPolicies'] });
    expect(resources[0]?.errors.tagPolicies?.code).toBe('AccessDeniedException');
    expect(resources[0]?.attributes.rootPolicyTypes).toEqual({});
  });

  it('rejects when DescribeOrganization is denied', async () => {
    org.on(DescribeOrganizationCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('retries throttling', async () => {
    org.on(DescribeOrganizationCommand)
      .rejectsOnce(awsError('TooManyRequestsException', 'AWS Organizations can’t complete your request because another request is already in progress.', 400))
      .resolves(organization('210987654321'));
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes.organization).toMatchObject({ id: 'o-a1b2c3d4e5' });
    expect(stats.throttles).toBe(1);
  });

  it('makes no policy calls when no check wants them', async () => {
    org.on(DescribeOrganizationCommand).resolves(organization('123456789012'));
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources[0]?.attributes).toEqual({ organization: expect.objectContaining({ id: 'o-a1b2c3d4e5' }) });
    expect(stats.apiCalls).toBe(1);
  });
});
