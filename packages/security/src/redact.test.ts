import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { generateApiKey } from './api-keys.ts';
import { PINO_REDACT_PATHS, REDACTED, createPinoRedaction, isSensitiveKey, redactSecrets, redactString } from './redact.ts';
import { issueRefreshToken } from './refresh-tokens.ts';

const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = 'FwoGZXIvYXdzEBYaDEXAMPLESESSIONTOKENVALUE';
const PASSWORD = 'correct horse battery staple 9';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJ1c3JfMSJ9.c2lnbmF0dXJlc2lnbmF0dXJl';
const API_KEY = generateApiKey().key;
const REFRESH = issueRefreshToken().token;
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7examplekeymaterial\n-----END RSA PRIVATE KEY-----';
const ALL_SECRETS = [SECRET_ACCESS_KEY, SESSION_TOKEN, PASSWORD, JWT, API_KEY.slice(17), REFRESH, 'MIIEowIBAAKCAQEA7examplekeymaterial', 'pgpass123', 'sigvalue123'];

/** A credential-laden object in every shape the platform is likely to log. */
function credentialObject(): Record<string, unknown> {
  const awsCredentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET_ACCESS_KEY, sessionToken: SESSION_TOKEN };
  const err = Object.assign(new Error(`login failed for Bearer ${JWT}`), { code: 'E_AUTH', password: PASSWORD, cause: { SecretAccessKey: SECRET_ACCESS_KEY } });
  const circular: Record<string, unknown> = { token: REFRESH };
  circular.self = circular;
  return {
    msg: 'provider connection test',
    provider: { id: 'prv_1', alias: 'prod', credentials: awsCredentials },
    deep: { a: { b: { c: { d: { SecretAccessKey: SECRET_ACCESS_KEY, aws_session_token: SESSION_TOKEN } } } } },
    list: [{ Password: PASSWORD }, [{ 'x-api-key': API_KEY }], `api key ${API_KEY} used`],
    req: { method: 'POST', url: `/auth/callback?code=1&access_token=${JWT}`, headers: { authorization: `Bearer ${JWT}`, cookie: `session=${REFRESH}` } },
    map: new Map<unknown, unknown>([['refreshToken', REFRESH], ['note', `postgres://vigil:pgpass123@db:5432/vigil`]]),
    set: new Set([`presigned https://bucket.s3.amazonaws.com/o?X-Amz-Signature=sigvalue123&X-Amz-Expires=60`]),
    pem: { certificate: PEM },
    buffer: Buffer.from(PASSWORD),
    err,
    circular,
    privateKey: PEM,
    new_password: PASSWORD,
    clientSecret: SECRET_ACCESS_KEY,
  };
}

function assertClean(text: string): void {
  for (const secret of ALL_SECRETS) expect(text, `leaked ${secret.slice(0, 12)}…`).not.toContain(secret);
}

describe('isSensitiveKey', () => {
  it.each([
    'password', 'Password', 'newPassword', 'new_password', 'secret', 'clientSecret', 'client_secret', 'token', 'accessToken', 'refresh_token',
    'key', 'apiKey', 'api-key', 'x-api-key', 'privateKey', 'authorization', 'Authorization', 'cookie', 'set-cookie', 'secretAccessKey',
    'SecretAccessKey', 'aws_secret_access_key', 'sessionToken', 'SessionToken', 'credentials', 'Credentials', 'passphrase', 'kek', 'connectionString',
  ])('%s is sensitive', (k) => expect(isSensitiveKey(k)).toBe(true));

  it.each(['accessKeyId', 'AccessKeyId', 'keyId', 'id', 'name', 'monkey', 'keyName', 'region', 'tokenType'])(
    '%s is not sensitive',
    (k) => expect(isSensitiveKey(k)).toBe(false),
  );

  it('accepts extra keys', () => expect(isSensitiveKey('externalId', ['external_id'])).toBe(true));
});

