/** What replaces a redacted value. */
export const REDACTED = '[REDACTED]';

/**
 * Key names (exact spellings) that `PINO_REDACT_PATHS` covers. Node lower-cases incoming HTTP
 * header names, so the header entries are lower-case.
 */
export const SENSITIVE_KEY_NAMES: readonly string[] = Object.freeze([
  'password', 'newPassword', 'currentPassword', 'oldPassword', 'passwd', 'passphrase',
  'secret', 'clientSecret', 'client_secret', 'secretKey', 'secret_key',
  'token', 'accessToken', 'access_token', 'refreshToken', 'refresh_token', 'idToken', 'id_token',
  'apiKey', 'api_key', 'key', 'privateKey', 'private_key',
  'authorization', 'Authorization', 'cookie', 'Cookie',
  'secretAccessKey', 'SecretAccessKey', 'aws_secret_access_key',
  'sessionToken', 'SessionToken', 'aws_session_token',
  'credentials', 'Credentials',
]);

const HEADER_PATHS = ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'proxy-authorization', 'x-amz-security-token'];

/**
 * Paths for pino's `redact` option: each {@link SENSITIVE_KEY_NAMES} entry at the top level of a
 * log object and up to two levels down (pino wildcards match exactly one level), plus the
 * sensitive headers of `req` / `res` / `headers`. Deeper or unusual shapes are only covered by
 * {@link redactSecrets} (see {@link createPinoRedaction}).
 */
export const PINO_REDACT_PATHS: readonly string[] = Object.freeze([
  ...SENSITIVE_KEY_NAMES.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  ...HEADER_PATHS.flatMap((h) => [`headers["${h}"]`, `req.headers["${h}"]`, `res.headers["${h}"]`, `*.headers["${h}"]`]),
]);

/** The pino options returned by {@link createPinoRedaction} (structural, so this package needs no pino import). */
export interface PinoRedaction {
  redact: { paths: string[]; censor: string };
  formatters: { log: (object: Record<string, unknown>) => Record<string, unknown> };
  hooks: { logMethod: (this: unknown, args: unknown[], method: (...args: unknown[]) => void) => void };
}

/**
 * Logger options for pino, three layers: `redact` (fast, path-based); a `formatters.log` hook
 * running {@link redactSecrets} over every log object (deep, by key name and value pattern) for
 * shapes the paths do not foresee; and a `hooks.logMethod` hook passing string arguments (the
 * message and its interpolation values) through {@link redactString}. Spread it into
 * `pino({ ...createPinoRedaction(), level })`; if you set your own `formatters` or `hooks`,
 * merge them.
 */
export function createPinoRedaction(): PinoRedaction {
  return {
    redact: { paths: [...PINO_REDACT_PATHS], censor: REDACTED },
    formatters: { log: (object) => redactSecrets(object) },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactString(a) : a)));
      },
    },
  };
}

/** Normalised names that are sensitive on their own. */
const EXACT = new Set(['key', 'pass', 'pwd', 'pin', 'otp', 'auth', 'kek', 'dek', 'dsn', 'sig']);
/** Normalised fragments that make a name sensitive wherever they appear. */
const FRAGMENTS = [
  'password', 'passwd', 'passphrase', 'secret', 'token', 'authorization', 'cookie', 'credential',
  'apikey', 'privatekey', 'signingkey', 'encryptionkey', 'masterkey', 'datakey', 'sessionkey', 'accesskey',
  'sessionid', 'signature', 'connectionstring',
];
/** Normalised names that contain a fragment but are identifiers, not secrets. */
const ALLOWED = new Set(['accesskeyid', 'awsaccesskeyid', 'tokentype', 'tokenexpiresat', 'keyid', 'kekid']);

/**
 * True when a property named `key` probably holds a secret: password, secret, token, key,
 * authorization, cookie, credentials, secretAccessKey, sessionToken, apiKey, privateKey… in any
 * case or separator style. `extraKeys` adds exact names (compared case- and separator-insensitively).
 */
export function isSensitiveKey(key: string, extraKeys: readonly string[] = []): boolean {
  const n = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (ALLOWED.has(n)) return false;
  if (EXACT.has(n) || FRAGMENTS.some((f) => n.includes(f))) return true;
  return extraKeys.some((k) => k.toLowerCase().replace(/[^a-z0-9]/g, '') === n);
}

