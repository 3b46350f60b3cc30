import { Type } from '@fastify/type-provider-typebox';
import { isSecurityError } from '@vigil/security';
import type { FastifyReply } from 'fastify';
import type { App, AppDeps } from '../../context.ts';
import type { ApiModule } from '../index.ts';
import { ApiError } from '../../errors.ts';
import { AcceptInvitationBody, ErrorResponse, LoginBody, LogoutBody, Me, RefreshBody, Session, SignupBody, SwitchTenantBody } from './auth.schemas.ts';
import { createAuthService } from './auth.service.ts';
import type { AuthService } from './auth.service.ts';
import { createRateLimiter } from './rate-limiter.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** Attempts of login (failed ones) and of sign-up allowed per IP address and per email in one window. */
export const AUTH_RATE_LIMIT = { limit: 10, windowMs: 15 * 60_000 } as const;

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };

/** Throws 429 (with Retry-After) when any of `keys` has used up its attempts. */
function enforce(limiter: RateLimiter, keys: string[], reply: FastifyReply): void {
  let retryAfter = 0;
  for (const key of keys) {
    const decision = limiter.check(key);
    if (!decision.allowed) retryAfter = Math.max(retryAfter, decision.retryAfterSeconds);
  }
  if (retryAfter > 0) {
    void reply.header('retry-after', String(retryAfter));
    throw new ApiError('RATE_LIMITED', `Too many attempts: retry in ${retryAfter} s.`, { retryAfterSeconds: retryAfter });
  }
}

const limiterKeys = (ip: string, email: string) => [`ip:${ip}`, `email:${email.trim().toLowerCase()}`];

/** Sign-up, login, refresh and logout: no authentication. */
export async function authPublicRoutes(app: App, deps: AppDeps, service: AuthService = createAuthService(deps)): Promise<void> {
  // One limiter per app instance: no module state, and each test app starts clean.
  const loginLimiter = createRateLimiter({ ...AUTH_RATE_LIMIT, now: deps.now });
  const signupLimiter = createRateLimiter({ ...AUTH_RATE_LIMIT, now: deps.now });

  app.post(
    '/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a tenant and its owner, and log in',
        security: [],
        body: SignupBody,
        response: { 201: Session, ...errors },
      },
    },
    async (request, reply) => {
      const keys = limiterKeys(request.ip, request.body.email);
      enforce(signupLimiter, keys, reply);
      // Every sign-up attempt counts: it creates rows, and a weak password still costs a try.
      for (const key of keys) signupLimiter.record(key);
      const session = await service.signup(request.body);
      return reply.status(201).send(session);
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in: an access token and a refresh token for one tenant',
        security: [],
        body: LoginBody,
        response: { 200: Session, ...errors },
      },
    },
    async (request, reply) => {
      const keys = limiterKeys(request.ip, request.body.email);
      enforce(loginLimiter, keys, reply);
      try {
        return await service.login(request.body);
      } catch (err) {
        // Only failed logins count, so a busy office behind one address can still work.
        if (isSecurityError(err, 'AUTH_INVALID_CREDENTIALS')) for (const key of keys) loginLimiter.record(key);
        throw err;
      }
    },
  );

  app.post(
    '/auth/accept-invitation',
    {
      schema: {
        tags: ['auth'],
        summary: "Accept an invitation: set the account's password, join the tenant and log in there",
        security: [],
        body: AcceptInvitationBody,
        response: { 200: Session, ...errors },
      },
    },
    async (request, reply) => {
      // Costs a password hash, like sign-up: counted against the same per-address limit.
      const keys = [`ip:${request.ip}`];
      enforce(signupLimiter, keys, reply);
      for (const key of keys) signupLimiter.record(key);
      return service.acceptInvitation(request.body);
    },
  );

  app.post(
    '/auth/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: 'Rotate a refresh token: new tokens; a reused token ends its session',
        security: [],
        body: RefreshBody,
        response: { 200: Session, ...errors },
      },
    },
    async (request) => service.refresh(request.body),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the session of a refresh token',
        security: [],
        body: LogoutBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.logout(request.body);
      return reply.status(204).send(null);
    },
  );
}

/** The caller's identity and tenant switching: behind authentication. */
export async function authRoutes(app: App, deps: AppDeps, service: AuthService = createAuthService(deps)): Promise<void> {
  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'The caller, their memberships and the active tenant', response: { 200: Me, ...errors } } },
    async (request) => service.me(request.auth),
  );

  app.post(
    '/auth/switch-tenant',
    {
      schema: {
        tags: ['auth'],
        summary: 'New tokens for another tenant the user belongs to',
        body: SwitchTenantBody,
        response: { 200: Session, ...errors },
      },
    },
    async (request) => service.switchTenant(request.auth, request.body.tenantId),
  );
}

/** Sign-up, login, token refresh and logout (public); the caller and tenant switching (authenticated). */
export const authModule: ApiModule = {
  name: 'auth',
  publicRoutes: (app, deps) => authPublicRoutes(app, deps),
  routes: (app, deps) => authRoutes(app, deps),
};
