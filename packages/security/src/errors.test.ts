import { readFile } from 'node:fs/promises';
import { VigilError } from '@vigil/engine';
import { describe, expect, it } from 'vitest';
import {
  InvalidCredentialsError,
  InvalidTokenError,
  PasswordPolicyError,
  SECURITY_ERROR_CODES,
  SecurityError,
  TokenExpiredError,
  isSecurityError,
  type SecurityErrorCode,
} from './errors.ts';

const codes = Object.keys(SECURITY_ERROR_CODES) as SecurityErrorCode[];

describe('security error catalogue', () => {
  it('has stable, well-formed codes with an HTTP status and a description', () => {
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      const { httpStatus, description } = SECURITY_ERROR_CODES[code];
      expect([400, 401, 403, 500]).toContain(httpStatus);
      expect(description.length).toBeGreaterThan(10);
    }
  });

  it('builds VigilErrors with code, message and status', () => {
    for (const code of codes) {
      const err = new SecurityError(code, 'message', { details: { x: 1 } });
      expect(err).toBeInstanceOf(VigilError);
      expect(err).toBeInstanceOf(Error);
      expect(err.code).toBe(code);
      expect(err.message).toBe('message');
      expect(err.httpStatus).toBe(SECURITY_ERROR_CODES[code].httpStatus);
      expect(err.details).toEqual({ x: 1 });
      expect(isSecurityError(err, code)).toBe(true);
    }
    expect(isSecurityError(new Error('x'))).toBe(false);
  });

  it('has subclasses for the codes the API branches on', () => {
    expect(new InvalidTokenError('x').code).toBe('AUTH_INVALID_TOKEN');
    expect(new TokenExpiredError('x').code).toBe('AUTH_TOKEN_EXPIRED');
    expect(new InvalidCredentialsError().code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(new PasswordPolicyError('x', []).code).toBe('AUTH_PASSWORD_POLICY');
    const cause = new Error('root');
    expect(new InvalidTokenError('x', { cause }).cause).toBe(cause);
  });

  it('is documented in the README, code by code', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `([A-Z0-9_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(documented).toEqual(codes.map((c) => [c, SECURITY_ERROR_CODES[c].httpStatus]));
  });
});
