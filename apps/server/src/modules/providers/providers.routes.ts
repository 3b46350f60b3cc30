import { Type } from '@fastify/type-provider-typebox';
import { requireRole } from '../../auth.ts';
import type { App, AppDeps } from '../../context.ts';
import { createProvidersService } from './providers.service.ts';
import {
  ConnectionResult,
  CreateProviderBody,
  IdParams,
  ListProvidersQuery,
  Provider,
  ProviderPage,
  UpdateProviderBody,
} from './providers.schemas.ts';

const tags = ['providers'];

/** `/providers`: the tenant's cloud accounts. Secrets go in, never out. */
export async function providersRoutes(app: App, deps: AppDeps): Promise<void> {
  const service = createProvidersService(deps);

  app.post(
    '/providers',
    {
      preHandler: requireRole('member'),
      schema: { tags, summary: 'Register a cloud account', body: CreateProviderBody, response: { 201: Provider } },
    },
    async (request, reply) => {
      const provider = await service.create(request.auth.tenantId, request.auth.userId, request.body);
      return reply.status(201).send(provider);
    },
  );

  app.get(
    '/providers',
    { schema: { tags, summary: 'List cloud accounts', querystring: ListProvidersQuery, response: { 200: ProviderPage } } },
    async (request) => service.list(request.auth.tenantId, request.query),
  );

  app.get(
    '/providers/:id',
    { schema: { tags, summary: 'Retrieve a cloud account', params: IdParams, response: { 200: Provider } } },
    async (request) => service.get(request.auth.tenantId, request.params.id),
  );

  app.patch(
    '/providers/:id',
    {
      preHandler: requireRole('member'),
      schema: { tags, summary: 'Update a cloud account (alias, credentials, endpoint, tags)', params: IdParams, body: UpdateProviderBody, response: { 200: Provider } },
    },
    async (request) => service.update(request.auth.tenantId, request.params.id, request.body),
  );

  app.delete(
    '/providers/:id',
    {
      preHandler: requireRole('admin'),
      schema: { tags, summary: 'Delete a cloud account with its scans and findings', params: IdParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await service.remove(request.auth.tenantId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/providers/:id/connection',
    {
      preHandler: requireRole('member'),
      schema: {
        tags,
        summary: 'Test the credentials (STS GetCallerIdentity) and record the result',
        params: IdParams,
        response: { 200: ConnectionResult },
      },
    },
    async (request) => service.testConnection(request.auth.tenantId, request.params.id),
  );
}
