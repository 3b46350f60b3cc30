import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SecurityError } from './errors.ts';
import { loadOrCreateKey, parseBase64Key, readKeyFile, type KeyMaterialSpec, type LoadKeyOptions } from './key-files.ts';

/**
 * Wraps and unwraps the per-secret data keys of the envelope encryption. The local provider
 * below holds key-encryption keys (KEKs) in memory; a KMS adapter implements the same
 * interface with `Encrypt` / `Decrypt` calls (the key id then names the KMS key).
 */
export interface KeyProvider {
  /** Id of the KEK new secrets are wrapped with. Stored in every envelope. */
  readonly currentKeyId: string;
  /** Every key id this provider can unwrap (the current one first). */
  readonly keyIds: readonly string[];
  /** Wrap a fresh data key with the current KEK. */
  wrapDataKey(dataKey: Uint8Array): Promise<{ keyId: string; wrappedKey: Buffer }>;
  /**
   * Unwrap a data key wrapped under `keyId`.
   *
   * @throws {@link SecurityError} `SECRETS_KEY_UNKNOWN` when `keyId` is not in the keyring,
   * `SECRETS_DECRYPT_FAILED` when the wrapped key does not authenticate.
   */
  unwrapDataKey(keyId: string, wrappedKey: Uint8Array): Promise<Buffer>;
}

/** Environment variable holding the current KEK (base64 of 32 bytes). */
export const SECRETS_KEY_ENV = 'VIGIL_SECRETS_KEY';
/** Environment variable holding retired KEKs, comma-separated, that can still decrypt. */
export const SECRETS_PREVIOUS_KEYS_ENV = 'VIGIL_SECRETS_PREVIOUS_KEYS';
/** File name of the KEK generated into the data directory when {@link SECRETS_KEY_ENV} is unset. */
export const SECRETS_KEY_FILE = 'secrets.key';

/** Validation rules for a KEK: base64 of exactly 32 bytes (AES-256). */
export const SECRETS_KEY_SPEC: KeyMaterialSpec = {
  envVar: SECRETS_KEY_ENV,
  minBytes: 32,
  maxBytes: 32,
  generateBytes: 32,
  errorCode: 'SECRETS_KEY_INVALID',
};

const WRAP_IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The public id of a KEK: 16 hex characters of a domain-separated SHA-256 of the key. Safe to
 * store and log (a hash of 256 random bits reveals nothing usable), stable across restarts.
 */
export function kekId(kek: Uint8Array): string {
  return createHash('sha256').update('vigil/kek-id/v1\0').update(kek).digest('hex').slice(0, 16);
}

/** Options of {@link createLocalKeyProvider}. */
export interface LocalKeyProviderOptions {
  /** The current KEK (32 bytes): wraps every new secret. */
  readonly current: Uint8Array;
  /** Retired KEKs that can still unwrap secrets written before a rotation. */
  readonly previous?: readonly Uint8Array[];
}

/**
 * A {@link KeyProvider} over in-memory 32-byte KEKs. Data keys are wrapped with AES-256-GCM
 * (random 96-bit IV; wrapped form is `iv ‖ ciphertext ‖ tag`, the KEK id as associated data).
 *
 * @throws {@link SecurityError} `SECRETS_KEY_INVALID` when a key is not 32 bytes.
 */
