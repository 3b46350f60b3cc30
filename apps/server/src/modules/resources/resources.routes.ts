import { Type } from '@fastify/type-provider-typebox';
import type { App, AppDeps } from '../../context.ts';
import { Cursor, DateTime, Limit, Uuid, errorResponses } from '../findings/common.schemas.ts';
import { FindingSchema } from '../findings/findings.schemas.ts';
import { createResourcesService } from './resources.service.ts';

const tags = ['resources'];

const ResourceSchema = Type.Object({
  id: Uuid,
  providerId: Uuid,
  uid: Type.String(),
  type: Type.String(),
  service: Type.String(),
  region: Type.String(),
  accountId: Type.String(),
  name: Type.String(),
  tags: Type.Record(Type.String(), Type.String()),
  firstSeenAt: DateTime,
  lastSeenAt: DateTime,
  lastScanId: Type.Union([Uuid, Type.Null()]),
});

const ResourceDetailSchema = Type.Object({
  ...ResourceSchema.properties,
  attributes: Type.Record(Type.String(), Type.Unknown()),
  findings: Type.Array(FindingSchema),
  findingsScanId: Type.Union([Uuid, Type.Null()], { description: 'The scan the findings come from.' }),
});

/** The inventory: resources and their latest findings. */
export async function resourcesRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = createResourcesService({ db: deps.db, now: deps.now });

  app.get(
    '/resources',
    {
      schema: {
        tags,
        summary: 'List resources (ordered by uid) with filters and cursor pagination',
        querystring: Type.Object(
          {
            providerId: Type.Optional(Uuid),
            type: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
            region: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            service: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Part of the name or uid.' })),
            limit: Type.Optional(Limit(500)),
            cursor: Type.Optional(Cursor),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(ResourceSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          ...errorResponses,
        },
      },
    },
    async (request) => svc.list(request.auth.tenantId, request.query),
  );

  app.get(
    '/resources/:id',
    {
      schema: {
        tags,
        summary: 'Retrieve a resource with its attributes and latest findings',
        params: Type.Object({ id: Uuid }, { additionalProperties: false }),
        response: { 200: ResourceDetailSchema, ...errorResponses },
      },
    },
    async (request) => svc.get(request.auth.tenantId, request.params.id),
  );
}
