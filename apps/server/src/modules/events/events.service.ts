import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isUuid, withTenant } from '@vigil/db';
import type { Db } from '@vigil/db';
import { decryptSecret, encryptSecret } from '@vigil/security';
import type { KeyProvider } from '@vigil/security';
import { ApiError } from '../../errors.ts';
import { mapAwsEvent } from './aws-event-map.ts';
import type { CloudTrailDetail } from './aws-event-map.ts';
import { listRescans, providerForAccount, readEventSecret, recordEvent, upsertRescan } from './events.repo.ts';
import { CLOUDTRAIL_DETAIL_TYPE, SIGNATURE_HEADER, TENANT_HEADER, TIMESTAMP_HEADER } from './events.schemas.ts';
import type {
  CreatedEventSecretDto,
  EventBridgeEventInput,
  EventOutcomeDto,
  EventSecretStatusDto,
  EventsResponseDto,
  RescanListDto,
  RotateSecretInput,
} from './events.schemas.ts';

export interface EventsServiceDeps {
  db: Db;
  secrets: KeyProvider;
  now: () => Date;
}

/** How far a signed request's timestamp may be from the server's clock. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** The encryption context of a tenant's event secret: the ciphertext does not decrypt for another tenant. */
export function eventSecretContext(tenantId: string): string {
  return `tenant:${tenantId}/event-secret`;
}

