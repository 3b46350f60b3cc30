import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { createPinoRedaction } from '@vigil/security';
import { authenticate } from './auth.ts';
import type { App, AppDeps } from './context.ts';
import { errorHandler } from './errors.ts';
import { ErrorResponse } from './modules/findings/common.schemas.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { MODULES } from './modules/index.ts';
import { VERSION } from './version.ts';

export const API_PREFIX = '/api/v1';

/**
 * Builds the API: public routes (health, docs, sign-up and login), and every module's
 * routes behind the authentication hook. Nothing listens until `app.listen`.
 */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: { level: deps.logLevel ?? 'info', ...createPinoRedaction() },
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    ajv: {
      // Unknown fields are errors, not silently dropped; query strings coerce to the schema's types.
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  // Every route, to check the OpenAPI document lists them all.
  const routes: { method: string; url: string; hidden: boolean }[] = [];
  app.addHook('onRoute', (r) => {
    const hidden = Boolean((r.schema as { hide?: boolean } | undefined)?.hide) || r.url.startsWith('/api/docs');
    for (const method of ([] as string[]).concat(r.method)) routes.push({ method, url: r.url, hidden });
  });
  app.decorate('routeList', routes);

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}.`, requestId: request.id });
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Vigil API', version: VERSION, description: 'Multi-tenant cloud security posture API.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An access token (POST /api/v1/auth/login) or an API key (vgl_…).' },
        },
      },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (pub) => healthRoutes(pub as App, deps, () => sql`select 1`.execute(deps.db).then(() => undefined)));

  for (const m of MODULES) {
    if (m.publicRoutes) await app.register(async (pub) => m.publicRoutes?.(pub as App, deps), { prefix: API_PREFIX });
    if (m.routes) {
      await app.register(
        async (scope) => {
          scope.addHook('onRequest', authenticate(deps));
          // Every authenticated route may answer 401: the OpenAPI document says so for each.
          scope.addHook('onRoute', (r) => {
            const schema = (r.schema ??= {}) as { response?: Record<string, unknown> };
            schema.response = { 401: ErrorResponse, ...schema.response };
          });
          await m.routes?.(scope as App, deps);
        },
        { prefix: API_PREFIX },
      );
    }
  }
  return app;
}
