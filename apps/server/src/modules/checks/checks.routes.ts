import { Type } from '@fastify/type-provider-typebox';
import { awsChecks, awsCollectors } from '@vigil/aws';
import { frameworks } from '@vigil/compliance';
import { requireRole } from '../../auth.ts';
import type { App, AppDeps } from '../../context.ts';
import { ErrorResponse, errorResponses } from '../findings/common.schemas.ts';
import {
  CheckIdParam,
  CheckSchema,
  CreateCustomCheckBody,
  ListChecksQuery,
  OverrideBody,
  UpdateCustomCheckBody,
} from './checks.schemas.ts';
import { createChecksService } from './checks.service.ts';

const tags = ['checks'];
const errors = { ...errorResponses, 409: ErrorResponse };

/** The check catalogue, per-tenant overrides and custom checks. */
export async function checksRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = createChecksService({
    db: deps.db,
    builtins: awsChecks,
    frameworks,
    resourceTypes: new Set(awsCollectors.map((c) => c.resourceType)),
  });

  app.get(
    '/checks',
    {
      schema: {
        tags,
        summary: 'List the catalogue: built-in checks with the tenant\'s overrides, and custom checks',
        querystring: ListChecksQuery,
        response: { 200: Type.Object({ items: Type.Array(CheckSchema), total: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const items = await svc.list(request.auth.tenantId, request.query);
      return { items, total: items.length };
    },
  );

  app.get(
    '/checks/:checkId',
    { schema: { tags, summary: 'Retrieve a check', params: CheckIdParam, response: { 200: CheckSchema, ...errors } } },
    async (request) => svc.get(request.auth.tenantId, request.params.checkId),
  );

  app.patch(
    '/checks/:checkId',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags,
        summary: 'Override a check for the tenant: disable it or change its severity (admin)',
        params: CheckIdParam,
        body: OverrideBody,
        response: { 200: CheckSchema, ...errors },
      },
    },
    async (request) => svc.override(request.auth.tenantId, request.auth.userId, request.params.checkId, request.body),
  );

  app.delete(
    '/checks/:checkId',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags,
        summary: 'Delete a custom check (built-in checks answer 409: disable them instead) (admin)',
        params: CheckIdParam,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await svc.deleteCustom(request.auth.tenantId, request.params.checkId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/checks/custom',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags,
        summary: 'Create a custom check: a declarative rule over a resource type\'s attributes (admin)',
        body: CreateCustomCheckBody,
        response: { 201: CheckSchema, ...errors },
      },
    },
    async (request, reply) => {
      const check = await svc.createCustom(request.auth.tenantId, request.auth.userId, request.body);
      return reply.status(201).send(check);
    },
  );

  app.patch(
    '/checks/custom/:checkId',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags,
        summary: 'Update a custom check (admin)',
        params: CheckIdParam,
        body: UpdateCustomCheckBody,
        response: { 200: CheckSchema, ...errors },
      },
    },
    async (request) => svc.updateCustom(request.auth.tenantId, request.params.checkId, request.body),
  );

  app.delete(
    '/checks/custom/:checkId',
    {
      preHandler: requireRole('admin'),
      schema: { tags, summary: 'Delete a custom check (admin)', params: CheckIdParam, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await svc.deleteCustom(request.auth.tenantId, request.params.checkId);
      return reply.status(204).send(null);
    },
  );
}
