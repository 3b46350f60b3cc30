import { Type } from '@fastify/type-provider-typebox';
import type { App, AppDeps } from '../../context.ts';
import { DateTime, SeverityCounts, StatusCounts, Uuid, errorResponses } from '../findings/common.schemas.ts';
import { createOverviewService } from './overview.service.ts';

const OverviewSchema = Type.Object({
  scans: Type.Array(
    Type.Object({ scanId: Uuid, providerId: Uuid, createdAt: DateTime, finishedAt: Type.Union([DateTime, Type.Null()]) }),
    { description: 'The latest completed scan of each cloud account: the counts cover these.' },
  ),
  total: Type.Integer(),
  muted: Type.Integer(),
  bySeverity: SeverityCounts,
  byStatus: StatusCounts,
  byService: Type.Record(Type.String(), Type.Integer()),
  byRegion: Type.Record(Type.String(), Type.Integer()),
  byAccount: Type.Record(Type.String(), Type.Object({ total: Type.Integer(), failing: Type.Integer() }), {
    description: 'Per cloud account: findings, and unmuted FAIL findings.',
  }),
  failingBySeverity: SeverityCounts,
});

/** The dashboard counts. */
export async function overviewRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = createOverviewService({ db: deps.db, now: deps.now });
  app.get(
    '/overview',
    {
      schema: {
        tags: ['overview'],
        summary: 'Counts by severity, status, service and region over the latest completed scan of each cloud account',
        querystring: Type.Object(
          {
            providerId: Type.Optional(Uuid),
            accountId: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'Only this cloud account (e.g. one account of an organization).' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: OverviewSchema, ...errorResponses },
      },
    },
    async (request) => svc.get(request.auth.tenantId, request.query),
  );
}
