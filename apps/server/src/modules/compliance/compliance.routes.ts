import { Type } from '@fastify/type-provider-typebox';
import { frameworks } from '@vigil/compliance';
import type { App, AppDeps } from '../../context.ts';
import { StatusCounts, Uuid, errorResponses } from '../findings/common.schemas.ts';
import { createComplianceService } from './compliance.service.ts';

const tags = ['compliance'];
const RequirementStatus = Type.Union([Type.Literal('PASS'), Type.Literal('FAIL'), Type.Literal('MANUAL'), Type.Literal('ERROR')]);

const FrameworkSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  version: Type.String(),
  provider: Type.String(),
  description: Type.String(),
  requirementCount: Type.Integer(),
});

const ScanComplianceSchema = Type.Object({
  scanId: Uuid,
  framework: Type.Object({ id: Type.String(), name: Type.String(), version: Type.String(), provider: Type.String() }),
  summary: StatusCounts,
  requirements: Type.Array(
    Type.Object({
      id: Type.String(),
      section: Type.String(),
      title: Type.String(),
      assessment: Type.Union([Type.Literal('Automated'), Type.Literal('Manual')]),
      checks: Type.Array(Type.String()),
      status: RequirementStatus,
      counts: StatusCounts,
      muted: Type.Integer(),
    }),
  ),
});

/** Compliance frameworks, and a scan's requirement statuses for one of them. */
export async function complianceRoutes(app: App, deps: AppDeps): Promise<void> {
  const svc = createComplianceService({ db: deps.db, frameworks, now: deps.now });

  app.get(
    '/compliance',
    { schema: { tags, summary: 'List the compliance frameworks', response: { 200: Type.Object({ items: Type.Array(FrameworkSchema) }), ...errorResponses } } },
    async () => ({ items: svc.frameworks() }),
  );

  app.get(
    '/scans/:scanId/compliance/:framework',
    {
      schema: {
        tags,
        summary: 'Requirement → PASS / FAIL / MANUAL / ERROR with counts, from a scan\'s findings',
        params: Type.Object(
          { scanId: Uuid, framework: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,128}$', description: 'A framework id, e.g. cis_4.0_aws.' }) },
          { additionalProperties: false },
        ),
        querystring: Type.Object(
          { accountId: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: "Only this cloud account's findings (one account of an organization's scan)." })) },
          { additionalProperties: false },
        ),
        response: { 200: ScanComplianceSchema, ...errorResponses },
      },
    },
    async (request) => svc.forScan(request.auth.tenantId, request.params.scanId, request.params.framework, request.query.accountId),
  );
}
