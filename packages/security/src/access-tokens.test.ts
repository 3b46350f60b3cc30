import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAccessTokenService, signingKeyId, type AccessTokenService } from './access-tokens.ts';
import { InvalidTokenError, SecurityError, TokenExpiredError } from './errors.ts';

const secret = randomBytes(32);
const subject = { userId: 'usr_1', tenantId: 'ten_1', role: 'admin' };

function clock(start = Date.parse('2026-11-01T12:00:00Z')): { now: () => Date; advance: (seconds: number) => void } {
  let t = start;
  return { now: () => new Date(t), advance: (s) => (t += s * 1000) };
}

async function failure(service: AccessTokenService, token: string): Promise<SecurityError> {
  const err = await service.verify(token).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SecurityError);
  return err as SecurityError;
}

describe('access tokens', () => {
  it('issues a 15-minute token whose claims verify', async () => {
    const c = clock();
    const service = createAccessTokenService({ keys: { current: secret }, now: c.now });
    const issued = await service.issue(subject);
    expect(issued.expiresAt.getTime() - c.now().getTime()).toBe(900_000);
    const claims = await service.verify(issued.token);
    expect(claims).toEqual(issued.claims);
    expect(claims).toMatchObject({ sub: 'usr_1', tid: 'ten_1', role: 'admin' });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    const header = JSON.parse(Buffer.from(issued.token.split('.')[0] as string, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toEqual({ alg: 'HS256', typ: 'at+jwt', kid: signingKeyId(secret) });
  });

  it('gives every token a distinct jti', async () => {
    const service = createAccessTokenService({ keys: { current: secret } });
    const a = await service.issue(subject);
    const b = await service.issue(subject);
    expect(a.claims.jti).not.toBe(b.claims.jti);
  });

  it('tolerates clock skew, then reports expiry distinctly', async () => {
    const c = clock();
    const service = createAccessTokenService({ keys: { current: secret }, now: c.now, clockToleranceSeconds: 30 });
    const { token } = await service.issue(subject);
    c.advance(900 + 29);
    await expect(service.verify(token)).resolves.toMatchObject({ sub: 'usr_1' });
    c.advance(2);
    const err = await failure(service, token);
    expect(err).toBeInstanceOf(TokenExpiredError);
    expect(err.code).toBe('AUTH_TOKEN_EXPIRED');
    expect(err.httpStatus).toBe(401);
    expect(err.details?.expiredAt).toBe('2026-11-01T12:15:00.000Z');
  });

  it('rejects a token issued in the future beyond the tolerance', async () => {
    const c = clock();
    const issuer = createAccessTokenService({ keys: { current: secret }, now: () => new Date(c.now().getTime() + 3_600_000) });
    const verifier = createAccessTokenService({ keys: { current: secret }, now: c.now });
    const { token } = await issuer.issue(subject);
    expect((await failure(verifier, token)).code).toBe('AUTH_INVALID_TOKEN');
  });

  it('rejects tampered, foreign-key, garbage and oversized tokens as invalid', async () => {
    const service = createAccessTokenService({ keys: { current: secret } });
    const { token } = await service.issue(subject);
    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forgedPayload = Buffer.from(JSON.stringify({ ...payload, role: 'owner' })).toString('base64url');
    const flipped = s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.at(-1);
    const other = await createAccessTokenService({ keys: { current: randomBytes(32) } }).issue(subject);
    for (const bad of [`${h}.${forgedPayload}.${s}`, `${h}.${p}.${flipped}`, other.token, 'garbage', '', `${token}x`, 'a'.repeat(5000)]) {
      const err = await failure(service, bad);
      expect(err).toBeInstanceOf(InvalidTokenError);
      expect(err.code).toBe('AUTH_INVALID_TOKEN');
    }
  });

  it('rejects alg "none", other issuers/audiences and JWTs that are not access tokens', async () => {
    const service = createAccessTokenService({ keys: { current: secret } });
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: signingKeyId(secret) })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: 'usr_1', tid: 't', role: 'owner', jti: 'j', iat: now, exp: now + 60, iss: 'vigil', aud: 'vigil-api' }),
    ).toString('base64url')}.`;
    expect((await failure(service, unsigned)).code).toBe('AUTH_INVALID_TOKEN');

    const sign = (header: Record<string, string>, iss = 'vigil', aud = 'vigil-api'): Promise<string> =>
      new SignJWT({ tid: 't', role: 'owner' })
        .setProtectedHeader({ alg: 'HS256', kid: signingKeyId(secret), ...header })
        .setSubject('usr_1')
        .setJti('j')
        .setIssuedAt(now)
        .setExpirationTime(now + 60)
        .setIssuer(iss)
        .setAudience(aud)
        .sign(secret);
    expect((await failure(service, await sign({}))).message).toContain('invalid');
    expect((await failure(service, await sign({ typ: 'JWT' }))).code).toBe('AUTH_INVALID_TOKEN');
    expect((await failure(service, await sign({ typ: 'at+jwt' }, 'someone-else'))).code).toBe('AUTH_INVALID_TOKEN');
    expect((await failure(service, await sign({ typ: 'at+jwt' }, 'vigil', 'other-api'))).code).toBe('AUTH_INVALID_TOKEN');
    await expect(service.verify(await sign({ typ: 'at+jwt' }))).resolves.toMatchObject({ sub: 'usr_1', role: 'owner' });
  });

  it('rejects a correctly signed token without the tid or role claim', async () => {
    const service = createAccessTokenService({ keys: { current: secret } });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ role: 'owner' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: signingKeyId(secret) })
      .setSubject('usr_1')
      .setJti('j')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .setIssuer('vigil')
      .setAudience('vigil-api')
      .sign(secret);
    expect((await failure(service, token)).message).toContain('tid');
  });

  it('verifies tokens signed with a previous secret during a rotation', async () => {
    const oldSecret = randomBytes(32);
    const newSecret = randomBytes(32);
    const { token } = await createAccessTokenService({ keys: { current: oldSecret } }).issue(subject);
    const rotated = createAccessTokenService({ keys: { current: newSecret, previous: [oldSecret] } });
    await expect(rotated.verify(token)).resolves.toMatchObject({ sub: 'usr_1' });
    const fresh = await rotated.issue(subject);
    expect(JSON.parse(Buffer.from(fresh.token.split('.')[0] as string, 'base64url').toString())).toMatchObject({ kid: signingKeyId(newSecret) });
    const after = createAccessTokenService({ keys: { current: newSecret } });
    expect((await failure(after, token)).message).toContain('unknown key');
  });

  it('refuses short secrets and bad subjects', async () => {
    expect(() => createAccessTokenService({ keys: { current: randomBytes(16) } })).toThrow(expect.objectContaining({ code: 'AUTH_SIGNING_KEY_INVALID' }));
    const service = createAccessTokenService({ keys: { current: secret } });
    await expect(service.issue({ ...subject, tenantId: '' })).rejects.toThrow(TypeError);
  });
});
