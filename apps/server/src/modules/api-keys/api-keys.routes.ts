import { Type } from '@fastify/type-provider-typebox';
import { requireRole } from '../../auth.ts';
import type { App, AppDeps } from '../../context.ts';
import { ErrorResponse } from '../auth/auth.schemas.ts';
import type { ApiModule } from '../index.ts';
import { ApiKeyList, ApiKeyParams, CreateApiKeyBody, CreatedApiKey, ListApiKeysQuery } from './api-keys.schemas.ts';
import { createApiKeysService } from './api-keys.service.ts';
import type { ApiKeysService } from './api-keys.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** `/api-keys`: create (shown once), list, revoke. Admins and owners only. */
export async function apiKeysRoutes(app: App, deps: AppDeps, service: ApiKeysService = createApiKeysService(deps)): Promise<void> {
  app.post(
    '/api-keys',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key (the key is in this response only)',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(request.auth, request.body)),
  );

  app.get(
    '/api-keys',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['api-keys'],
        summary: "List the tenant's API keys, newest first (paged; never their secrets)",
        querystring: ListApiKeysQuery,
        response: { 200: ApiKeyList, ...errors },
      },
    },
    async (request) => service.list(request.auth, request.query),
  );

  app.delete(
    '/api-keys/:id',
    {
      preHandler: requireRole('admin'),
      schema: { tags: ['api-keys'], summary: 'Revoke an API key', params: ApiKeyParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await service.revoke(request.auth, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

export const apiKeysModule: ApiModule = { name: 'api-keys', routes: (app, deps) => apiKeysRoutes(app, deps) };
