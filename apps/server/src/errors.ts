import { VigilError } from '@vigil/engine';
import { DbError, sqlState } from '@vigil/db';
import { isSecurityError } from '@vigil/security';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The API's stable error codes and their HTTP statuses. Codes are public identifiers:
 * never rename one. Errors from @vigil/security keep their own codes (AUTH_*, …).
 */
export const API_ERROR_CODES = {
  VALIDATION: { status: 400, description: 'The request does not match the route schema (body, query, params or headers).' },
  BAD_REQUEST: { status: 400, description: 'The request is well formed but cannot be carried out as asked.' },
  UNAUTHENTICATED: { status: 401, description: 'No credentials, or credentials that are not valid: send a Bearer access token or API key.' },
  FORBIDDEN: { status: 403, description: 'Authenticated, but the role in this tenant is too low for the operation.' },
  NOT_FOUND: { status: 404, description: 'No such resource in this tenant (another tenant\'s ids answer this too).' },
  CONFLICT: { status: 409, description: 'The resource is in a state that forbids the operation (e.g. a scan already running).' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The request body is larger than the limit.' },
  RATE_LIMITED: { status: 429, description: 'Too many attempts: wait and retry.' },
  UNAVAILABLE: { status: 503, description: 'A dependency (the database) is not available: retry later.' },
  INTERNAL: { status: 500, description: 'An unexpected error: it was logged with the request id.' },
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

/** An error the API answers with `{ code, message, details }` and the code's status. */
export class ApiError extends VigilError {
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ApiErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message);
    this.name = 'ApiError';
    this.status = API_ERROR_CODES[code].status;
    this.details = details;
  }
}

export const notFound = (what: string, id: string) => new ApiError('NOT_FOUND', `${what} ${id} was not found.`, { id });

export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  requestId?: string;
}

/** Maps every error to the stable JSON body; raw database or SDK errors never reach a client. */
export function toErrorResponse(err: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (err instanceof ApiError) {
    return { status: err.status, body: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}), requestId } };
  }
  if (isSecurityError(err)) {
    return { status: err.httpStatus, body: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}), requestId } };
  }
  const fe = err as FastifyError & { validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation)) {
    const first = fe.validation[0];
    const where = `${fe.validationContext ?? 'request'}${first?.instancePath ?? ''}`;
    const extra = first?.params && 'additionalProperty' in first.params ? ` (unknown field "${String(first.params.additionalProperty)}")` : '';
    return {
      status: 400,
      body: {
        code: 'VALIDATION',
        message: `Invalid ${where}: ${first?.message ?? 'does not match the schema'}${extra}.`,
        details: { errors: fe.validation.map((v) => ({ path: `${fe.validationContext ?? ''}${v.instancePath ?? ''}`, message: v.message })) },
        requestId,
      },
    };
  }
  if (fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.', requestId } };
  }
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (fe?.statusCode === 400 && fe.code?.startsWith('FST_'))) {
    return { status: 400, body: { code: 'BAD_REQUEST', message: fe.message, requestId } };
  }
  if (err instanceof DbError) {
    if (err.code === 'DB_NOT_FOUND') return { status: 404, body: { code: 'NOT_FOUND', message: err.message, requestId } };
    if (err.code === 'DB_SCAN_CONFLICT') return { status: 409, body: { code: 'CONFLICT', message: err.message, requestId } };
    if (err.code === 'DB_INVALID_CURSOR' || err.code === 'DB_INVALID_TENANT') return { status: 400, body: { code: 'BAD_REQUEST', message: err.message, requestId } };
  }
  const state = sqlState(err);
  if (state === '23505') return { status: 409, body: { code: 'CONFLICT', message: 'A resource with the same unique values already exists.', requestId } };
  if (state === '22P02' || state === '23514') return { status: 400, body: { code: 'BAD_REQUEST', message: 'A value is not valid for this field.', requestId } };
  if (state?.startsWith('08') || state === '57P03') return { status: 503, body: { code: 'UNAVAILABLE', message: 'The database is not available; retry later.', requestId } };
  return { status: 500, body: { code: 'INTERNAL', message: `Unexpected error; quote request id ${requestId} when reporting it.`, requestId } };
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorResponse(err, String(request.id));
  if (status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ code: body.code }, body.message);
  void reply.status(status).send(body);
}
