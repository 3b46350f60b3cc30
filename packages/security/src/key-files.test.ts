import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadJwtSigningKeys } from './access-tokens.ts';
import { SecurityError } from './errors.ts';
import { loadOrCreateKey } from './key-files.ts';
import { SECRETS_KEY_SPEC, kekId, loadSecretsKeyring } from './key-provider.ts';
import { decryptSecret, encryptSecret } from './secrets.ts';

const posix = process.platform !== 'win32';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-security-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const b64 = (n: number): string => randomBytes(n).toString('base64');

describe('key material from the environment', () => {
  it('accepts base64 (standard or URL-safe, with whitespace) of exactly 32 bytes', async () => {
    const key = randomBytes(32);
    for (const text of [key.toString('base64'), ` ${key.toString('base64')}\n`, key.toString('base64url')]) {
      const loaded = await loadOrCreateKey(SECRETS_KEY_SPEC, 'secrets.key', { env: { VIGIL_SECRETS_KEY: text }, dataDir: dir });
      expect(loaded.source).toBe('env');
      expect(loaded.key.equals(key)).toBe(true);
    }
  });

  it.each([
    ['not base64', 'this is not base64!!'],
    ['too short', b64(16)],
    ['too long', b64(33)],
    ['empty', ''],
  ])('rejects a value that is %s, naming the variable and how to generate a key', async (_label, value) => {
    const err = await loadOrCreateKey(SECRETS_KEY_SPEC, 'secrets.key', { env: { VIGIL_SECRETS_KEY: value }, dataDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecurityError);
    expect((err as SecurityError).code).toBe('SECRETS_KEY_INVALID');
    expect((err as SecurityError).message).toContain('VIGIL_SECRETS_KEY');
    expect((err as SecurityError).message).toContain('openssl rand -base64 32');
    if (value !== '') expect((err as SecurityError).message).not.toContain(value);
  });

  it('needs a data directory when the variable is not set', async () => {
    await expect(loadOrCreateKey(SECRETS_KEY_SPEC, 'secrets.key', { env: {} })).rejects.toThrow(/VIGIL_SECRETS_KEY is not set/);
  });
});

describe('generated key files', () => {
  it('generates the key once, mode 0600, creating the directory (0700)', async () => {
    const dataDir = join(dir, 'a', 'b');
    const first = await loadOrCreateKey(SECRETS_KEY_SPEC, 'secrets.key', { env: {}, dataDir });
    expect(first.source).toBe('generated');
    expect(first.path).toBe(join(dataDir, 'secrets.key'));
    expect(first.key.length).toBe(32);
    if (posix) {
      expect((await stat(join(dataDir, 'secrets.key'))).mode & 0o777).toBe(0o600);
      expect((await stat(dataDir)).mode & 0o077).toBe(0);
    }
    expect((await readFile(join(dataDir, 'secrets.key'), 'utf8')).trim()).toBe(first.key.toString('base64'));

    const second = await loadOrCreateKey(SECRETS_KEY_SPEC, 'secrets.key', { env: {}, dataDir });
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('agrees on one key when several processes start at once', async () => {
    const loads = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateKey(SECRETS_KEY_SPEC, 'secrets.key', { env: {}, dataDir: dir })));
    const keys = new Set(loads.map((l) => l.key.toString('hex')));
    expect(keys.size).toBe(1);
    expect(loads.filter((l) => l.source === 'generated').length).toBe(1);
  });

  it.runIf(posix).each([0o644, 0o640, 0o604, 0o660])('refuses a key file with mode %o and says how to fix it', async (mode) => {
    const path = join(dir, 'secrets.key');
    await writeFile(path, `${b64(32)}\n`, { mode: 0o600 });
    await chmod(path, mode);
    const err = await loadOrCreateKey(SECRETS_KEY_SPEC, 'secrets.key', { env: {}, dataDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecurityError);
    expect((err as SecurityError).code).toBe('KEY_FILE_INSECURE');
    expect((err as SecurityError).message).toContain(`chmod 600 ${path}`);
    expect((err as SecurityError).message).toContain(mode.toString(8));
  });

  it('refuses a key path that is not a regular file', async () => {
    await mkdir(join(dir, 'secrets.key'), { mode: 0o700 });
    await expect(loadOrCreateKey(SECRETS_KEY_SPEC, 'secrets.key', { env: {}, dataDir: dir })).rejects.toThrow(/not a regular file/);
  });

  it('rejects a corrupted key file, naming the file', async () => {
    const path = join(dir, 'secrets.key');
    await writeFile(path, 'garbage\n', { mode: 0o600 });
    await expect(loadOrCreateKey(SECRETS_KEY_SPEC, 'secrets.key', { env: {}, dataDir: dir })).rejects.toThrow(path);
  });

  it('ignores the file when the variable is set', async () => {
    await loadOrCreateKey(SECRETS_KEY_SPEC, 'secrets.key', { env: {}, dataDir: dir });
    const key = randomBytes(32);
    const loaded = await loadOrCreateKey(SECRETS_KEY_SPEC, 'secrets.key', { env: { VIGIL_SECRETS_KEY: key.toString('base64') }, dataDir: dir });
    expect(loaded.key.equals(key)).toBe(true);
  });
});

describe('loadSecretsKeyring', () => {
  it('loads the current key and the previous keys', async () => {
    const current = randomBytes(32);
    const old1 = randomBytes(32);
    const old2 = randomBytes(32);
    const { provider, source } = await loadSecretsKeyring({
      env: { VIGIL_SECRETS_KEY: current.toString('base64'), VIGIL_SECRETS_PREVIOUS_KEYS: `${old1.toString('base64')}, ${old2.toString('base64')}` },
    });
    expect(source).toBe('env');
    expect(provider.currentKeyId).toBe(kekId(current));
    expect(provider.keyIds).toEqual([kekId(current), kekId(old1), kekId(old2)]);
  });

  it('names the bad entry of the previous keys', async () => {
    await expect(
      loadSecretsKeyring({ env: { VIGIL_SECRETS_KEY: b64(32), VIGIL_SECRETS_PREVIOUS_KEYS: `${b64(32)},${b64(8)}` } }),
    ).rejects.toThrow(/Entry 2 of VIGIL_SECRETS_PREVIOUS_KEYS/);
  });

  it('keeps an earlier generated key file decrypt-only after switching to the variable', async () => {
    const generated = await loadSecretsKeyring({ env: {}, dataDir: dir });
    expect(generated.source).toBe('generated');
    const { ciphertext } = await encryptSecret('s3cr3t', generated.provider);

    const switched = await loadSecretsKeyring({ env: { VIGIL_SECRETS_KEY: b64(32) }, dataDir: dir });
    expect(switched.provider.currentKeyId).not.toBe(generated.provider.currentKeyId);
    expect(switched.provider.keyIds).toContain(generated.provider.currentKeyId);
    expect(await decryptSecret(ciphertext, switched.provider)).toBe('s3cr3t');
  });
});

describe('loadJwtSigningKeys', () => {
  it('generates a signing key file like the KEK, and reads VIGIL_JWT_SECRET', async () => {
    const gen = await loadJwtSigningKeys({ env: {}, dataDir: dir });
    expect(gen.source).toBe('generated');
    expect(gen.path).toBe(join(dir, 'jwt-signing.key'));
    if (posix) expect((await stat(join(dir, 'jwt-signing.key'))).mode & 0o777).toBe(0o600);
    const again = await loadJwtSigningKeys({ env: {}, dataDir: dir });
    expect(Buffer.from(again.keys.current).equals(Buffer.from(gen.keys.current))).toBe(true);

    const secret = randomBytes(64);
    const fromEnv = await loadJwtSigningKeys({ env: { VIGIL_JWT_SECRET: secret.toString('base64'), VIGIL_JWT_PREVIOUS_SECRETS: b64(32) }, dataDir: dir });
    expect(fromEnv.source).toBe('env');
    expect(Buffer.from(fromEnv.keys.current).equals(secret)).toBe(true);
    expect(fromEnv.keys.previous).toHaveLength(1);
  });

  it('rejects a short VIGIL_JWT_SECRET with AUTH_SIGNING_KEY_INVALID', async () => {
    await expect(loadJwtSigningKeys({ env: { VIGIL_JWT_SECRET: b64(16) } })).rejects.toThrow(
      expect.objectContaining({ code: 'AUTH_SIGNING_KEY_INVALID', message: expect.stringContaining('VIGIL_JWT_SECRET') }),
    );
  });
});
