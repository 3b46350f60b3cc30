import { randomBytes } from 'node:crypto';
import { mkdir, open, link, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SecurityError, type SecurityErrorCode } from './errors.ts';

/** Where a piece of key material came from. */
export type KeySource = 'env' | 'file' | 'generated';

/** How to validate one kind of base64 key material. */
export interface KeyMaterialSpec {
  /** Environment variable holding the key, e.g. `VIGIL_SECRETS_KEY`. */
  readonly envVar: string;
  /** Minimum decoded length in bytes. */
  readonly minBytes: number;
  /** Maximum decoded length in bytes. */
  readonly maxBytes: number;
  /** Size of a generated key in bytes. */
  readonly generateBytes: number;
  /** Error code raised for invalid material. */
  readonly errorCode: SecurityErrorCode;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}|[A-Za-z0-9+/]{3})?$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The command a user can run to generate a key of `bytes` bytes. */
export function keyGenerationHint(bytes: number): string {
  return `openssl rand -base64 ${bytes}` + ` (or: node -e "console.log(require('node:crypto').randomBytes(${bytes}).toString('base64'))")`;
}

function sizeText(spec: KeyMaterialSpec): string {
  return spec.minBytes === spec.maxBytes ? `exactly ${spec.minBytes} bytes` : `at least ${spec.minBytes} bytes`;
}

/**
 * Decode base64 (standard or URL-safe, surrounding whitespace ignored) key material and check
 * its length. `origin` names where the text came from (the variable or the file) so the error
 * tells the operator what to fix; the value itself is never quoted.
 *
 * @throws {@link SecurityError} with `spec.errorCode` when the text is not base64 or has the wrong length.
 */
export function parseBase64Key(text: string, spec: KeyMaterialSpec, origin: string): Buffer {
  const value = text.trim();
  const hint = `Set it to base64 of ${sizeText(spec)} of random data, for example the output of: ${keyGenerationHint(spec.generateBytes)}`;
  if (value === '') {
    throw new SecurityError(spec.errorCode, `${origin} is set but empty. ${hint}`);
  }
  let key: Buffer;
  if (BASE64.test(value)) key = Buffer.from(value, 'base64');
  else if (BASE64URL.test(value)) key = Buffer.from(value, 'base64url');
  else throw new SecurityError(spec.errorCode, `${origin} is not valid base64. ${hint}`);
  if (key.length < spec.minBytes || key.length > spec.maxBytes) {
    throw new SecurityError(
      spec.errorCode,
      `${origin} decodes to ${key.length} bytes but must be ${sizeText(spec)}${spec.minBytes === spec.maxBytes ? '' : ` (at most ${spec.maxBytes})`}. ${hint}`,
    );
  }
  return key;
}

/** Options for {@link loadOrCreateKey}. */
export interface LoadKeyOptions {
  /** Environment to read (defaults to `process.env`, read at call time). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Data directory holding generated key files; required when the variable is not set. */
  readonly dataDir?: string;
}

/** Key material together with where it came from. */
export interface LoadedKey {
  readonly key: Buffer;
  readonly source: KeySource;
  /** The key file, when the key came from (or was generated into) the data directory. */
  readonly path?: string;
}

/**
 * Read the key from `spec.envVar`; when the variable is absent, read `<dataDir>/<fileName>`,
 * generating it once (mode 0600, directory 0700) if it does not exist. Two processes starting
 * at once agree on one key: the file is published atomically with a hard link, so the loser
 * reads the winner's key. An existing key file that group or others can read is refused.
 *
 * @throws {@link SecurityError} `spec.errorCode` for invalid material, `KEY_FILE_INSECURE` for a
 * readable key file.
 */
export async function loadOrCreateKey(spec: KeyMaterialSpec, fileName: string, options: LoadKeyOptions = {}): Promise<LoadedKey> {
  const env = options.env ?? process.env;
  const fromEnv = env[spec.envVar];
  if (fromEnv !== undefined) {
    return { key: parseBase64Key(fromEnv, spec, `The environment variable ${spec.envVar}`), source: 'env' };
  }
  if (options.dataDir === undefined) {
    throw new SecurityError(
      spec.errorCode,
      `${spec.envVar} is not set and no data directory was given to generate a key into. Set ${spec.envVar} to the output of: ${keyGenerationHint(spec.generateBytes)}`,
    );
  }
  const path = join(options.dataDir, fileName);
  const existing = await readKeyFile(path, spec);
  if (existing) return { key: existing, source: 'file', path };

  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const fresh = randomBytes(spec.generateBytes);
  const published = await publishKeyFile(path, `${fresh.toString('base64')}\n`);
  if (published) return { key: fresh, source: 'generated', path };
  // Another process generated the file between our read and our link: use its key.
  const winner = await readKeyFile(path, spec);
  if (!winner) throw new SecurityError(spec.errorCode, `The key file ${path} disappeared while it was being created; start again.`);
  return { key: winner, source: 'file', path };
}

/**
 * Read an existing key file, refusing one that group or others can access.
 * Returns `undefined` when the file does not exist.
 */
export async function readKeyFile(path: string, spec: KeyMaterialSpec): Promise<Buffer | undefined> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (!info.isFile()) {
    throw new SecurityError('KEY_FILE_INSECURE', `The key file ${path} is not a regular file. Remove it so a new key can be generated, or set ${spec.envVar}.`, {
      details: { path },
    });
  }
  // POSIX permission bits do not describe access on Windows; rely on the directory ACL there.
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
    throw new SecurityError(
      'KEY_FILE_INSECURE',
      `The key file ${path} has mode ${mode}: group or others can access it, so it is refused. If nobody else has read it, restrict it with \`chmod 600 ${path}\`; otherwise treat the key as leaked and rotate it.`,
      { details: { path, mode } },
    );
  }
  return parseBase64Key(await readFile(path, 'utf8'), spec, `The key file ${path}`);
}

/** Atomically create `path` with `content` and mode 0600; false when it already exists. */
async function publishKeyFile(path: string, content: string): Promise<boolean> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(tmp);
  }
}
