import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { GetResourcePolicyCommand, SecretsManagerClient, paginateListSecrets } from '@aws-sdk/client-secrets-manager';
import { defineAwsCollector } from '../../context.ts';
import { parsePolicy } from '../../lib/resource-policy.ts';
import type { SecretsManagerSecretAttributes } from '../../resources/secretsmanager.ts';
import { tagRecord } from '../../lib/tags.ts';

const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);

/** Secrets Manager secrets (`AwsSecretsManagerSecret`, regional). Secret values are never read. */
export default defineAwsCollector({
  id: 'secretsmanager-secrets',
  service: 'secretsmanager',
  resourceType: 'AwsSecretsManagerSecret',
  scope: 'regional',
  calls: [{ api: 'ListSecrets', action: 'secretsmanager:ListSecrets' }],
  attributes: {
    rotationEnabled: {},
    rotationAfterDays: {},
    rotationSchedule: {},
    lastRotatedDate: {},
    lastAccessedDate: {},
    lastChangedDate: {},
    createdDate: {},
    kmsKeyId: {},
    owningService: {},
    policy: { calls: [{ api: 'GetResourcePolicy', action: 'secretsmanager:GetResourcePolicy' }] },
  },
  async *collect(ctx) {
    const sm = ctx.client(SecretsManagerClient);
    const secrets: SecretListEntry[] = [];
    for await (const page of paginateListSecrets({ client: sm, pageSize: 100 }, {})) {
      secrets.push(...(page.SecretList ?? []));
    }
    const resources = await ctx.map(
      secrets.filter((s) => s.ARN),
      async (s) => {
        const arn = s.ARN as string;
        const resource = ctx.resource<Partial<SecretsManagerSecretAttributes>>({
          id: arn,
          name: s.Name ?? arn,
          tags: tagRecord(s.Tags),
          attributes: {
            rotationEnabled: s.RotationEnabled === true,
            rotationAfterDays: s.RotationRules?.AutomaticallyAfterDays ?? null,
            rotationSchedule: s.RotationRules?.ScheduleExpression ?? null,
            lastRotatedDate: iso(s.LastRotatedDate),
            lastAccessedDate: iso(s.LastAccessedDate),
            lastChangedDate: iso(s.LastChangedDate),
            createdDate: iso(s.CreatedDate),
            kmsKeyId: s.KmsKeyId || null,
            owningService: s.OwningService || null,
          },
        });
        await ctx.enrich(resource, 'policy', async () => {
          const { ResourcePolicy } = await sm.send(new GetResourcePolicyCommand({ SecretId: arn }));
          return parsePolicy(ResourcePolicy);
        });
        return resource;
      },
      8,
    );
    yield* resources;
  },
});
