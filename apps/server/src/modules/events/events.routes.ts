import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { authenticateRequest, requireRole } from '../../auth.ts';
import type { App, AppDeps } from '../../context.ts';
import { roleAtLeast } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { ErrorResponse } from '../auth/auth.schemas.ts';
import type { ApiModule } from '../index.ts';
import {
  CreatedEventSecret,
  EVENTS_BODY_LIMIT,
  EventSecretStatus,
  EventsBody,
  EventsResponse,
  RescanList,
  RotateSecretBody,
  SIGNATURE_HEADER,
  TENANT_HEADER,
  TIMESTAMP_HEADER,
} from './events.schemas.ts';
import type { EventBridgeEventInput } from './events.schemas.ts';
import { createEventsService } from './events.service.ts';
import type { EventsService } from './events.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const tags = ['events'];

interface EventsRequest extends FastifyRequest {
  rawBody?: string;
  eventsTenantId?: string;
}

/**
 * `POST /events/aws`: public at the router, authenticated in the handler's chain by
 * either a Bearer API key (or access token) of role member or higher, or an HMAC
 * signature over the raw body — which is why this scope parses JSON itself and keeps
 * the raw text.
 */
export async function eventsPublicRoutes(app: App, deps: AppDeps, service: EventsService = createEventsService(deps)): Promise<void> {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: EVENTS_BODY_LIMIT }, (request, body, done) => {
    (request as EventsRequest).rawBody = body as string;
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new ApiError('BAD_REQUEST', 'The body is not valid JSON: send one EventBridge event or an array of them.'), undefined);
    }
  });

  app.post(
    '/events/aws',
    {
      bodyLimit: EVENTS_BODY_LIMIT,
      // Authentication before validation: an unauthenticated caller learns nothing about the schema.
      preValidation: async (request) => {
        const r = request as EventsRequest;
        if (request.headers.authorization) {
          const auth = await authenticateRequest(deps, request.headers.authorization);
          if (!roleAtLeast(auth.role, 'member')) {
            throw new ApiError('FORBIDDEN', `Sending events needs the member role or higher in the tenant; the key has ${auth.role}.`, { required: 'member', role: auth.role });
          }
          r.eventsTenantId = auth.tenantId;
        } else {
          r.eventsTenantId = await service.verifySignature(request.headers, r.rawBody ?? '');
        }
      },
      schema: {
        tags,
        summary: 'Receive CloudTrail events from EventBridge (one event or a batch)',
        description:
          'Events of detail-type "AWS API Call via CloudTrail" that change a resource Vigil evaluates (see docs/events.md) schedule a rescan of that resource. ' +
          `Authenticate with "Authorization: Bearer <API key>" or sign: ${TENANT_HEADER}: <tenant id>, ${TIMESTAMP_HEADER}: <Unix seconds>, ` +
          `${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the tenant's event secret>. ` +
          'Every event is acknowledged: unknown accounts, unmapped events and failed calls are counted as ignored, redeliveries as duplicates.',
        security: [{ bearer: [] }, {}],
        body: EventsBody,
        response: { 202: EventsResponse, ...errors, 413: ErrorResponse },
      },
    },
    async (request, reply) => {
      const tenantId = (request as EventsRequest).eventsTenantId as string;
      const body = request.body as EventBridgeEventInput | EventBridgeEventInput[];
      return reply.status(202).send(await service.ingest(tenantId, Array.isArray(body) ? body : [body]));
    },
  );
}

/** `/events/secret` (admins: create or rotate, status, delete) and `/events/rescans` (pending rescans). */
export async function eventsRoutes(app: App, deps: AppDeps, service: EventsService = createEventsService(deps)): Promise<void> {
  app.post(
    '/events/secret',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags,
        summary: "Create or rotate the tenant's event signing secret (shown in this response only)",
        body: RotateSecretBody,
        response: { 201: CreatedEventSecret, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.rotateSecret(request.auth.tenantId, request.auth.userId, request.body)),
  );

  app.get(
    '/events/secret',
    {
      preHandler: requireRole('admin'),
      schema: { tags, summary: "Whether the tenant has an event signing secret (never the secret)", response: { 200: EventSecretStatus, ...errors } },
    },
    async (request) => service.secretStatus(request.auth.tenantId),
  );

  app.delete(
    '/events/secret',
    {
      preHandler: requireRole('admin'),
      schema: { tags, summary: 'Delete the event signing secret (signed requests are refused from then on)', response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await service.deleteSecret(request.auth.tenantId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/events/rescans',
    { schema: { tags, summary: 'Resources waiting to be rescanned after events', response: { 200: RescanList, ...errors } } },
    async (request) => service.pending(request.auth.tenantId),
  );
}

export const eventsModule: ApiModule = {
  name: 'events',
  publicRoutes: (app, deps) => eventsPublicRoutes(app, deps),
  routes: (app, deps) => eventsRoutes(app, deps),
};
