import { describe, expect, it } from 'vitest';
import { PasswordPolicyError, SecurityError } from './errors.ts';
import {
  DEFAULT_SCRYPT_PARAMS,
  assertPasswordPolicy,
  checkPasswordPolicy,
  decodePasswordHash,
  hashPassword,
  needsRehash,
  verifyPassword,
  verifyPasswordOfUnknownUser,
  type ScryptParams,
} from './passwords.ts';

// Cheap parameters keep the suite fast; one test runs the production defaults.
const FAST: ScryptParams = { logN: 10, r: 8, p: 1, saltBytes: 16, hashBytes: 32 };

describe('password hashing', () => {
  it('hashes with the defaults into a self-describing PHC string and verifies', async () => {
    const encoded = await hashPassword('correct horse battery staple');
    expect(encoded).toMatch(/^\$scrypt\$ln=16,r=8,p=2\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('correct horse battery staple', encoded)).toBe(true);
    expect(await verifyPassword('correct horse battery staplE', encoded)).toBe(false);
    expect(needsRehash(encoded)).toBe(false);
  });

  it('salts every hash', async () => {
    const a = await hashPassword('same password 1', FAST);
    const b = await hashPassword('same password 1', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password 1', a)).toBe(true);
    expect(await verifyPassword('same password 1', b)).toBe(true);
  });

  it('verifies with the parameters stored in the hash', async () => {
    const encoded = await hashPassword('Tr0ub4dor&3xyz', FAST);
    expect(decodePasswordHash(encoded).params).toEqual(FAST);
    expect(await verifyPassword('Tr0ub4dor&3xyz', encoded)).toBe(true);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('normalises Unicode so composed and decomposed input match', async () => {
    const composed = 'caf\u00e9-password-1';
    const decomposed = 'cafe\u0301-password-1';
    const encoded = await hashPassword(composed, FAST);
    expect(await verifyPassword(decomposed, encoded)).toBe(true);
  });

  it('needsRehash when any parameter differs from the current ones', async () => {
    const encoded = await hashPassword('some long password', FAST);
    expect(needsRehash(encoded, FAST)).toBe(false);
    expect(needsRehash(encoded)).toBe(true);
    expect(needsRehash(encoded, { ...FAST, logN: 11 })).toBe(true);
    expect(needsRehash(encoded, { ...FAST, p: 2 })).toBe(true);
    expect(needsRehash(encoded, { ...FAST, hashBytes: 64 })).toBe(true);
  });

  it.each([
    ['not a hash', 'plaintext-password'],
    ['bcrypt', '$2b$12$abcdefghijklmnopqrstuu5c/4o6vAi0WS/xt3wIZAfljCaZKZx7i'],
    ['missing part', '$scrypt$ln=16,r=8,p=2$c2FsdHNhbHRzYWx0c2FsdA'],
    ['bad params', '$scrypt$N=65536,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g'],
    ['absurd cost', '$scrypt$ln=40,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g'],
    ['short salt', '$scrypt$ln=16,r=8,p=1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g'],
    ['not base64', '$scrypt$ln=16,r=8,p=1$!!!!$????'],
  ])('refuses a malformed stored hash (%s) with AUTH_PASSWORD_HASH_INVALID', async (_label, encoded) => {
    await expect(verifyPassword('whatever password', encoded)).rejects.toThrow(expect.objectContaining({ code: 'AUTH_PASSWORD_HASH_INVALID' }));
    expect(() => needsRehash(encoded)).toThrow(SecurityError);
  });

  it('does not hash passwords above the maximum length', async () => {
    const encoded = await hashPassword('x'.repeat(1024), FAST);
    expect(await verifyPassword('x'.repeat(1024), encoded)).toBe(true);
    expect(await verifyPassword('x'.repeat(1025), encoded)).toBe(false);
    await expect(hashPassword('x'.repeat(1025), FAST)).rejects.toThrow(PasswordPolicyError);
  });

  it('answers false for an unknown user after doing the same work', async () => {
    expect(await verifyPasswordOfUnknownUser('any password', FAST)).toBe(false);
    expect(await verifyPasswordOfUnknownUser('y'.repeat(5000), FAST)).toBe(false);
  });

  it('refuses unsupported parameters', async () => {
    await expect(hashPassword('password long enough', { ...FAST, logN: 4 })).rejects.toThrow(RangeError);
    await expect(hashPassword('password long enough', { ...FAST, saltBytes: 8 })).rejects.toThrow(RangeError);
  });

  it('keeps the documented default cost', () => {
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ logN: 16, r: 8, p: 2, saltBytes: 16, hashBytes: 32 });
  });
});

describe('password policy', () => {
  it.each([
    ['correct horse battery staple 9', true],
    ['CorrectHorseBattery', true],
    ['aaaaaaaaaaa1', true],
    ['пароль-очень-надёжный', true],
    ['short1A!', false],
    ['alllowercaseletters', false],
    ['ALLUPPERCASELETTERS', false],
    ['123456789012345', false],
    ['!!!!!!!!!!!!!!!!', false],
    ['x'.repeat(1025), false],
  ])('%s → ok=%s', (password, ok) => {
    expect(checkPasswordPolicy(password).ok).toBe(ok);
  });

  it('lists every violation with a stable rule id', () => {
    expect(checkPasswordPolicy('abc').violations.map((v) => v.rule)).toEqual(['min_length', 'character_classes']);
    expect(checkPasswordPolicy('a'.repeat(2000)).violations.map((v) => v.rule)).toEqual(['max_length']);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(checkPasswordPolicy('🔑🔑🔑🔑🔑a').violations.map((v) => v.rule)).toContain('min_length');
  });

  it('assertPasswordPolicy throws AUTH_PASSWORD_POLICY with details (400)', () => {
    expect(() => assertPasswordPolicy('correct horse battery staple 9')).not.toThrow();
    try {
      assertPasswordPolicy('short');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PasswordPolicyError);
      const e = err as PasswordPolicyError;
      expect(e.code).toBe('AUTH_PASSWORD_POLICY');
      expect(e.httpStatus).toBe(400);
      expect(e.details?.violations).toHaveLength(2);
      expect(e.message).not.toContain('short');
    }
  });

  it('accepts a custom policy', () => {
    expect(checkPasswordPolicy('abcdefgh', { minLength: 8, maxLength: 64, minClasses: 1 }).ok).toBe(true);
  });
});
