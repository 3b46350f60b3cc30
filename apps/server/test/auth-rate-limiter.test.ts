import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/modules/auth/rate-limiter.ts';

function clock(start = 0) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

describe('auth rate limiter', () => {
  it('allows `limit` attempts per window, then answers when to retry', () => {
    const c = clock();
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: c.now });
    for (let i = 0; i < 3; i++) {
      expect(limiter.check('ip:a').allowed).toBe(true);
      limiter.record('ip:a');
    }
    expect(limiter.check('ip:a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    c.advance(59_500);
    expect(limiter.check('ip:a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.check('ip:b').allowed).toBe(true);
    c.advance(500);
    expect(limiter.check('ip:a')).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it('forgets a key on reset', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, now: clock().now });
    limiter.record('k');
    expect(limiter.check('k').allowed).toBe(false);
    limiter.reset('k');
    expect(limiter.check('k').allowed).toBe(true);
  });

  it('stays bounded: expired windows are swept, then the oldest live ones dropped', () => {
    const c = clock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, now: c.now, maxKeys: 2 });
    limiter.record('a');
    limiter.record('b');
    limiter.record('c'); // full of live windows: "a" goes
    expect(limiter.check('a').allowed).toBe(true);
    expect(limiter.check('b').allowed).toBe(false);
    expect(limiter.check('c').allowed).toBe(false);
    c.advance(1000);
    limiter.record('d');
    expect(limiter.check('d').allowed).toBe(false);
  });

  it('rejects non-positive limits', () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: 1000, now: clock().now })).toThrow(RangeError);
  });
});
