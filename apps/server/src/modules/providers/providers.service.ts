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
import { resolveProviderSession } from './providers.aws.ts';
import type { ProviderAccess, ProviderSecret } from './providers.aws.ts';
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

function toDto(r: ProviderRow): ProviderDto {
  return {
    id: r.id,
    kind: r.kind,
    alias: r.alias,
    accountId: r.account_id,
    authMethod: r.auth_method,
    roleArn: r.role_arn,
    endpointUrl: r.endpoint_url,
    tags: r.tags,
    hasSecret: r.secret_ciphertext !== null,
    connection:
      r.connection_checked_at === null
        ? null
        : { ok: r.connection_ok === true, error: r.connection_error, identity: r.connection_identity, checkedAt: r.connection_checked_at.toISOString() },
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function secretOf(auth: ProviderAuthInput): ProviderSecret | null {
  if (auth.method === 'access_keys') {
    return { method: 'access_keys', accessKeyId: auth.accessKeyId, secretAccessKey: auth.secretAccessKey, ...(auth.sessionToken ? { sessionToken: auth.sessionToken } : {}) };
  }
  return auth.externalId ? { method: 'role', externalId: auth.externalId } : null;
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
  accountId: string;
  roleArn: string | null;
  endpointUrl: string | null;
  ciphertext: Uint8Array | null;
}

/** Reads what {@link decryptProviderAccess} needs, inside the tenant transaction. */
export async function readProviderAccess(trx: Tx, providerId: string): Promise<StoredProviderAccess | undefined> {
  const row = await trx
    .selectFrom('providers')
    .select(['id', 'account_id', 'role_arn', 'endpoint_url', 'secret_ciphertext'])
    .where('id', '=', providerId)
    .executeTakeFirst();
  return row && { id: row.id, accountId: row.account_id, roleArn: row.role_arn, endpointUrl: row.endpoint_url, ciphertext: row.secret_ciphertext };
}

/**
 * Decrypts a provider's credentials, after the transaction that read them: a key
 * provider may be a network service (KMS), and no network call happens inside a transaction.
 */
export async function decryptProviderAccess(stored: StoredProviderAccess, secrets: KeyProvider, tenantId: string): Promise<ProviderAccess> {
  const secret = stored.ciphertext
    ? ((await decryptSecret(stored.ciphertext, secrets, { context: secretContext(tenantId, stored.id) })) as unknown as ProviderSecret)
    : null;
  return { accountId: stored.accountId, roleArn: stored.roleArn, endpointUrl: stored.endpointUrl, secret };
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
      const id = randomUUID();
      const secret = secretOf(input.auth);
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
            tags: JSON.stringify(input.tags ?? {}),
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
      const secret = input.auth ? secretOf(input.auth) : undefined;
      const encrypted = secret ? await encryptSecret(secret, deps.secrets, { context: secretContext(tenantId, id) }) : secret;
      return withTenant(deps.db, tenantId, async (trx) => {
        const current = await find(trx, id);
        if (input.auth) checkRoleAccount(input.auth, current.account_id);
        const credentialsChanged = input.auth !== undefined || input.endpointUrl !== undefined;
        const row = await trx
          .updateTable('providers')
          .set({
            ...(input.alias !== undefined ? { alias: input.alias } : {}),
            ...(input.endpointUrl !== undefined ? { endpoint_url: input.endpointUrl } : {}),
            ...(input.tags !== undefined ? { tags: JSON.stringify(input.tags) } : {}),
            ...(input.auth
              ? {
                  auth_method: input.auth.method,
                  role_arn: input.auth.method === 'role' ? input.auth.roleArn : null,
                  secret_ciphertext: encrypted ? Buffer.from(encrypted.ciphertext) : null,
                  secret_key_id: encrypted ? encrypted.keyId : null,
                }
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

    /** Tests the credentials with STS GetCallerIdentity (outside any transaction) and records the outcome. */
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
      try {
        const r = await resolveProviderSession(access);
        ok = true;
        identity = r.identity.arn;
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
      return { ok, error, identity, checkedAt: checkedAt.toISOString() };
    },
  };
}

export type ProvidersService = ReturnType<typeof createProvidersService>;
