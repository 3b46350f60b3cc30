import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecurityError } from './errors.ts';
import { createLocalKeyProvider, kekId, type KeyProvider } from './key-provider.ts';
import { decryptSecret, encryptSecret, needsReencryption, readSecretKeyId, reencryptSecret } from './secrets.ts';

const kek = (): Buffer => randomBytes(32);
const awsKeys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', nested: { list: [1, 'two'] } };

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SecurityError) return err.code;
    throw err;
  }
  return 'NO_ERROR';
}

describe('envelope encryption', () => {
  it('round-trips strings and objects', async () => {
    const keys = createLocalKeyProvider({ current: kek() });
    for (const value of ['', 'hunter2', 'ünïcødé ✓ 🔑', 'x'.repeat(100_000)]) {
      const { ciphertext, keyId } = await encryptSecret(value, keys);
      expect(keyId).toBe(keys.currentKeyId);
      expect(await decryptSecret(ciphertext, keys)).toBe(value);
    }
    const { ciphertext } = await encryptSecret(awsKeys, keys);
    expect(await decryptSecret(ciphertext, keys)).toEqual(awsKeys);
  });

  it('never contains the plaintext and uses a fresh data key and IV per secret', async () => {
    const keys = createLocalKeyProvider({ current: kek() });
    const a = await encryptSecret(awsKeys, keys);
    const b = await encryptSecret(awsKeys, keys);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.ciphertext.includes(Buffer.from(awsKeys.secretAccessKey))).toBe(false);
    expect(a.ciphertext.subarray(0, 4).toString('latin1')).toBe('VGS\x01');
  });

  it('rejects plaintexts that are neither strings nor plain objects', async () => {
    const keys = createLocalKeyProvider({ current: kek() });
    await expect(encryptSecret([1, 2] as unknown as string, keys)).rejects.toThrow(TypeError);
    await expect(encryptSecret(new Date() as unknown as string, keys)).rejects.toThrow(TypeError);
  });

  it('fails with a clear error when any single byte is changed', async () => {
    const keys = createLocalKeyProvider({ current: kek() });
    const { ciphertext } = await encryptSecret({ secretAccessKey: 'abc' }, keys);
    const codes = new Set<string>();
    for (let i = 0; i < ciphertext.length; i++) {
      const tampered = Buffer.from(ciphertext);
      tampered[i] = (tampered[i] as number) ^ 0x01;
      const code = await codeOf(decryptSecret(tampered, keys));
      expect(['SECRETS_ENVELOPE_INVALID', 'SECRETS_KEY_UNKNOWN', 'SECRETS_DECRYPT_FAILED'], `byte ${i}`).toContain(code);
      codes.add(code);
    }
    expect(codes).toContain('SECRETS_DECRYPT_FAILED');
    expect(codes).toContain('SECRETS_ENVELOPE_INVALID');
  });

  it('fails on truncation, appended bytes and foreign data', async () => {
    const keys = createLocalKeyProvider({ current: kek() });
    const { ciphertext } = await encryptSecret('secret', keys);
    for (let n = 0; n < ciphertext.length; n += 7) {
      expect(await codeOf(decryptSecret(ciphertext.subarray(0, n), keys))).toMatch(/^SECRETS_(ENVELOPE_INVALID|DECRYPT_FAILED)$/);
    }
    expect(await codeOf(decryptSecret(Buffer.concat([ciphertext, Buffer.from([0])]), keys))).toBe('SECRETS_DECRYPT_FAILED');
    expect(await codeOf(decryptSecret(Buffer.from('{"not":"an envelope"}'), keys))).toBe('SECRETS_ENVELOPE_INVALID');
  });

  it('names an unsupported envelope version', async () => {
    const keys = createLocalKeyProvider({ current: kek() });
    const { ciphertext } = await encryptSecret('secret', keys);
    const v9 = Buffer.from(ciphertext);
    v9[3] = 9;
    await expect(decryptSecret(v9, keys)).rejects.toThrow(/version 9 is not supported/);
  });

  it('refuses a key it does not have, naming the key id and how to fix it', async () => {
    const { ciphertext, keyId } = await encryptSecret('secret', createLocalKeyProvider({ current: kek() }));
    const other = createLocalKeyProvider({ current: kek() });
    const err = await decryptSecret(ciphertext, other).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecurityError);
    expect((err as SecurityError).code).toBe('SECRETS_KEY_UNKNOWN');
    expect((err as SecurityError).message).toContain(keyId);
    expect((err as SecurityError).message).toContain('VIGIL_SECRETS_PREVIOUS_KEYS');
    expect((err as SecurityError).httpStatus).toBe(500);
  });

  it('binds the secret to its context', async () => {
    const keys = createLocalKeyProvider({ current: kek() });
    const { ciphertext } = await encryptSecret(awsKeys, keys, { context: 'tenant:t1/provider:p1' });
    expect(await decryptSecret(ciphertext, keys, { context: 'tenant:t1/provider:p1' })).toEqual(awsKeys);
    expect(await codeOf(decryptSecret(ciphertext, keys, { context: 'tenant:t2/provider:p1' }))).toBe('SECRETS_DECRYPT_FAILED');
    expect(await codeOf(decryptSecret(ciphertext, keys))).toBe('SECRETS_DECRYPT_FAILED');
  });

  it('rotates: old secrets decrypt through the keyring and can be re-encrypted under the new key', async () => {
    const oldKek = kek();
    const newKek = kek();
    const before = await encryptSecret(awsKeys, createLocalKeyProvider({ current: oldKek }), { context: 't1' });
    expect(before.keyId).toBe(kekId(oldKek));

    const ring = createLocalKeyProvider({ current: newKek, previous: [oldKek] });
    expect(ring.keyIds).toEqual([kekId(newKek), kekId(oldKek)]);
    expect(readSecretKeyId(before.ciphertext)).toBe(kekId(oldKek));
    expect(needsReencryption(before.ciphertext, ring)).toBe(true);
    expect(await decryptSecret(before.ciphertext, ring, { context: 't1' })).toEqual(awsKeys);

    const after = await reencryptSecret(before.ciphertext, ring, { context: 't1' });
    expect(after.keyId).toBe(kekId(newKek));
    expect(needsReencryption(after.ciphertext, ring)).toBe(false);
    const newOnly = createLocalKeyProvider({ current: newKek });
    expect(await decryptSecret(after.ciphertext, newOnly, { context: 't1' })).toEqual(awsKeys);
    expect(await codeOf(decryptSecret(before.ciphertext, newOnly, { context: 't1' }))).toBe('SECRETS_KEY_UNKNOWN');
  });

  it('refuses KEKs that are not 32 bytes', () => {
    expect(() => createLocalKeyProvider({ current: randomBytes(16) })).toThrow(expect.objectContaining({ code: 'SECRETS_KEY_INVALID' }));
    expect(() => createLocalKeyProvider({ current: kek(), previous: [randomBytes(31)] })).toThrow(/exactly 32 bytes/);
  });

  it('works with any KeyProvider (the seam a KMS adapter plugs into)', async () => {
    // A stand-in for KMS: the "wrapped" key is opaque bytes the provider maps back.
    const vault = new Map<string, Buffer>();
    const fakeKms: KeyProvider = {
      currentKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      keyIds: ['arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
      async wrapDataKey(dataKey) {
        const handle = randomBytes(24);
        vault.set(handle.toString('hex'), Buffer.from(dataKey));
        return { keyId: this.currentKeyId, wrappedKey: handle };
      },
      async unwrapDataKey(_keyId, wrapped) {
        const key = vault.get(Buffer.from(wrapped).toString('hex'));
        if (!key) throw new SecurityError('SECRETS_DECRYPT_FAILED', 'unknown handle');
        return Buffer.from(key);
      },
    };
    const { ciphertext, keyId } = await encryptSecret('role-external-id', fakeKms);
    expect(keyId).toMatch(/^arn:aws:kms:/);
    expect(readSecretKeyId(ciphertext)).toBe(keyId);
    expect(await decryptSecret(ciphertext, fakeKms)).toBe('role-external-id');
  });
});