describe('redactString', () => {
  it('masks tokens, keys and URL credentials inside text', () => {
    expect(redactString(`Authorization: Bearer ${JWT}`)).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactString(`token ${JWT} end`)).toBe(`token ${REDACTED} end`);
    expect(redactString('postgres://vigil:pgpass123@db:5432/vigil')).toBe(`postgres://vigil:${REDACTED}@db:5432/vigil`);
    expect(redactString('https://x/o?X-Amz-Signature=abc&X-Amz-Expires=60')).toBe(`https://x/o?X-Amz-Signature=${REDACTED}&X-Amz-Expires=60`);
    const prefix = API_KEY.slice(0, 17);
    expect(redactString(`key ${API_KEY}`)).toBe(`key ${prefix}${REDACTED}`);
    expect(redactString(PEM)).toBe(REDACTED);
    expect(redactString('nothing secret here: arn:aws:s3:::bucket')).toBe('nothing secret here: arn:aws:s3:::bucket');
  });
});

describe('redactSecrets', () => {
  it('leaves no credential in a deeply nested, circular, mixed object', () => {
    const input = credentialObject();
    const out = redactSecrets(input);
    const text = JSON.stringify(out, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v instanceof Set ? [...v] : v));
    assertClean(text);
    assertClean(JSON.stringify(out.err));
    expect(out).toMatchObject({
      msg: 'provider connection test',
      provider: { id: 'prv_1', alias: 'prod', credentials: REDACTED },
      list: [{ Password: REDACTED }, [{ 'x-api-key': REDACTED }], expect.stringContaining('api key vgl_')],
      buffer: `[Binary ${Buffer.byteLength(PASSWORD)} bytes]`,
      circular: { token: REDACTED, self: '[Circular]' },
      err: { name: 'Error', code: 'E_AUTH', password: REDACTED, message: `login failed for Bearer ${REDACTED}` },
    });
  });

  it('never modifies its input', () => {
    const input = credentialObject();
    redactSecrets(input);
    expect((input.provider as { credentials: { secretAccessKey: string } }).credentials.secretAccessKey).toBe(SECRET_ACCESS_KEY);
  });

  it('keeps null, undefined and booleans under sensitive names, and ordinary values as they are', () => {
    const when = new Date('2026-11-01T00:00:00Z');
    expect(redactSecrets({ password: null, token: undefined, hasSecret: true, count: 3, when, tags: ['a'] })).toEqual({
      password: null,
      token: undefined,
      hasSecret: true,
      count: 3,
      when,
      tags: ['a'],
    });
  });

  it('supports a custom censor, extra keys and a depth limit', () => {
    expect(redactSecrets({ externalId: 'x', password: 'p' }, { censor: '***', extraKeys: ['externalId'] })).toEqual({ externalId: '***', password: '***' });
    expect(redactSecrets({ a: { b: { c: 1 } } }, { maxDepth: 2 })).toEqual({ a: { b: '[Truncated]' } });
  });
});

describe('pino integration', () => {
  function logger(options: pino.LoggerOptions): { log: pino.Logger; lines: string[] } {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    return { log: pino(options, sink), lines };
  }

  it('PINO_REDACT_PATHS are valid pino paths that hide the usual places', () => {
    const { log, lines } = logger({ redact: { paths: [...PINO_REDACT_PATHS], censor: REDACTED } });
    log.info({ password: PASSWORD, user: { password: PASSWORD }, provider: { credentials: { secretAccessKey: SECRET_ACCESS_KEY } }, req: { headers: { authorization: `Bearer ${JWT}`, 'x-api-key': API_KEY } } });
    const line = lines.join('');
    for (const s of [PASSWORD, SECRET_ACCESS_KEY, JWT, API_KEY]) expect(line).not.toContain(s);
  });

  it('createPinoRedaction leaves no credential anywhere in the log line', () => {
    const { log, lines } = logger({ ...createPinoRedaction(), level: 'info' });
    const obj = credentialObject();
    delete obj.circular; // pino's serializer handles cycles itself; covered above
    log.info(obj, `connected with ${API_KEY}`);
    log.warn('retrying %s with %s', 'postgres://vigil:pgpass123@db/vigil', `Bearer ${JWT}`);
    log.error({ err: obj.err }, 'failed');
    expect(lines).toHaveLength(3);
    assertClean(lines.join('\n'));
  });
});