const VALUE_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, REDACTED],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/g, REDACTED],
  [/\b(vgl_[0-9a-z]{12}_)[0-9A-Za-z]{6,}/g, `$1${REDACTED}`],
  [/\bvgr_[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\b(Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)[^@\s/?#]+@/gi, `$1${REDACTED}@`],
  [/([?&;][^=&;#\s]*(?:token|secret|signature|password|credential|key)[^=&;#\s]*=)[^&;#\s]+/gi, `$1${REDACTED}`],
];

/**
 * Mask secrets that appear inside free text: JWTs, Vigil API keys (the public prefix is
 * kept) and refresh tokens, `Bearer …` / `Basic …` credentials, passwords in URLs
 * (`postgres://user:…@host`), secret-looking query parameters (`X-Amz-Signature=…`) and PEM
 * private keys.
 */
export function redactString(text: string): string {
  let out = text;
  for (const [re, replacement] of VALUE_PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** Options of {@link redactSecrets}. */
export interface RedactOptions {
  /** More property names to treat as secret. */
  readonly extraKeys?: readonly string[];
  /** The replacement (default {@link REDACTED}). */
  readonly censor?: string;
  /** Nesting depth after which values are replaced by `[Truncated]` (default 32). */
  readonly maxDepth?: number;
}

/**
 * A deep copy of `value` safe to log: every property whose name {@link isSensitiveKey} is
 * replaced by the censor (except `null`, `undefined` and booleans, which reveal nothing), every
 * string is passed through {@link redactString}, binary data becomes `[Binary n bytes]`, cycles
 * become `[Circular]`. Errors keep name, message, stack, cause and their own properties; Maps and
 * Sets are copied; other class instances become plain objects (or their `toJSON()`). The input
 * is never modified.
 */
export function redactSecrets<T>(value: T, options: RedactOptions = {}): T {
  const censor = options.censor ?? REDACTED;
  const extraKeys = options.extraKeys ?? [];
  const maxDepth = options.maxDepth ?? 32;
  const ancestors = new Set<object>();

  const censorValue = (v: unknown): unknown => (v === null || v === undefined || typeof v === 'boolean' ? v : censor);
  const entry = (k: string, v: unknown, depth: number): unknown => (isSensitiveKey(k, extraKeys) ? censorValue(v) : walk(v, depth + 1));

  function copyProps(source: object, target: Record<string, unknown>, depth: number): void {
    for (const k of Object.keys(source)) {
      let v: unknown;
      try {
        v = (source as Record<string, unknown>)[k];
      } catch {
        v = '[Unreadable]';
      }
      target[k] = entry(k, v, depth);
    }
  }

  function walk(v: unknown, depth: number): unknown {
    if (typeof v === 'string') return redactString(v);
    if (v === null || typeof v !== 'object') return v;
    if (ancestors.has(v)) return '[Circular]';
    if (depth >= maxDepth) return '[Truncated]';
    if (ArrayBuffer.isView(v)) return `[Binary ${v.byteLength} bytes]`;
    if (v instanceof ArrayBuffer) return `[Binary ${v.byteLength} bytes]`;
    if (v instanceof Date) return new Date(v.getTime());
    ancestors.add(v);
    try {
      if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1));
      if (v instanceof Map) {
        return new Map([...v].map(([k, item]) => [k, typeof k === 'string' ? entry(k, item, depth) : walk(item, depth + 1)]));
      }
      if (v instanceof Set) return new Set([...v].map((item) => walk(item, depth + 1)));
      if (v instanceof Error) {
        const out: Record<string, unknown> = { name: v.name, message: redactString(v.message) };
        if (v.stack !== undefined) out.stack = redactString(v.stack);
        copyProps(v, out, depth);
        if (v.cause !== undefined) out.cause = walk(v.cause, depth + 1);
        return out;
      }
      const toJSON = (v as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return walk(toJSON.call(v), depth + 1);
      const out: Record<string, unknown> = {};
      copyProps(v, out, depth);
      return out;
    } finally {
      ancestors.delete(v);
    }
  }

  return walk(value, 0) as T;
}
