import type { Group, GroupDetail } from '@aws-sdk/client-iam';
import { IAMClient, paginateListGroups } from '@aws-sdk/client-iam';
import { defineAwsCollector } from '../../context.ts';
import type { GroupAttributes } from '../../resources/iam.ts';
import { attachedRefs, authorizationDetails, codedError, inlinePolicies, iso, once } from './lib/util.ts';

const GAAD_CALL = [{ api: 'GetAccountAuthorizationDetails', action: 'iam:GetAccountAuthorizationDetails' }];

/** IAM groups (`AwsIamGroup`, global). Policies come from GetAccountAuthorizationDetails. */
export default defineAwsCollector({
  id: 'iam-groups',
  service: 'iam',
  resourceType: 'AwsIamGroup',
  scope: 'global',
  calls: [{ api: 'ListGroups', action: 'iam:ListGroups' }],
  attributes: {
    groupId: {},
    path: {},
    createDate: {},
    attachedPolicies: { calls: GAAD_CALL },
    inlinePolicies: { calls: GAAD_CALL },
  },
  async *collect(ctx) {
    const iam = ctx.client(IAMClient);
    const groups: Group[] = [];
    for await (const page of paginateListGroups({ client: iam }, {})) groups.push(...(page.Groups ?? []));

    const details = once(async () => {
      const { groups: list } = await authorizationDetails(iam, ['Group']);
      return new Map(list.map((g) => [g.Arn ?? '', g]));
    });
    const detailOf = async (arn: string): Promise<GroupDetail> => {
      const d = (await details()).get(arn);
      if (!d) throw codedError('NoSuchEntity', `Group ${arn} is missing from the authorization details.`);
      return d;
    };

    for (const g of groups) {
      const arn = g.Arn ?? '';
      const group = ctx.resource<Partial<GroupAttributes>>({
        id: arn,
        name: g.GroupName ?? '',
        attributes: { groupId: g.GroupId ?? '', path: g.Path ?? '/', createDate: iso(g.CreateDate) },
      });
      await ctx.enrich(group, 'attachedPolicies', async () => attachedRefs((await detailOf(arn)).AttachedManagedPolicies));
      await ctx.enrich(group, 'inlinePolicies', async () => inlinePolicies((await detailOf(arn)).GroupPolicyList));
      yield group;
    }
  },
});