export function createLocalKeyProvider(options: LocalKeyProviderOptions): KeyProvider {
  const ring = new Map<string, Buffer>();
  for (const key of [options.current, ...(options.previous ?? [])]) {
    if (key.length !== 32) {
      throw new SecurityError('SECRETS_KEY_INVALID', `A key-encryption key must be exactly 32 bytes, got ${key.length}.`);
    }
    const id = kekId(key);
    if (!ring.has(id)) ring.set(id, Buffer.from(key));
  }
  const currentKeyId = kekId(options.current);
  const keyIds = [...ring.keys()];

  return {
    currentKeyId,
    keyIds,
    async wrapDataKey(dataKey) {
      const kek = ring.get(currentKeyId) as Buffer;
      const iv = randomBytes(WRAP_IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', kek, iv);
      cipher.setAAD(Buffer.from(`vigil/dek/v1\0${currentKeyId}`));
      const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
      return { keyId: currentKeyId, wrappedKey: Buffer.concat([iv, body, cipher.getAuthTag()]) };
    },
    async unwrapDataKey(keyId, wrappedKey) {
      const kek = ring.get(keyId);
      if (!kek) {
        throw new SecurityError(
          'SECRETS_KEY_UNKNOWN',
          `This secret was encrypted with key-encryption key "${keyId}", which is not loaded (loaded: ${keyIds.join(', ')}). ` +
            `If the key was rotated, add the old key to ${SECRETS_PREVIOUS_KEYS_ENV} (comma-separated base64).`,
          { details: { keyId, loadedKeyIds: keyIds } },
        );
      }
      if (wrappedKey.length <= WRAP_IV_BYTES + TAG_BYTES) {
        throw new SecurityError('SECRETS_DECRYPT_FAILED', 'The wrapped data key is truncated.');
      }
      const buf = Buffer.from(wrappedKey);
      const decipher = createDecipheriv('aes-256-gcm', kek, buf.subarray(0, WRAP_IV_BYTES));
      decipher.setAAD(Buffer.from(`vigil/dek/v1\0${keyId}`));
      decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(buf.subarray(WRAP_IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
      } catch (err) {
        throw new SecurityError('SECRETS_DECRYPT_FAILED', `The data key wrapped under key-encryption key "${keyId}" failed authentication: the secret was tampered with.`, {
          cause: err,
        });
      }
    },
  };
}

/** Where the local keyring's keys came from, for a start-up log line (never the keys). */
export interface SecretsKeyringInfo {
  readonly provider: KeyProvider;
  /** Source of the current KEK. */
  readonly source: 'env' | 'file' | 'generated';
  /** The key file, when the current key lives in (or an old one was found in) the data directory. */
  readonly path?: string;
}

/**
 * Build the local keyring of the platform: the current KEK from `VIGIL_SECRETS_KEY`, or else
 * from `<dataDir>/secrets.key` (generated once, mode 0600); retired KEKs from
 * `VIGIL_SECRETS_PREVIOUS_KEYS`. When the variable is set and an earlier generated key file
 * still exists, that file's key joins the keyring as a decrypt-only key, so switching to the
 * variable does not lock out secrets written before; re-encrypt them, then delete the file.
 *
 * @throws {@link SecurityError} `SECRETS_KEY_INVALID`, `KEY_FILE_INSECURE`.
 */
export async function loadSecretsKeyring(options: LoadKeyOptions = {}): Promise<SecretsKeyringInfo> {
  const env = options.env ?? process.env;
  const current = await loadOrCreateKey(SECRETS_KEY_SPEC, SECRETS_KEY_FILE, { ...options, env });
  const previous: Buffer[] = [];
  const list = env[SECRETS_PREVIOUS_KEYS_ENV];
  if (list !== undefined && list.trim() !== '') {
    list.split(',').forEach((item, i) => {
      previous.push(parseBase64Key(item, { ...SECRETS_KEY_SPEC, envVar: SECRETS_PREVIOUS_KEYS_ENV }, `Entry ${i + 1} of ${SECRETS_PREVIOUS_KEYS_ENV}`));
    });
  }
  let path = current.path;
  if (current.source === 'env' && options.dataDir !== undefined) {
    const filePath = join(options.dataDir, SECRETS_KEY_FILE);
    const old = await readKeyFile(filePath, SECRETS_KEY_SPEC);
    if (old) {
      previous.push(old);
      path = filePath;
    }
  }
  const provider = createLocalKeyProvider({ current: current.key, previous });
  return path === undefined ? { provider, source: current.source } : { provider, source: current.source, path };
}
