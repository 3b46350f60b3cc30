import type { KeyListEntry, KeyMetadata, ListAliasesCommandOutput, ListKeysCommandOutput, ListResourceTagsCommandOutput } from '@aws-sdk/client-kms';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import type { Resource } from '@vigil/engine';
import { errorCode, errorMessage } from '@vigil/engine';
import { defineAwsCollector } from '../../context.ts';
import type { KmsKeyAttributes, KmsKeyPolicy } from '../../resources/kms.ts';

/** Attributes read from DescribeKey: they fail together when DescribeKey fails for one key. */
const DESCRIBE_ATTRIBUTES = [
  'keyManager',
  'keyState',
  'enabled',
  'keySpec',
  'keyUsage',
  'origin',
  'multiRegion',
  'multiRegionKeyType',
  'description',
  'creationDate',
  'deletionDate',
  'pendingDeletionWindowInDays',
] as const;
const ENRICHMENTS = ['rotation', 'keyPolicy', 'tags'] as const;

const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);

/** True for the keys automatic rotation exists for: customer managed symmetric encryption keys whose key material KMS generated. */
export function rotationApplies(a: Pick<KmsKeyAttributes, 'keyManager' | 'keySpec' | 'keyUsage' | 'origin'>): boolean {
  return a.keyManager === 'CUSTOMER' && a.keySpec === 'SYMMETRIC_DEFAULT' && a.keyUsage === 'ENCRYPT_DECRYPT' && a.origin === 'AWS_KMS';
}

function describeAttributes(m: KeyMetadata): Omit<KmsKeyAttributes, 'keyId' | 'aliases' | 'rotation' | 'keyPolicy' | 'tags'> {
  return {
    keyManager: m.KeyManager ?? 'CUSTOMER',
    keyState: m.KeyState ?? 'Unknown',
    enabled: m.Enabled ?? false,
    keySpec: m.KeySpec ?? m.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT',
    keyUsage: m.KeyUsage ?? 'ENCRYPT_DECRYPT',
    origin: m.Origin ?? 'AWS_KMS',
    multiRegion: m.MultiRegion ?? false,
    multiRegionKeyType: m.MultiRegionConfiguration?.MultiRegionKeyType ?? null,
    description: m.Description ?? '',
    creationDate: iso(m.CreationDate),
    deletionDate: iso(m.DeletionDate),
    pendingDeletionWindowInDays: m.PendingDeletionWindowInDays ?? null,
  };
}

/** KMS keys (`AwsKmsKey`, regional): customer and AWS managed keys with their metadata, rotation, policy and tags. */
export default defineAwsCollector({
  id: 'kms-keys',
  service: 'kms',
  resourceType: 'AwsKmsKey',
  scope: 'regional',
  calls: [
    { api: 'ListKeys', action: 'kms:ListKeys' },
    { api: 'ListAliases', action: 'kms:ListAliases' },
    // Needed for every key: only DescribeKey tells customer managed keys from AWS managed ones.
    { api: 'DescribeKey', action: 'kms:DescribeKey' },
  ],
  attributes: {
    keyId: {},
    keyManager: {},
    keyState: {},
    enabled: {},
    keySpec: {},
    keyUsage: {},
    origin: {},
    multiRegion: {},
    multiRegionKeyType: {},
    description: {},
    creationDate: {},
    deletionDate: {},
    pendingDeletionWindowInDays: {},
    aliases: {},
    rotation: {
      calls: [{ api: 'GetKeyRotationStatus', action: 'kms:GetKeyRotationStatus' }],
      notConfigured: ['UnsupportedOperationException'],
    },
    keyPolicy: { calls: [{ api: 'GetKeyPolicy', action: 'kms:GetKeyPolicy' }] },
    tags: { calls: [{ api: 'ListResourceTags', action: 'kms:ListResourceTags' }] },
  },
  async *collect(ctx) {
    const kms = ctx.client(KMSClient);

    const keys: KeyListEntry[] = [];
    let marker: string | undefined;
    do {
      const page: ListKeysCommandOutput = await kms.send(new ListKeysCommand({ Limit: 1000, Marker: marker }));
      keys.push(...(page.Keys ?? []));
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);
    if (keys.length === 0) return;

    const aliases = new Map<string, string[]>();
    marker = undefined;
    do {
      const page: ListAliasesCommandOutput = await kms.send(new ListAliasesCommand({ Limit: 100, Marker: marker }));
      for (const a of page.Aliases ?? []) {
        if (!a.TargetKeyId || !a.AliasName) continue;
        const list = aliases.get(a.TargetKeyId) ?? [];
        list.push(a.AliasName);
        aliases.set(a.TargetKeyId, list);
      }
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);

    const resources = await ctx.map(
      keys,
      async (entry): Promise<Resource<Partial<KmsKeyAttributes>> | undefined> => {
        const keyId = entry.KeyId ?? entry.KeyArn ?? '';
        const keyRef = entry.KeyArn ?? keyId;
        const key = ctx.resource<Partial<KmsKeyAttributes>>({
          id: entry.KeyArn ?? ctx.arn('kms', `key/${keyId}`),
          name: keyId,
          attributes: { keyId, aliases: (aliases.get(keyId) ?? []).sort() },
        });

        let metadata: KeyMetadata | undefined;
        try {
          metadata = (await kms.send(new DescribeKeyCommand({ KeyId: keyRef }))).KeyMetadata;
        } catch (err) {
          ctx.signal.throwIfAborted();
          const code = errorCode(err);
          // Deleted between ListKeys and DescribeKey: the key no longer exists.
          if (code === 'NotFoundException') return undefined;
          // A key policy can deny DescribeKey on one key: record it on that key rather than
          // losing every key of the region (ListKeys failing still fails the whole unit).
          const error = { code, message: errorMessage(err) };
          for (const a of DESCRIBE_ATTRIBUTES) key.errors[a] = error;
          for (const a of ENRICHMENTS) if (ctx.wants(a)) key.errors[a] = error;
          return key;
        }
        if (!metadata) return undefined;
        const a = describeAttributes(metadata);
        Object.assign(key.attributes, a);

        await ctx.enrich(key, 'rotation', async () => {
          if (!rotationApplies(a)) return null;
          const r = await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyRef }));
          return {
            enabled: r.KeyRotationEnabled ?? false,
            ...(r.RotationPeriodInDays !== undefined ? { periodInDays: r.RotationPeriodInDays } : {}),
            ...(r.NextRotationDate ? { nextRotationDate: r.NextRotationDate.toISOString() } : {}),
          };
        });
        await ctx.enrich(key, 'keyPolicy', async () => {
          const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId: keyRef, PolicyName: 'default' }));
          return Policy ? (JSON.parse(Policy) as KmsKeyPolicy) : {};
        });
        await ctx.enrich(key, 'tags', async () => {
          // AWS managed keys cannot carry tags.
          if (a.keyManager !== 'CUSTOMER') return {};
          const tags: Record<string, string> = {};
          let tagMarker: string | undefined;
          do {
            const page: ListResourceTagsCommandOutput = await kms.send(new ListResourceTagsCommand({ KeyId: keyRef, Marker: tagMarker }));
            for (const t of page.Tags ?? []) if (t.TagKey) tags[t.TagKey] = t.TagValue ?? '';
            tagMarker = page.Truncated ? page.NextMarker : undefined;
          } while (tagMarker);
          key.tags = tags;
          return tags;
        });
        return key;
      },
      8,
    );
    for (const r of resources) if (r) yield r;
  },
});
