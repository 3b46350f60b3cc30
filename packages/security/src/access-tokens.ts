import { createHash, randomUUID } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { InvalidTokenError, SecurityError, TokenExpiredError } from './errors.ts';
import { loadOrCreateKey, parseBase64Key, type KeyMaterialSpec, type KeySource, type LoadKeyOptions } from './key-files.ts';

/** Environment variable holding the JWT signing secret (base64 of at least 32 bytes). */
export const JWT_SECRET_ENV = 'VIGIL_JWT_SECRET';
/** Environment variable holding retired signing secrets, comma-separated, still accepted for verification. */
export const JWT_PREVIOUS_SECRETS_ENV = 'VIGIL_JWT_PREVIOUS_SECRETS';
/** File name of the signing secret generated into the data directory when {@link JWT_SECRET_ENV} is unset. */
export const JWT_SECRET_FILE = 'jwt-signing.key';

/** Validation rules for a signing secret: base64 of 32 to 512 bytes (HS256 wants ≥ 256 bits). */
export const JWT_SECRET_SPEC: KeyMaterialSpec = {
  envVar: JWT_SECRET_ENV,
  minBytes: 32,
  maxBytes: 512,
  generateBytes: 32,
  errorCode: 'AUTH_SIGNING_KEY_INVALID',
};

const ALG = 'HS256';
/** RFC 9068 media type: stops any other JWT signed with the same secret passing as an access token. */
const TYP = 'at+jwt';
const MAX_TOKEN_LENGTH = 4096;

/** HMAC secrets for access tokens: the current one signs, all verify. */
export interface JwtSigningKeys {
  readonly current: Uint8Array;
  readonly previous?: readonly Uint8Array[];
}

/**
 * Load the signing secrets: `VIGIL_JWT_SECRET`, or `<dataDir>/jwt-signing.key` generated once
 * with mode 0600; plus `VIGIL_JWT_PREVIOUS_SECRETS` (comma-separated) for a rotation window.
 *
 * @throws {@link SecurityError} `AUTH_SIGNING_KEY_INVALID`, `KEY_FILE_INSECURE`.
 */
export async function loadJwtSigningKeys(options: LoadKeyOptions = {}): Promise<{ keys: JwtSigningKeys; source: KeySource; path?: string }> {
  const env = options.env ?? process.env;
  const loaded = await loadOrCreateKey(JWT_SECRET_SPEC, JWT_SECRET_FILE, { ...options, env });
  const previous: Buffer[] = [];
  const list = env[JWT_PREVIOUS_SECRETS_ENV];
  if (list !== undefined && list.trim() !== '') {
    list.split(',').forEach((item, i) => {
      previous.push(parseBase64Key(item, { ...JWT_SECRET_SPEC, envVar: JWT_PREVIOUS_SECRETS_ENV }, `Entry ${i + 1} of ${JWT_PREVIOUS_SECRETS_ENV}`));
    });
  }
  const keys: JwtSigningKeys = { current: loaded.key, previous };
  return loaded.path === undefined ? { keys, source: loaded.source } : { keys, source: loaded.source, path: loaded.path };
}

/** The `kid` of a signing secret: 16 hex characters of a domain-separated SHA-256. */
export function signingKeyId(secret: Uint8Array): string {
  return createHash('sha256').update('vigil/jwt-kid/v1\0').update(secret).digest('hex').slice(0, 16);
}

/** Who the access token is for. */
export interface AccessTokenSubject {
  /** User id (`sub`). */
  readonly userId: string;
  /** Active tenant id (`tid`). */
  readonly tenantId: string;
  /** The user's role in that tenant (`role`). */
  readonly role: string;
}

/** The verified claims of an access token. */
export interface AccessTokenClaims {
  /** User id. */
  readonly sub: string;
  /** Active tenant id. */
  readonly tid: string;
  /** Role in the active tenant, as of issuance. */
  readonly role: string;
  /** Unique token id (a random UUID), for audit logs or a deny-list. */
  readonly jti: string;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Expires at, seconds since the epoch. */
  readonly exp: number;
}

/** An issued access token. */
export interface IssuedAccessToken {
  readonly token: string;
  readonly claims: AccessTokenClaims;
  readonly expiresAt: Date;
}

/** Options of {@link createAccessTokenService}. */
export interface AccessTokenServiceOptions {
  readonly keys: JwtSigningKeys;
  /** `iss` claim (default `vigil`). */
  readonly issuer?: string;
  /** `aud` claim (default `vigil-api`). */
  readonly audience?: string;
  /** Lifetime (default 900 s = 15 min). */
  readonly ttlSeconds?: number;
  /** Accepted clock skew when checking `exp` / `iat` (default 30 s). */
  readonly clockToleranceSeconds?: number;
  /** The clock (default `() => new Date()`); inject one in tests. */
  readonly now?: () => Date;
}

