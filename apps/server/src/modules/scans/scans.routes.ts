import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from '@fastify/type-provider-typebox';
import { requireRole } from '../../auth.ts';
import type { App, AppDeps } from '../../context.ts';
import { scanToDto, scanToStatus } from './scans.repo.ts';
import { createScansService } from './scans.service.ts';
import {
  CreateScanBody,
  CreateScanQuery,
  EventsHeaders,
  FINAL_STATES,
  IdParams,
  ListScanUnitsQuery,
  ListScansQuery,
  Scan,
  ScanAccounts,
  ScanPage,
  ScanUnitPage,
  ScanStatus,
  StatusHeaders,
  UpdateScanBody,
} from './scans.schemas.ts';

const tags = ['scans'];
/** How often an SSE stream looks for new events, and how often it sends a keep-alive comment. */
const EVENTS_POLL_MS = 300;
const KEEPALIVE_MS = 15_000;

const isFinal = (state: unknown) => (FINAL_STATES as readonly unknown[]).includes(state);

/** `/scans`: start, follow, cancel and delete scans. */
export async function scansRoutes(app: App, deps: AppDeps): Promise<void> {
  const service = createScansService(deps);
  let closing = false;
  app.addHook('onClose', async () => {
    closing = true;
  });

  app.post(
    '/scans',
    {
      preHandler: requireRole('member'),
      schema: {
        tags,
        summary: 'Start a scan of a cloud account (runs in the background)',
        description: 'Answers 202 with the scan (pending, or queued with ?queue=true when the account is busy). A second scan of a busy account answers 409 with details.activeScanId.',
        body: CreateScanBody,
        querystring: CreateScanQuery,
        response: { 202: Scan },
      },
    },
    async (request, reply) => {
      const scan = await service.create(request.auth.tenantId, request.auth.userId, request.body, request.query.queue === true);
      return reply.status(202).header('location', `/api/v1/scans/${scan.id}`).send(scan);
    },
  );

  app.get(
    '/scans',
    { schema: { tags, summary: 'List scans', querystring: ListScansQuery, response: { 200: ScanPage } } },
    async (request) => service.list(request.auth.tenantId, request.query),
  );

  app.get(
    '/scans/:id',
    { schema: { tags, summary: 'Retrieve a scan', params: IdParams, response: { 200: Scan } } },
    async (request) => scanToDto(await service.getRow(request.auth.tenantId, request.params.id)),
  );

  app.get(
    '/scans/:id/accounts',
    {
      schema: {
        tags,
        summary: "A scan's progress and outcome per cloud account (one row for an AWS account, one per account of an organization)",
        params: IdParams,
        response: { 200: ScanAccounts },
      },
    },
    async (request) => ({ items: await service.accounts(request.auth.tenantId, request.params.id) }),
  );

  app.get(
    '/scans/:id/units',
    {
      schema: {
        tags,
        summary: "A scan's units: per cloud account, one per (region, service) collected and one evaluation step, with their attempts and outcomes",
        params: IdParams,
        querystring: ListScanUnitsQuery,
        response: { 200: ScanUnitPage },
      },
    },
    async (request) => service.units(request.auth.tenantId, request.params.id, request.query),
  );

  app.patch(
    '/scans/:id',
    {
      preHandler: requireRole('member'),
      schema: { tags, summary: 'Rename or cancel a scan', params: IdParams, body: UpdateScanBody, response: { 200: Scan } },
    },
    async (request) => service.update(request.auth.tenantId, request.params.id, request.body),
  );

  app.delete(
    '/scans/:id',
    {
      preHandler: requireRole('member'),
      schema: { tags, summary: 'Delete a finished scan and its findings', params: IdParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await service.remove(request.auth.tenantId, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/scans/:id/status',
    {
      schema: {
        tags,
        summary: 'Live status of a scan, for polling (ETag / If-None-Match)',
        params: IdParams,
        headers: StatusHeaders,
        response: { 200: ScanStatus, 304: Type.Null() },
      },
    },
    async (request, reply) => {
      const status = scanToStatus(await service.getRow(request.auth.tenantId, request.params.id));
      const etag = `"${createHash('sha256').update(JSON.stringify(status)).digest('base64url').slice(0, 27)}"`;
      void reply.header('etag', etag).header('cache-control', 'no-cache');
      const match = request.headers['if-none-match'];
      if (match && (match.trim() === '*' || match.split(',').some((t) => t.trim() === etag))) return reply.status(304).send(null);
      return status;
    },
  );

  app.get(
    '/scans/:id/events',
    {
      schema: {
        tags,
        summary: 'Server-sent events of a scan (progress and state), ending after the final state',
        description:
          'Each event has `id` (resume with the Last-Event-ID header), `event` (state or progress) and JSON `data`. The stream replays every event after Last-Event-ID, then follows the scan until its final state event.',
        params: IdParams,
        headers: EventsHeaders,
        response: { 200: { content: { 'text/event-stream': { schema: Type.String() } } } },
      },
    },
    async (request, reply) => {
      const tenantId = request.auth.tenantId;
      const id = request.params.id;
      let last = Number(request.headers['last-event-id'] ?? 0);
      // The first read happens before the stream opens, so a wrong id is an ordinary 404.
      let batch = await service.events(tenantId, id, last);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': String(request.id),
      });
      let gone = false;
      raw.on('close', () => {
        gone = true;
      });
      let lastWrite = Date.now();
      try {
        for (;;) {
          let ended = false;
          for (const e of batch.events) {
            raw.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e.payload)}\n\n`);
            last = e.id;
            lastWrite = Date.now();
            if (e.type === 'state' && isFinal((e.payload as { state?: unknown } | null)?.state)) ended = true;
          }
          // A final scan with nothing left to replay ends the stream too (a client resuming after the end).
          if (ended || (batch.events.length === 0 && isFinal(batch.state)) || gone || closing) break;
          if (batch.events.length === 0) {
            if (Date.now() - lastWrite >= KEEPALIVE_MS) {
              raw.write(': keep-alive\n\n');
              lastWrite = Date.now();
            }
            await sleep(EVENTS_POLL_MS);
          }
          if (gone || closing) break;
          batch = await service.events(tenantId, id, last);
        }
      } catch (err) {
        request.log.warn({ err, scanId: id }, 'scan event stream stopped');
      } finally {
        raw.end();
      }
    },
  );
}
