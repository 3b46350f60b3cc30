import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  OrganizationsClient,
  paginateListPolicies,
  paginateListRoots,
  paginateListTargetsForPolicy,
} from '@aws-sdk/client-organizations';
import type { PolicySummary, PolicyType } from '@aws-sdk/client-organizations';
import { errorCode } from '@vigil/engine';
import { defineAwsCollector } from '../../context.ts';
import type {
  OrganizationAttributes,
  OrganizationInfo,
  OrganizationPolicy,
  OrganizationPolicyTarget,
} from '../../resources/organizations.ts';

/** DescribeOrganization's answer for an account that is not in an organization. */
const NOT_IN_ORGANIZATION = 'AWSOrganizationsNotInUseException';

/**
 * The account's AWS Organizations membership (`AwsOrganization`, global singleton). The
 * policy attributes come from APIs only the management account (or a delegated
 * administrator) may call; they are read only when the scanned account is the management
 * account and are `null` elsewhere, where the checks that use them do not apply.
 */
export default defineAwsCollector({
  id: 'organizations-organization',
  service: 'organizations',
  resourceType: 'AwsOrganization',
  scope: 'global',
  calls: [{ api: 'DescribeOrganization', action: 'organizations:DescribeOrganization' }],
  attributes: {
    organization: {},
    rootPolicyTypes: { calls: [{ api: 'ListRoots', action: 'organizations:ListRoots' }] },
    tagPolicies: {
      calls: [
        { api: 'ListPolicies', action: 'organizations:ListPolicies' },
        { api: 'ListTargetsForPolicy', action: 'organizations:ListTargetsForPolicy' },
      ],
    },
    serviceControlPolicies: {
      calls: [
        { api: 'ListPolicies', action: 'organizations:ListPolicies' },
        { api: 'DescribePolicy', action: 'organizations:DescribePolicy' },
        { api: 'ListTargetsForPolicy', action: 'organizations:ListTargetsForPolicy' },
      ],
    },
  },
  async *collect(ctx) {
    const org = ctx.client(OrganizationsClient);
    let organization: OrganizationInfo | null = null;
    try {
      const { Organization: o } = await org.send(new DescribeOrganizationCommand({}));
      if (o?.Id) {
        organization = {
          id: o.Id,
          arn: o.Arn ?? '',
          featureSet: o.FeatureSet,
          managementAccountId: o.MasterAccountId ?? '',
          managementAccountArn: o.MasterAccountArn,
        };
      }
    } catch (err) {
      if (errorCode(err) !== NOT_IN_ORGANIZATION) throw err;
    }
    const resource = ctx.resource<Partial<OrganizationAttributes>>({
      id: ctx.arn('organizations', 'organization'),
      name: ctx.account,
      attributes: { organization },
    });
    const isManagement = organization !== null && organization.managementAccountId === ctx.account;

    const listPolicies = async (type: PolicyType): Promise<PolicySummary[]> => {
      const out: PolicySummary[] = [];
      for await (const page of paginateListPolicies({ client: org }, { Filter: type })) out.push(...(page.Policies ?? []));
      return out;
    };
    const targetsOf = async (policyId: string): Promise<OrganizationPolicyTarget[]> => {
      const out: OrganizationPolicyTarget[] = [];
      for await (const page of paginateListTargetsForPolicy({ client: org }, { PolicyId: policyId })) {
        for (const t of page.Targets ?? []) out.push({ id: t.TargetId ?? '', type: t.Type ?? 'UNKNOWN', name: t.Name });
      }
      return out;
    };
    const summary = (p: PolicySummary, targets: OrganizationPolicyTarget[]): OrganizationPolicy => ({
      id: p.Id ?? '',
      arn: p.Arn ?? '',
      name: p.Name ?? p.Id ?? '',
      awsManaged: p.AwsManaged ?? false,
      targets,
    });

    await ctx.enrich(resource, 'rootPolicyTypes', async () => {
      if (!isManagement) return null;
      const types: Record<string, string> = {};
      for await (const page of paginateListRoots({ client: org }, {})) {
        for (const root of page.Roots ?? []) {
          for (const t of root.PolicyTypes ?? []) if (t.Type) types[t.Type] = t.Status ?? 'UNKNOWN';
        }
      }
      return types;
    });

    await ctx.enrich(resource, 'tagPolicies', async () => {
      if (!isManagement) return null;
      const policies = await listPolicies('TAG_POLICY');
      return ctx.map(policies, async (p) => summary(p, await targetsOf(p.Id ?? '')), 4);
    });

    await ctx.enrich(resource, 'serviceControlPolicies', async () => {
      if (!isManagement) return null;
      const policies = await listPolicies('SERVICE_CONTROL_POLICY');
      return ctx.map(
        policies,
        async (p) => {
          const { Policy: described } = await org.send(new DescribePolicyCommand({ PolicyId: p.Id }));
          return { ...summary(p, await targetsOf(p.Id ?? '')), content: described?.Content ?? '' };
        },
        4,
      );
    });

    yield resource;
  },
});
