import { withTenant } from '@vigil/db';
import type { Db } from '@vigil/db';
import { generateApiKey } from '@vigil/security';
import type { AuthContext, Role } from '../../context.ts';
import { ROLES, roleAtLeast } from '../../context.ts';
import { ApiError, notFound } from '../../errors.ts';
import { newestFirstPage } from '../../pagination.ts';
import type { Page } from '../../pagination.ts';

export interface ApiKeysServiceDeps {
  db: Db;
  now: () => Date;
}

export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const COLUMNS = ['id', 'name', 'role', 'prefix', 'created_by', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'] as const;

interface ApiKeyRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

function toView(row: ApiKeyRow): ApiKeyView {
  if (!(ROLES as readonly string[]).includes(row.role)) throw new ApiError('INTERNAL', `Unknown role "${row.role}" on API key ${row.id}.`);
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** API keys of the caller's tenant: stored as prefix + SHA-256 hash, the key itself shown once. */
export function createApiKeysService(deps: ApiKeysServiceDeps) {
  return {
    async create(auth: AuthContext, input: { name: string; role: Role; expiresAt?: string }): Promise<{ apiKey: ApiKeyView; key: string }> {
      if (!roleAtLeast(auth.role, input.role)) {
        throw new ApiError('FORBIDDEN', `An API key cannot have a higher role than its creator: you have ${auth.role}, asked for ${input.role}.`, {
          required: input.role,
          role: auth.role,
        });
      }
      const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt);
      if (expiresAt && expiresAt.getTime() <= deps.now().getTime()) {
        throw new ApiError('BAD_REQUEST', `expiresAt ${input.expiresAt} is in the past: give a future time, or none for a key that does not expire.`);
      }
      const generated = generateApiKey();
      const row = await withTenant(deps.db, auth.tenantId, (trx) =>
        trx
          .insertInto('api_keys')
          .values({
            tenant_id: auth.tenantId,
            name: input.name,
            role: input.role,
            prefix: generated.prefix,
            secret_hash: generated.hash,
            created_by: auth.userId,
            created_at: deps.now(),
            expires_at: expiresAt,
          })
          .returning(COLUMNS)
          .executeTakeFirstOrThrow(),
      );
      return { apiKey: toView(row), key: generated.key };
    },

    /** One page of the tenant's keys, newest first, revoked ones included. */
    async list(auth: AuthContext, page: { limit?: number; cursor?: string } = {}): Promise<Page<ApiKeyView>> {
      return withTenant(deps.db, auth.tenantId, (trx) =>
        newestFirstPage(trx.selectFrom('api_keys').select(COLUMNS), { limit: page.limit ?? 50, cursor: page.cursor, toDto: toView }),
      );
    },

    /** Revokes a key (idempotent); 404 when the tenant has no such key. */
    async revoke(auth: AuthContext, id: string): Promise<void> {
      await withTenant(deps.db, auth.tenantId, async (trx) => {
        const row = await trx.selectFrom('api_keys').select(['id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
        if (!row) throw notFound('API key', id);
        if (!row.revoked_at) await trx.updateTable('api_keys').set({ revoked_at: deps.now() }).where('id', '=', id).execute();
      });
    },
  };
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;
