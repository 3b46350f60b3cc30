/** Typed errors with stable codes. The CLI maps them to exit codes, the API to HTTP statuses. */
export class VigilError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VigilError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** Bad flags, unknown check/service/framework names, invalid option values: exit 2. */
export class UsageError extends VigilError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('USAGE', message, 2, options);
    this.name = 'UsageError';
  }
}

/** A file given by the user (mutelist, inventory, config) that cannot be read or parsed. */
export class InputFileError extends VigilError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INPUT_FILE', message, 1, options);
    this.name = 'InputFileError';
  }
}

/** Credentials missing, invalid or expired: the scan cannot start. */
export class CredentialsError extends VigilError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CREDENTIALS', message, 1, options);
    this.name = 'CredentialsError';
  }
}

/**
 * The cloud throttled a call, or the network failed, after the SDK's own retries: nothing
 * is wrong with the credentials or the account; the same call later is expected to work.
 */
export class TransientCloudError extends VigilError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CLOUD_TRANSIENT', message, 1, options);
    this.name = 'TransientCloudError';
  }
}

const THROTTLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequests',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'EC2ThrottledException',
  'PriorRequestNotComplete',
]);

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
}

/** The error code of a cloud SDK or network error (`AccessDenied`, `ECONNREFUSED`, `HTTP503`…). */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as ErrorLike;
    for (const c of [e.Code, e.name, e.code]) {
      if (typeof c === 'string' && c && c !== 'Error' && c !== 'TypeError') return c;
    }
    const status = httpStatus(err);
    if (status) return `HTTP${status}`;
    if (typeof e.code === 'string' && e.code) return e.code;
  }
  return 'UnknownError';
}

export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object' && 'message' in err && typeof err.message === 'string' && err.message) {
    return err.message;
  }
  return String(err);
}

function httpStatus(err: unknown): number | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as ErrorLike;
  return e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
}

/** True for rate-limit errors: retry after backing off and slow the limiter down. */
export function isThrottle(err: unknown): boolean {
  const code = errorCode(err);
  if (THROTTLE_CODES.has(code)) return true;
  const status = httpStatus(err);
  return status === 429 || (status === 503 && !isAccessError(code));
}

/** True for transient network or server errors worth a bounded retry. */
export function isTransient(err: unknown): boolean {
  const code = errorCode(err);
  if (TRANSIENT_CODES.has(code)) return true;
  const status = httpStatus(err);
  return status === 500 || status === 502 || status === 504;
}

function isAccessError(code: string): boolean {
  return /AccessDenied|Unauthorized|Forbidden/i.test(code);
}
