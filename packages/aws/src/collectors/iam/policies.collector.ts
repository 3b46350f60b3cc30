import type { ManagedPolicyDetail, Policy } from '@aws-sdk/client-iam';
import { GetPolicyVersionCommand, IAMClient, paginateListPolicies } from '@aws-sdk/client-iam';
import { defineAwsCollector } from '../../context.ts';
import type { PolicyAttributes, PolicyDocument } from '../../resources/iam.ts';
import { authorizationDetails, decodePolicyDocument, iso, once } from './lib/util.ts';

/**
 * Managed policies (`AwsIamPolicy`, global): every customer-managed policy and the
 * AWS-managed policies attached to something in the account. Customer documents come
 * from one GetAccountAuthorizationDetails sweep; AWS-managed ones from GetPolicyVersion.
 */
export default defineAwsCollector({
  id: 'iam-policies',
  service: 'iam',
  resourceType: 'AwsIamPolicy',
  scope: 'global',
  calls: [{ api: 'ListPolicies', action: 'iam:ListPolicies' }],
  attributes: {
    policyId: {},
    path: {},
    awsManaged: {},
    defaultVersionId: {},
    attachmentCount: {},
    permissionsBoundaryUsageCount: {},
    isAttachable: {},
    createDate: {},
    updateDate: {},
    document: {
      calls: [
        { api: 'GetAccountAuthorizationDetails', action: 'iam:GetAccountAuthorizationDetails' },
        { api: 'GetPolicyVersion', action: 'iam:GetPolicyVersion' },
      ],
    },
  },
  async *collect(ctx) {
    const iam = ctx.client(IAMClient);
    const listed: { policy: Policy; awsManaged: boolean }[] = [];
    for await (const page of paginateListPolicies({ client: iam }, { Scope: 'Local' })) {
      for (const p of page.Policies ?? []) listed.push({ policy: p, awsManaged: false });
    }
    for await (const page of paginateListPolicies({ client: iam }, { Scope: 'AWS', OnlyAttached: true })) {
      for (const p of page.Policies ?? []) listed.push({ policy: p, awsManaged: true });
    }

    const local = once(async () => {
      const { policies } = await authorizationDetails(iam, ['LocalManagedPolicy']);
      return new Map<string, ManagedPolicyDetail>(policies.map((p) => [p.Arn ?? '', p]));
    });
    const fetchVersion = async (arn: string, versionId: string): Promise<PolicyDocument | null> => {
      const { PolicyVersion } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }));
      return decodePolicyDocument(PolicyVersion?.Document);
    };

    const resources = await ctx.map(
      listed,
      async ({ policy: p, awsManaged }) => {
        const arn = p.Arn ?? '';
        const versionId = p.DefaultVersionId ?? null;
        const policy = ctx.resource<Partial<PolicyAttributes>>({
          id: arn,
          name: p.PolicyName ?? '',
          attributes: {
            policyId: p.PolicyId ?? '',
            path: p.Path ?? '/',
            awsManaged,
            defaultVersionId: versionId,
            attachmentCount: p.AttachmentCount ?? 0,
            permissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount ?? 0,
            isAttachable: p.IsAttachable ?? true,
            createDate: iso(p.CreateDate),
            updateDate: iso(p.UpdateDate),
          },
        });
        await ctx.enrich(policy, 'document', async () => {
          if (!versionId) return null;
          if (!awsManaged) {
            const detail = (await local()).get(arn);
            const version = detail?.PolicyVersionList?.find((v) => v.VersionId === versionId);
            if (version?.Document) return decodePolicyDocument(version.Document);
          }
          return fetchVersion(arn, versionId);
        });
        return policy;
      },
      8,
    );
    for (const r of resources) yield r;
  },
});