/** `sha256=<hex>`: HMAC-SHA256 with the secret over `<timestamp>.<raw body>`. */
export function signEventBody(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const header = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Ingestion of CloudTrail events, and the tenant's signing secret. */
export function createEventsService(deps: EventsServiceDeps) {
  const unauthenticated = (why: string) =>
    new ApiError('UNAUTHENTICATED', `${why} Sign with the tenant's event secret (POST /api/v1/events/secret), or send "Authorization: Bearer <API key>".`);

  return {
    /**
     * Authenticates a signed request: the tenant named in `x-vigil-tenant`, a timestamp
     * within 5 minutes (a captured request cannot be replayed later; within the window,
     * event ids make a replay harmless), and an HMAC over timestamp and raw body with the
     * current secret or, during a rotation's grace period, the previous one.
     *
     * @returns the tenant id.
     */
    async verifySignature(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<string> {
      const tenantId = header(headers, TENANT_HEADER) ?? '';
      const timestamp = header(headers, TIMESTAMP_HEADER) ?? '';
      const signature = header(headers, SIGNATURE_HEADER) ?? '';
      if (!isUuid(tenantId) || !/^\d{1,12}$/.test(timestamp) || !signature) {
        throw unauthenticated(`Send ${TENANT_HEADER}, ${TIMESTAMP_HEADER} (Unix seconds) and ${SIGNATURE_HEADER} (sha256=<hex HMAC of "<timestamp>.<body>">).`);
      }
      if (Math.abs(deps.now().getTime() - Number(timestamp) * 1000) > SIGNATURE_TOLERANCE_MS) {
        throw unauthenticated(`The ${TIMESTAMP_HEADER} ${timestamp} is more than 5 minutes away from the server's time: sign each request when it is sent.`);
      }
      const row = await withTenant(deps.db, tenantId, (trx) => readEventSecret(trx));
      // Decrypted after the transaction: a key provider may be a network service.
      const candidates: Uint8Array[] = [];
      if (row) {
        candidates.push(row.secret_ciphertext);
        if (row.previous_ciphertext && row.previous_valid_until && row.previous_valid_until > deps.now()) candidates.push(row.previous_ciphertext);
      }
      for (const c of candidates) {
        const secret = String(await decryptSecret(c, deps.secrets, { context: eventSecretContext(tenantId) }));
        if (sameSignature(signEventBody(secret, timestamp, rawBody), signature)) return tenantId;
      }
      throw unauthenticated('The signature does not match the body.');
    },

    /**
     * Acknowledges a batch of EventBridge events for a tenant. Every event gets an
     * outcome; none is an error: unknown accounts, unmapped events and failed calls are
     * ignored with a reason, redeliveries (same CloudTrail eventID) are duplicates, and
     * each accepted event adds to the pending rescan of the resources it names.
     */
    async ingest(tenantId: string, events: readonly EventBridgeEventInput[]): Promise<EventsResponseDto> {
      const results: EventOutcomeDto[] = [];
      await withTenant(deps.db, tenantId, async (trx) => {
        const providers = new Map<string, string | undefined>();
        for (const e of events) {
          const detail = e.detail as CloudTrailDetail;
          const eventId = typeof detail.eventID === 'string' && detail.eventID.length > 0 && detail.eventID.length <= 256 ? detail.eventID : e.id;
          const accountId = (typeof detail.recipientAccountId === 'string' && detail.recipientAccountId.slice(0, 64)) || e.account || null;
          let outcome: EventOutcomeDto;
          let providerId: string | undefined;
          if (e['detail-type'] !== CLOUDTRAIL_DETAIL_TYPE) {
            outcome = { id: eventId, outcome: 'ignored', reason: 'unsupported_detail_type' };
          } else {
            const mapped = mapAwsEvent(detail);
            if ('ignored' in mapped) {
              outcome = { id: eventId, outcome: 'ignored', reason: mapped.ignored };
            } else {
              if (accountId && !providers.has(accountId)) providers.set(accountId, await providerForAccount(trx, accountId));
              providerId = accountId ? providers.get(accountId) : undefined;
              outcome = providerId
                ? { id: eventId, outcome: 'accepted', targets: mapped.targets }
                : { id: eventId, outcome: 'ignored', reason: 'unknown_account' };
            }
          }
          const fresh = await recordEvent(trx, {
            tenantId,
            eventId,
            accountId,
            eventSource: typeof detail.eventSource === 'string' ? detail.eventSource.slice(0, 256) : null,
            eventName: typeof detail.eventName === 'string' ? detail.eventName.slice(0, 256) : null,
            outcome: outcome.outcome === 'accepted' ? 'accepted' : 'ignored',
            reason: outcome.reason ?? null,
          });
          if (!fresh) {
            results.push({ id: eventId, outcome: 'duplicate', reason: 'duplicate' });
            continue;
          }
          if (providerId && outcome.targets) {
            for (const t of outcome.targets) {
              await upsertRescan(trx, { tenantId, providerId, accountId: accountId as string, resourceType: t.resourceType, resourceRef: t.name, region: t.region, eventId });
            }
          }
          results.push(outcome);
        }
      });
      const reasons: Record<string, number> = {};
      for (const r of results) if (r.outcome === 'ignored' && r.reason) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
      return {
        received: events.length,
        accepted: results.filter((r) => r.outcome === 'accepted').length,
        ignored: results.filter((r) => r.outcome === 'ignored').length,
        duplicates: results.filter((r) => r.outcome === 'duplicate').length,
        reasons,
        results,
      };
    },

    async secretStatus(tenantId: string): Promise<EventSecretStatusDto> {
      const row = await withTenant(deps.db, tenantId, (trx) => readEventSecret(trx));
      return {
        configured: row !== undefined,
        createdAt: row?.created_at.toISOString() ?? null,
        rotatedAt: row?.rotated_at.toISOString() ?? null,
        previousValidUntil: row?.previous_valid_until && row.previous_valid_until > deps.now() ? row.previous_valid_until.toISOString() : null,
      };
    },

    /**
     * Creates the tenant's event secret, or rotates it: the new secret is returned once;
     * the previous one keeps verifying for `graceSeconds` so relays can switch over.
     */
    async rotateSecret(tenantId: string, userId: string | null, input: RotateSecretInput): Promise<CreatedEventSecretDto> {
      const secret = `vges_${randomBytes(32).toString('base64url')}`;
      const encrypted = await encryptSecret(secret, deps.secrets, { context: eventSecretContext(tenantId) });
      const now = deps.now();
      const grace = input.graceSeconds ?? 86400;
      const validUntil = new Date(now.getTime() + grace * 1000);
      return withTenant(deps.db, tenantId, async (trx) => {
        const current = await trx.selectFrom('event_secrets').select(['secret_ciphertext', 'secret_key_id']).forUpdate().executeTakeFirst();
        const keep = current && grace > 0;
        await trx
          .insertInto('event_secrets')
          .values({
            tenant_id: tenantId,
            secret_ciphertext: Buffer.from(encrypted.ciphertext),
            secret_key_id: encrypted.keyId,
            created_by: userId,
            created_at: now,
            rotated_at: now,
          })
          .onConflict((oc) =>
            oc.column('tenant_id').doUpdateSet({
              secret_ciphertext: Buffer.from(encrypted.ciphertext),
              secret_key_id: encrypted.keyId,
              previous_ciphertext: keep ? current.secret_ciphertext : null,
              previous_key_id: keep ? current.secret_key_id : null,
              previous_valid_until: keep ? validUntil : null,
              rotated_at: now,
            }),
          )
          .execute();
        return { secret, tenantId, rotatedAt: now.toISOString(), previousValidUntil: keep ? validUntil.toISOString() : null };
      });
    },

    async deleteSecret(tenantId: string): Promise<void> {
      await withTenant(deps.db, tenantId, async (trx) => {
        const r = await trx.deleteFrom('event_secrets').executeTakeFirst();
        if (Number(r.numDeletedRows) === 0) throw new ApiError('NOT_FOUND', 'This tenant has no event secret.');
      });
    },

    /** The tenant's pending rescans, most recent event first. */
    async pending(tenantId: string): Promise<RescanListDto> {
      const rows = await withTenant(deps.db, tenantId, (trx) => listRescans(trx, 200));
      return {
        items: rows.map((r) => ({
          providerId: r.provider_id,
          resourceType: r.resource_type,
          resource: r.resource_ref,
          region: r.region,
          eventCount: r.event_count,
          firstEventAt: r.first_event_at.toISOString(),
          lastEventAt: r.last_event_at.toISOString(),
          attempts: r.attempts,
          lastError: r.last_error,
        })),
      };
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
