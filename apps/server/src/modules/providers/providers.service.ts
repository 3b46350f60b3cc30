import { randomUUID } from 'node:crypto';
import { withTenant } from '@vigil/db';
import type { Db, Tx } from '@vigil/db';
import type { Selectable } from 'kysely';
import type { ProvidersTable } from '@vigil/db';
import { decryptSecret, encryptSecret } from '@vigil/security';
import type { KeyProvider } from '@vigil/security';
import { VigilError } from '@vigil/engine';
import { ApiError, notFound } from '../../errors.ts';
import { newestFirstPage } from '../../pagination.ts';
import { resolveOrganizationSessions, resolveProviderSession } from './providers.aws.ts';
import type { ProviderAccess, ProviderSecret } from './providers.aws.ts';
import { DEFAULT_MEMBER_ROLE_NAME } from './providers.schemas.ts';
import type { ConnectionResultDto, CreateProviderInput, ProviderAuthInput, ProviderDto, UpdateProviderInput } from './providers.schemas.ts';

type ProviderRow = Selectable<ProvidersTable>;

export interface ProvidersServiceDeps {
  db: Db;
  secrets: KeyProvider;
}

/** The encryption context binds a ciphertext to its tenant and provider: a copied blob does not decrypt elsewhere. */
export function secretContext(tenantId: string, providerId: string): string {
  return `tenant:${tenantId}/provider:${providerId}`;
}

/**
 * Tag keys under `vigil:` are Vigil's own settings, hidden from the tags the API shows. The
 * providers table has no column for an organization's member role: it is kept in `tags` under
 * this key until a column is added.
 */
const RESERVED_TAG_PREFIX = 'vigil:';
const MEMBER_ROLE_TAG = 'vigil:memberRoleName';

function userTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([k]) => !k.startsWith(RESERVED_TAG_PREFIX)));
}

function memberRoleOf(r: Pick<ProviderRow, 'kind' | 'tags'>): string | null {
  return r.kind === 'organization' ? (r.tags[MEMBER_ROLE_TAG] ?? DEFAULT_MEMBER_ROLE_NAME) : null;
}

function checkTags(tags: Record<string, string> | undefined): void {
  const reserved = Object.keys(tags ?? {}).filter((k) => k.startsWith(RESERVED_TAG_PREFIX));
  if (reserved.length) {
    throw new ApiError('BAD_REQUEST', `Tag keys starting with "${RESERVED_TAG_PREFIX}" are reserved for Vigil: rename "${reserved.join('", "')}".`, { tags: reserved });
  }
}

function checkOrganizationFields(kind: string, input: { memberRoleName?: unknown; memberExternalId?: unknown }): void {
  if (kind !== 'organization' && (input.memberRoleName !== undefined || input.memberExternalId !== undefined)) {
    throw new ApiError('BAD_REQUEST', 'memberRoleName and memberExternalId apply to organization providers only: drop them, or use kind "organization".', {
      kind,
    });
  }
}

