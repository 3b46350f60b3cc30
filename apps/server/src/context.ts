import type { Db } from '@vigil/db';
import type { AccessTokenService, KeyProvider } from '@vigil/security';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ScanQueue } from './worker/queue.ts';
import type { ScheduleMirror } from './modules/schedules/schedules.mirror.ts';

/** Roles in a tenant, lowest first. */
export const ROLES = ['read_only', 'member', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function roleAtLeast(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}

/** Who is calling, resolved from a Bearer access token or API key. */
export interface AuthContext {
  /** The user, or the API key's creator (null when that user was deleted). */
  userId: string | null;
  tenantId: string;
  role: Role;
  /** Set when the caller authenticated with an API key. */
  apiKeyId: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route (see app.ts). */
    routeList: readonly { method: string; url: string; hidden: boolean }[];
  }
  interface FastifyRequest {
    /** Set by the authentication hook on every authenticated route. */
    auth: AuthContext;
  }
}

/** Everything the routes and services use; composed in `serve.ts` (or a test). */
export interface AppDeps {
  db: Db;
  /** Encrypts cloud credentials at rest. */
  secrets: KeyProvider;
  tokens: AccessTokenService;
  /** The clock (inject one in tests). */
  now: () => Date;
  /** Log level; `silent` in tests. */
  logLevel?: string;
  /** Where new scans are handed to a worker (after commit; read at each call); without one, scans stay pending. */
  scanQueue?: ScanQueue;
  /** Where schedules are mirrored after each change (BullMQ job schedulers; read at each call); without one, the database poller fires them. */
  scheduleMirror?: ScheduleMirror;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
