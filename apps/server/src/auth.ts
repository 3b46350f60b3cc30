import { withSystem } from '@vigil/db';
import { looksLikeApiKey, parseApiKey, verifyApiKey, SecurityError } from '@vigil/security';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps, AuthContext, Role } from './context.ts';
import { ROLES, roleAtLeast } from './context.ts';
import { ApiError } from './errors.ts';

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Resolves the caller from `Authorization: Bearer <access token | API key>`. */
export async function authenticateRequest(deps: AppDeps, header: string | undefined): Promise<AuthContext> {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) {
    throw new ApiError('UNAUTHENTICATED', 'Send "Authorization: Bearer <access token or API key>". Get a token from POST /api/v1/auth/login.');
  }
  const credential = match[1];
  if (looksLikeApiKey(credential)) {
    const parsed = parseApiKey(credential);
    const row = await withSystem(deps.db, (trx) =>
      trx
        .selectFrom('api_keys')
        .select(['id', 'tenant_id', 'role', 'secret_hash', 'created_by', 'expires_at', 'revoked_at', 'last_used_at'])
        .where('prefix', '=', parsed.prefix)
        .executeTakeFirst(),
    );
    const now = deps.now();
    if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now) || !verifyApiKey(credential, row.secret_hash) || !isRole(row.role)) {
      throw new SecurityError('AUTH_API_KEY_INVALID', 'The API key is unknown, revoked, expired or wrong.');
    }
    // Record use at most once a minute per key: a write per request would be wasted work.
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
      await withSystem(deps.db, (trx) => trx.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', row.id).execute());
    }
    return { userId: row.created_by, tenantId: row.tenant_id, role: row.role, apiKeyId: row.id };
  }
  const claims = await deps.tokens.verify(credential);
  if (!isRole(claims.role)) throw new SecurityError('AUTH_INVALID_TOKEN', 'The access token names an unknown role.');
  return { userId: claims.sub, tenantId: claims.tid, role: claims.role, apiKeyId: null };
}

/** Fastify hook for the authenticated scope. */
export function authenticate(deps: AppDeps) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.auth = await authenticateRequest(deps, request.headers.authorization);
  };
}

/** Route guard: the caller's role in the tenant must be at least `min`. */
export function requireRole(min: Role) {
  return async (request: FastifyRequest): Promise<void> => {
    if (!roleAtLeast(request.auth.role, min)) {
      throw new ApiError('FORBIDDEN', `This needs the ${min} role or higher in the tenant; you have ${request.auth.role}.`, {
        required: min,
        role: request.auth.role,
      });
    }
  };
}
