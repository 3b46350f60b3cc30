import type { Role, RoleDetail } from '@aws-sdk/client-iam';
import { IAMClient, paginateListRoles } from '@aws-sdk/client-iam';
import { defineAwsCollector } from '../../context.ts';
import type { RoleAttributes } from '../../resources/iam.ts';
import { attachedRefs, authorizationDetails, codedError, decodePolicyDocument, inlinePolicies, iso, once } from './lib/util.ts';

const GAAD_CALL = [{ api: 'GetAccountAuthorizationDetails', action: 'iam:GetAccountAuthorizationDetails' }];

/** IAM roles (`AwsIamRole`, global), with their trust policy. Policies and last use come from GetAccountAuthorizationDetails. */
export default defineAwsCollector({
  id: 'iam-roles',
  service: 'iam',
  resourceType: 'AwsIamRole',
  scope: 'global',
  calls: [{ api: 'ListRoles', action: 'iam:ListRoles' }],
  attributes: {
    roleId: {},
    path: {},
    createDate: {},
    assumeRolePolicyDocument: {},
    maxSessionDuration: {},
    serviceLinked: {},
    attachedPolicies: { calls: GAAD_CALL },
    inlinePolicies: { calls: GAAD_CALL },
    lastUsedDate: { calls: GAAD_CALL },
  },
  async *collect(ctx) {
    const iam = ctx.client(IAMClient);
    const roles: Role[] = [];
    for await (const page of paginateListRoles({ client: iam }, {})) roles.push(...(page.Roles ?? []));

    const details = once(async () => {
      const { roles: list } = await authorizationDetails(iam, ['Role']);
      return new Map(list.map((r) => [r.Arn ?? '', r]));
    });
    const detailOf = async (arn: string): Promise<RoleDetail> => {
      const d = (await details()).get(arn);
      if (!d) throw codedError('NoSuchEntity', `Role ${arn} is missing from the authorization details.`);
      return d;
    };

    for (const r of roles) {
      const arn = r.Arn ?? '';
      const path = r.Path ?? '/';
      const role = ctx.resource<Partial<RoleAttributes>>({
        id: arn,
        name: r.RoleName ?? '',
        attributes: {
          roleId: r.RoleId ?? '',
          path,
          createDate: iso(r.CreateDate),
          maxSessionDuration: r.MaxSessionDuration ?? null,
          serviceLinked: path.startsWith('/aws-service-role/'),
        },
      });
      try {
        role.attributes.assumeRolePolicyDocument = decodePolicyDocument(r.AssumeRolePolicyDocument);
      } catch (err) {
        role.errors.assumeRolePolicyDocument = { code: 'MalformedPolicyDocument', message: (err as Error).message };
      }
      await ctx.enrich(role, 'attachedPolicies', async () => attachedRefs((await detailOf(arn)).AttachedManagedPolicies));
      await ctx.enrich(role, 'inlinePolicies', async () => inlinePolicies((await detailOf(arn)).RolePolicyList));
      await ctx.enrich(role, 'lastUsedDate', async () => iso((await detailOf(arn)).RoleLastUsed?.LastUsedDate));
      yield role;
    }
  },
});
