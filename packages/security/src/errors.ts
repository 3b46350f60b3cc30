import { VigilError } from '@vigil/engine';

/**
 * The stable error codes raised by `@vigil/security`, with the HTTP status the API maps
 * each one to and what it means. Codes are public identifiers: never rename one, add an
 * alias instead. A test keeps this catalogue, the error classes and the README in sync.
 */
export const SECURITY_ERROR_CODES = {
  AUTH_INVALID_TOKEN: {
    httpStatus: 401,
    description: 'The access token is malformed, has a bad signature, the wrong issuer/audience/type, or invalid claims.',
  },
  AUTH_TOKEN_EXPIRED: {
    httpStatus: 401,
    description: 'The access token has expired (beyond the clock-skew tolerance): refresh it.',
  },
  AUTH_REFRESH_TOKEN_INVALID: {
    httpStatus: 401,
    description: 'The refresh token is malformed, unknown or revoked: log in again.',
  },
  AUTH_REFRESH_TOKEN_EXPIRED: {
    httpStatus: 401,
    description: 'The refresh token (or its login session) has expired: log in again.',
  },
  AUTH_REFRESH_TOKEN_REUSED: {
    httpStatus: 401,
    description: 'An already rotated refresh token was presented again: the whole session family must be revoked.',
  },
  AUTH_API_KEY_MALFORMED: {
    httpStatus: 401,
    description: 'The API key does not have the form vgl_<prefix>_<secret> or its checksum does not match.',
  },
  AUTH_API_KEY_INVALID: {
    httpStatus: 401,
    description: 'The API key is well formed but unknown, revoked or wrong.',
  },
  AUTH_INVALID_CREDENTIALS: {
    httpStatus: 401,
    description: 'Wrong email or password (deliberately does not say which).',
  },
  AUTH_PASSWORD_POLICY: {
    httpStatus: 400,
    description: 'The new password does not meet the password policy; details.violations lists why.',
  },
  AUTH_PASSWORD_HASH_INVALID: {
    httpStatus: 500,
    description: 'A stored password hash cannot be parsed (corrupted row or unknown algorithm).',
  },
  AUTH_SIGNING_KEY_INVALID: {
    httpStatus: 500,
    description: 'VIGIL_JWT_SECRET (or the generated signing key file) is not valid base64 of at least 32 bytes.',
  },
  SECRETS_KEY_INVALID: {
    httpStatus: 500,
    description: 'VIGIL_SECRETS_KEY (or the generated key file) is not valid base64 of exactly 32 bytes.',
  },
  SECRETS_KEY_UNKNOWN: {
    httpStatus: 500,
    description: 'A secret was encrypted under a key-encryption key that is not in the keyring.',
  },
  SECRETS_ENVELOPE_INVALID: {
    httpStatus: 500,
    description: 'The stored secret envelope is truncated, has a bad header or an unsupported version.',
  },
  SECRETS_DECRYPT_FAILED: {
    httpStatus: 500,
    description: 'Authentication of the secret failed: it was tampered with, or the wrong key or context was used.',
  },
  KEY_FILE_INSECURE: {
    httpStatus: 500,
    description: 'A generated key file is readable by group or others (or is not a regular file) and is refused.',
  },
} as const satisfies Record<string, { httpStatus: number; description: string }>;

/** One of the stable codes of {@link SECURITY_ERROR_CODES}. */
export type SecurityErrorCode = keyof typeof SECURITY_ERROR_CODES;

/**
 * The base of every error thrown by this package. It is a {@link VigilError} (same `code` +
 * `message` shape, so the API's single error handler maps it), with the HTTP status from the
 * catalogue and optional machine-readable `details` that are safe to return to a client —
 * they never contain a secret.
 */
export class SecurityError extends VigilError {
  declare readonly code: SecurityErrorCode;
  /** HTTP status the API answers with (401 for authentication failures, 500 for server configuration). */
  readonly httpStatus: number;
  /** Extra safe-to-expose information (e.g. policy violations, the unknown key id). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: SecurityErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(code, message, 1, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SecurityError';
    this.httpStatus = SECURITY_ERROR_CODES[code].httpStatus;
    this.details = options?.details;
  }
}

/** An access token that cannot be trusted (bad signature, malformed, wrong claims). */
export class InvalidTokenError extends SecurityError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('AUTH_INVALID_TOKEN', message, options);
    this.name = 'InvalidTokenError';
  }
}

/** An access token that was valid but has expired: the client should refresh. */
export class TokenExpiredError extends SecurityError {
  constructor(message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super('AUTH_TOKEN_EXPIRED', message, options);
    this.name = 'TokenExpiredError';
  }
}

/**
 * Wrong email or password. The message deliberately does not say which, and the API should
 * answer it after the same work either way (see `verifyPasswordOfUnknownUser`).
 */
export class InvalidCredentialsError extends SecurityError {
  constructor() {
    super('AUTH_INVALID_CREDENTIALS', 'Wrong email or password.');
    this.name = 'InvalidCredentialsError';
  }
}

/** Password policy not met; `details.violations` lists every rule broken. */
export class PasswordPolicyError extends SecurityError {
  constructor(message: string, violations: readonly PasswordPolicyViolationLike[]) {
    super('AUTH_PASSWORD_POLICY', message, { details: { violations } });
    this.name = 'PasswordPolicyError';
  }
}

/** Structural type of a policy violation (defined here to avoid an import cycle). */
export interface PasswordPolicyViolationLike {
  readonly rule: string;
  readonly message: string;
}

/** True when `err` is a {@link SecurityError}, optionally with the given code. */
export function isSecurityError(err: unknown, code?: SecurityErrorCode): err is SecurityError {
  return err instanceof SecurityError && (code === undefined || err.code === code);
}