/** Issues and verifies short-lived HS256 access tokens. */
export interface AccessTokenService {
  /** Sign a new token for the subject. */
  issue(subject: AccessTokenSubject): Promise<IssuedAccessToken>;
  /**
   * Verify a token and return its claims.
   *
   * @throws {@link TokenExpiredError} (`AUTH_TOKEN_EXPIRED`) for a genuine token past `exp` + tolerance;
   * {@link InvalidTokenError} (`AUTH_INVALID_TOKEN`) for anything else wrong.
   */
  verify(token: string): Promise<AccessTokenClaims>;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 256;
}

/**
 * Create the access-token service. Tokens carry `sub`, `tid`, `role`, `jti`, `iat`, `exp`,
 * `iss`, `aud` and the header `kid` (so secrets can rotate) and `typ: at+jwt`.
 */
export function createAccessTokenService(options: AccessTokenServiceOptions): AccessTokenService {
  const issuer = options.issuer ?? 'vigil';
  const audience = options.audience ?? 'vigil-api';
  const ttl = options.ttlSeconds ?? 900;
  const tolerance = options.clockToleranceSeconds ?? 30;
  const now = options.now ?? (() => new Date());
  if (!Number.isInteger(ttl) || ttl <= 0) throw new RangeError('ttlSeconds must be a positive integer.');

  const byKid = new Map<string, Uint8Array>();
  for (const secret of [options.keys.current, ...(options.keys.previous ?? [])]) {
    if (secret.length < JWT_SECRET_SPEC.minBytes) {
      throw new SecurityError('AUTH_SIGNING_KEY_INVALID', `A JWT signing secret must be at least ${JWT_SECRET_SPEC.minBytes} bytes, got ${secret.length}.`);
    }
    byKid.set(signingKeyId(secret), secret);
  }
  const currentKid = signingKeyId(options.keys.current);

  return {
    async issue(subject) {
      if (!nonEmpty(subject.userId) || !nonEmpty(subject.tenantId) || !nonEmpty(subject.role)) {
        throw new TypeError('issue: userId, tenantId and role must be non-empty strings of at most 256 characters.');
      }
      const iat = Math.floor(now().getTime() / 1000);
      const claims: AccessTokenClaims = { sub: subject.userId, tid: subject.tenantId, role: subject.role, jti: randomUUID(), iat, exp: iat + ttl };
      const token = await new SignJWT({ tid: claims.tid, role: claims.role })
        .setProtectedHeader({ alg: ALG, typ: TYP, kid: currentKid })
        .setSubject(claims.sub)
        .setJti(claims.jti)
        .setIssuedAt(claims.iat)
        .setExpirationTime(claims.exp)
        .setIssuer(issuer)
        .setAudience(audience)
        .sign(options.keys.current);
      return { token, claims, expiresAt: new Date(claims.exp * 1000) };
    },

    async verify(token) {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
        throw new InvalidTokenError('The access token is missing or too long.');
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(
          token,
          (header) => {
            const key = header.kid === undefined ? undefined : byKid.get(header.kid);
            if (!key) throw new InvalidTokenError('The access token was signed with an unknown key (it may predate a key rotation): log in again.');
            return key;
          },
          {
            algorithms: [ALG],
            typ: TYP,
            issuer,
            audience,
            clockTolerance: tolerance,
            currentDate: now(),
            requiredClaims: ['sub', 'jti', 'iat', 'exp'],
          },
        ));
      } catch (err) {
        if (err instanceof SecurityError) throw err;
        if (err instanceof joseErrors.JWTExpired) {
          const exp = typeof err.payload.exp === 'number' ? err.payload.exp : undefined;
          throw new TokenExpiredError('The access token has expired: refresh it.', {
            cause: err,
            ...(exp === undefined ? {} : { details: { expiredAt: new Date(exp * 1000).toISOString() } }),
          });
        }
        const reason = err instanceof joseErrors.JOSEError ? err.code : 'ERR_UNKNOWN';
        throw new InvalidTokenError(`The access token is invalid (${reason}).`, { cause: err });
      }
      const { sub, tid, role, jti, iat, exp } = payload;
      if (!nonEmpty(sub) || !nonEmpty(tid) || !nonEmpty(role) || !nonEmpty(jti) || typeof iat !== 'number' || typeof exp !== 'number') {
        throw new InvalidTokenError('The access token is missing the sub, tid, role or jti claim.');
      }
      // jose checks iat only together with maxTokenAge: refuse tokens from the future ourselves.
      if (iat > Math.floor(now().getTime() / 1000) + tolerance) {
        throw new InvalidTokenError('The access token was issued in the future: check the server clocks.');
      }
      return { sub, tid, role, jti, iat, exp };
    },
  };
}
