import { Type } from '@fastify/type-provider-typebox';
import { requireRole } from '../../auth.ts';
import type { App, AppDeps } from '../../context.ts';
import { errorResponses } from './common.schemas.ts';
import { CreateFindingBody, FindingIdParam, FindingPageSchema, FindingSchema, ListFindingsQuery, UpdateFindingBody } from './findings.schemas.ts';
import { createFindingsService } from './findings.service.ts';

const tags = ['findings'];

/**
 * Findings: list (filters, sort, keyset cursor), retrieve, record a manual finding,
 * mute / note, delete.
 */
export async function findingsRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = createFindingsService({ db: deps.db, now: deps.now });

  app.get(
    '/findings',
    {
      schema: {
        tags,
        summary: 'List findings with filters, sorting and cursor pagination',
        querystring: ListFindingsQuery,
        response: { 200: FindingPageSchema, ...errorResponses },
      },
    },
    async (request) => svc.list(request.auth.tenantId, request.query),
  );

  app.post(
    '/findings',
    {
      preHandler: requireRole('member'),
      schema: {
        tags,
        summary: 'Record a manual finding (not produced by a scan, e.g. from a penetration test)',
        body: CreateFindingBody,
        response: { 201: FindingSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await svc.create(request.auth.tenantId, request.auth.userId, request.body)),
  );

  app.get(
    '/findings/:id',
    { schema: { tags, summary: 'Retrieve a finding', params: FindingIdParam, response: { 200: FindingSchema, ...errorResponses } } },
    async (request) => svc.get(request.auth.tenantId, request.params.id),
  );

  app.patch(
    '/findings/:id',
    {
      preHandler: requireRole('member'),
      schema: {
        tags,
        summary: 'Mute or unmute a finding (for this and later scans of the account), or set its note',
        params: FindingIdParam,
        body: UpdateFindingBody,
        response: { 200: FindingSchema, ...errorResponses },
      },
    },
    async (request) => svc.update(request.auth.tenantId, request.auth.userId, request.params.id, request.body),
  );

  app.delete(
    '/findings/:id',
    {
      preHandler: requireRole('admin'),
      schema: { tags, summary: 'Delete a finding (admin)', params: FindingIdParam, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await svc.remove(request.auth.tenantId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