function toDto(r: ProviderRow): ProviderDto {
  return {
    id: r.id,
    kind: r.kind,
    alias: r.alias,
    accountId: r.account_id,
    authMethod: r.auth_method,
    roleArn: r.role_arn,
    endpointUrl: r.endpoint_url,
    tags: userTags(r.tags),
    hasSecret: r.secret_ciphertext !== null,
    memberRoleName: memberRoleOf(r),
    connection:
      r.connection_checked_at === null
        ? null
        : { ok: r.connection_ok === true, error: r.connection_error, identity: r.connection_identity, checkedAt: r.connection_checked_at.toISOString() },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function secretOf(auth: ProviderAuthInput, memberExternalId?: string | null): ProviderSecret | null {
  const member = memberExternalId ? { memberExternalId } : {};
  if (auth.method === 'access_keys') {
    return {
      method: 'access_keys',
      accessKeyId: auth.accessKeyId,
      secretAccessKey: auth.secretAccessKey,
      ...(auth.sessionToken ? { sessionToken: auth.sessionToken } : {}),
      ...member,
    };
  }
  return auth.externalId || memberExternalId ? { method: 'role', ...(auth.externalId ? { externalId: auth.externalId } : {}), ...member } : null;
}

function checkRoleAccount(auth: ProviderAuthInput, accountId: string): void {
  if (auth.method === 'role' && auth.roleArn.split(':')[4] !== accountId) {
    throw new ApiError('BAD_REQUEST', `The role ${auth.roleArn} is not in account ${accountId}: give a role of the registered account.`, {
      roleArn: auth.roleArn,
      accountId,
    });
  }
}

/** The stored, still encrypted, way into a cloud account. */
export interface StoredProviderAccess {
  id: string;
  kind: 'aws' | 'organization';
  /** Organization: the role assumed in member accounts. */
  memberRoleName: string | null;
  accountId: string;
  roleArn: string | null;
  endpointUrl: string | null;
  ciphertext: Uint8Array | null;
}

/** Reads what {@link decryptProviderAccess} needs, inside the tenant transaction. */
export async function readProviderAccess(trx: Tx, providerId: string): Promise<StoredProviderAccess | undefined> {
  const row = await trx
    .selectFrom('providers')
    .select(['id', 'kind', 'tags', 'account_id', 'role_arn', 'endpoint_url', 'secret_ciphertext'])
    .where('id', '=', providerId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      kind: row.kind,
      memberRoleName: memberRoleOf(row),
      accountId: row.account_id,
      roleArn: row.role_arn,
      endpointUrl: row.endpoint_url,
      ciphertext: row.secret_ciphertext,
    }
  );
}

/**
 * Decrypts a provider's credentials, after the transaction that read them: a key
 * provider may be a network service (KMS), and no network call happens inside a transaction.
 */
export async function decryptProviderAccess(stored: StoredProviderAccess, secrets: KeyProvider, tenantId: string): Promise<ProviderAccess> {
  const secret = stored.ciphertext
    ? ((await decryptSecret(stored.ciphertext, secrets, { context: secretContext(tenantId, stored.id) })) as unknown as ProviderSecret)
    : null;
  return {
    kind: stored.kind,
    memberRoleName: stored.memberRoleName,
    accountId: stored.accountId,
    roleArn: stored.roleArn,
    endpointUrl: stored.endpointUrl,
    secret,
  };
}

/** The connection test of an organization: the management account, the listing, and every member role. */
async function testOrganization(access: ProviderAccess): Promise<Omit<ConnectionResultDto, 'checkedAt'>> {
  const { management, members } = await resolveOrganizationSessions(access);
  const failures = members.failures.map((f) => ({ account: f.account, code: f.code, message: f.message.slice(0, 1000) }));
  const reached = members.sessions.length;
  const total = reached + failures.length;
  const error = failures.length
    ? `${reached} of ${total} accounts of the organization could be reached; not reached: ` +
      failures
        .slice(0, 10)
        .map((f) => `${f.account} (${f.code})`)
        .join(', ') +
      (failures.length > 10 ? ` and ${failures.length - 10} more` : '') +
      `. Check that role ${access.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME} exists in those accounts and trusts the management account.`
    : null;
  return {
    ok: failures.length === 0,
    error,
    identity: management.identity.arn,
    organization: { accounts: members.listed.length, assumed: reached, failures },
  };
}

/** Cloud accounts of a tenant: CRUD and connection tests. */
export function createProvidersService(deps: ProvidersServiceDeps) {
  const find = async (trx: Tx, id: string) => {
    const row = await trx.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Provider', id);
    return row;
  };

  return {
    async create(tenantId: string, userId: string | null, input: CreateProviderInput): Promise<ProviderDto> {
      checkRoleAccount(input.auth, input.accountId);
      checkOrganizationFields(input.kind, input);
      checkTags(input.tags);
      const id = randomUUID();
      const secret = secretOf(input.auth, input.memberExternalId);
      const tags = input.kind === 'organization' ? { ...input.tags, [MEMBER_ROLE_TAG]: input.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME } : (input.tags ?? {});
      const encrypted = secret ? await encryptSecret(secret, deps.secrets, { context: secretContext(tenantId, id) }) : null;
      return withTenant(deps.db, tenantId, async (trx) => {
        const clash = await trx.selectFrom('providers').select('id').where('account_id', '=', input.accountId).executeTakeFirst();
        if (clash) {
          throw new ApiError('CONFLICT', `AWS account ${input.accountId} is already registered as provider ${clash.id}.`, { providerId: clash.id });
        }
        const row = await trx
          .insertInto('providers')
          .values({
            id,
            tenant_id: tenantId,
            kind: input.kind,
            alias: input.alias ?? null,
            account_id: input.accountId,
            auth_method: input.auth.method,
            role_arn: input.auth.method === 'role' ? input.auth.roleArn : null,
            endpoint_url: input.endpointUrl ?? null,
            tags: JSON.stringify(tags),
            secret_ciphertext: encrypted ? Buffer.from(encrypted.ciphertext) : null,
            secret_key_id: encrypted?.keyId ?? null,
            created_by: userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toDto(row);
      });
    },

    async list(tenantId: string, q: { limit?: number; cursor?: string }): Promise<{ items: ProviderDto[]; nextCursor: string | null }> {
      const limit = q.limit ?? 50;
      return withTenant(deps.db, tenantId, (trx) => newestFirstPage(trx.selectFrom('providers').selectAll(), { limit, cursor: q.cursor, toDto }));
    },

    async get(tenantId: string, id: string): Promise<ProviderDto> {
      return withTenant(deps.db, tenantId, async (trx) => toDto(await find(trx, id)));
    },

    async update(tenantId: string, id: string, input: UpdateProviderInput): Promise<ProviderDto> {
      checkTags(input.tags);
      const memberSecretChange = input.memberExternalId !== undefined;
      // What the new secret keeps from the stored one: an organization's member external id
      // survives new credentials, and new credentials survive a new member external id.
      let secret: ProviderSecret | null | undefined;
      if (input.auth || memberSecretChange) {
        const stored = await withTenant(deps.db, tenantId, async (trx) => {
          const a = await readProviderAccess(trx, id);
          if (!a) throw notFound('Provider', id);
          return a;
        });
        checkOrganizationFields(stored.kind, input);
        const needsOld = stored.kind === 'organization' && (!input.auth || !memberSecretChange);
        const old = needsOld ? (await decryptProviderAccess(stored, deps.secrets, tenantId)).secret : null;
        const memberExternalId = memberSecretChange ? input.memberExternalId : old?.memberExternalId;
        if (input.auth) {
          secret = secretOf(input.auth, memberExternalId);
        } else if (old) {
          const { memberExternalId: _dropped, ...rest } = old;
          secret = memberExternalId ? { ...rest, memberExternalId } : rest.method === 'role' && !rest.externalId ? null : rest;
        } else {
          // Role without an external id: nothing stored so far.
          secret = memberExternalId ? { method: 'role', memberExternalId } : null;
        }
      }
      const encrypted = secret ? await encryptSecret(secret, deps.secrets, { context: secretContext(tenantId, id) }) : secret;
      return withTenant(deps.db, tenantId, async (trx) => {
        const current = await find(trx, id);
        checkOrganizationFields(current.kind, input);
        if (input.auth) checkRoleAccount(input.auth, current.account_id);
        const reserved = Object.fromEntries(Object.entries(current.tags).filter(([k]) => k.startsWith(RESERVED_TAG_PREFIX)));
        const tags =
          input.tags !== undefined || input.memberRoleName !== undefined
            ? { ...(input.tags ?? userTags(current.tags)), ...reserved, ...(input.memberRoleName !== undefined ? { [MEMBER_ROLE_TAG]: input.memberRoleName } : {}) }
            : undefined;
        const credentialsChanged = input.auth !== undefined || input.endpointUrl !== undefined || memberSecretChange || input.memberRoleName !== undefined;
        const row = await trx
          .updateTable('providers')
          .set({
            ...(input.alias !== undefined ? { alias: input.alias } : {}),
            ...(input.endpointUrl !== undefined ? { endpoint_url: input.endpointUrl } : {}),
            ...(tags !== undefined ? { tags: JSON.stringify(tags) } : {}),
            ...(input.auth ? { auth_method: input.auth.method, role_arn: input.auth.method === 'role' ? input.auth.roleArn : null } : {}),
            ...(encrypted !== undefined
              ? { secret_ciphertext: encrypted ? Buffer.from(encrypted.ciphertext) : null, secret_key_id: encrypted ? encrypted.keyId : null }
              : {}),
            // A new way in invalidates the last connection test.
            ...(credentialsChanged ? { connection_ok: null, connection_error: null, connection_identity: null, connection_checked_at: null } : {}),
            updated_at: new Date(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toDto(row);
      });
    },

    async remove(tenantId: string, id: string): Promise<void> {
      await withTenant(deps.db, tenantId, async (trx) => {
        await find(trx, id);
        const active = await trx.selectFrom('scans').select('id').where('provider_id', '=', id).where('state', 'in', ['pending', 'running']).executeTakeFirst();
        if (active) {
          throw new ApiError('CONFLICT', `Provider ${id} has an active scan ${active.id}: cancel it (PATCH /scans/${active.id} {"cancel": true}) and retry.`, {
            activeScanId: active.id,
          });
        }
        await trx.deleteFrom('providers').where('id', '=', id).execute();
      });
    },

    /**
     * Tests the credentials with STS GetCallerIdentity (outside any transaction) and records the outcome.
     * For an organization, also lists its accounts and assumes the member role in each: `ok` only when every one is reached.
     */
    async testConnection(tenantId: string, id: string): Promise<ConnectionResultDto> {
      const stored = await withTenant(deps.db, tenantId, async (trx) => {
        const a = await readProviderAccess(trx, id);
        if (!a) throw notFound('Provider', id);
        return a;
      });
      const access = await decryptProviderAccess(stored, deps.secrets, tenantId);
      let ok = false;
      let error: string | null = null;
      let identity: string | null = null;
      let organization: ConnectionResultDto['organization'];
      try {
        if (access.kind === 'organization') {
          ({ ok, error, identity, organization } = await testOrganization(access));
        } else {
          const r = await resolveProviderSession(access);
          ok = true;
          identity = r.identity.arn;
        }
      } catch (err) {
        // Vigil's errors (credentials, account mismatch, decryption) are written for users; others are not shown.
        error = err instanceof VigilError ? err.message.slice(0, 2000) : 'The connection test failed unexpectedly; retry, or check the endpoint URL.';
      }
      const checkedAt = new Date();
      await withTenant(deps.db, tenantId, async (trx) => {
        const r = await trx
          .updateTable('providers')
          .set({ connection_ok: ok, connection_error: error, connection_identity: identity, connection_checked_at: checkedAt })
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw notFound('Provider', id);
      });
      return { ok, error, identity, checkedAt: checkedAt.toISOString(), ...(organization ? { organization } : {}) };
    },
  };
}

export type ProvidersService = ReturnType<typeof createProvidersService>;
