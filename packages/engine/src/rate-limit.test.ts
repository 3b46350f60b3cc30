import { describe, expect, it } from 'vitest';
import { errorCode, isThrottle } from './errors.ts';
import { AdaptiveRateLimiter, callWithRetry } from './rate-limit.ts';

const err = (name: string, status?: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('errors', () => {
  it('recognises throttling by code and HTTP status', () => {
    for (const code of ['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown']) {
      expect(isThrottle(err(code, 400)), code).toBe(true);
    }
    expect(isThrottle(err('Unknown', 429))).toBe(true);
    expect(isThrottle(err('Unknown', 503))).toBe(true);
    expect(isThrottle(err('AccessDenied', 403))).toBe(false);
  });
  it('extracts codes from SDK and network errors', () => {
    expect(errorCode(err('AccessDenied', 403))).toBe('AccessDenied');
    expect(errorCode(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(errorCode('weird')).toBe('UnknownError');
  });
});

describe('callWithRetry', () => {
  it('retries throttling with back-off and slows the limiter', async () => {
    const limiter = new AdaptiveRateLimiter(1000);
    let attempts = 0;
    let throttles = 0;
    const result = await callWithRetry(
      async () => {
        if (++attempts < 3) throw err('Throttling', 400);
        return 'ok';
      },
      limiter,
      { baseDelayMs: 1, maxDelayMs: 2 },
      { onThrottle: () => throttles++ },
    );
    expect(result).toBe('ok');
    expect(attempts).toBe(3);
    expect(throttles).toBe(2);
    expect(limiter.currentRate).toBeLessThan(1000);
  });

  it('gives up after the attempt budget with the throttling error', async () => {
    await expect(
      callWithRetry(() => Promise.reject(err('Throttling', 400)), new AdaptiveRateLimiter(1000), { maxAttempts: 3, baseDelayMs: 1 }),
    ).rejects.toMatchObject({ name: 'Throttling' });
  });

  it('does not retry access errors', async () => {
    let attempts = 0;
    await expect(
      callWithRetry(
        () => {
          attempts++;
          return Promise.reject(err('AccessDenied', 403));
        },
        new AdaptiveRateLimiter(1000),
        { baseDelayMs: 1 },
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(attempts).toBe(1);
  });

  it('treats a burst of throttling replies as one signal', () => {
    const limiter = new AdaptiveRateLimiter(100);
    for (let i = 0; i < 70; i++) limiter.onThrottle(10_000 + i);
    expect(limiter.currentRate).toBe(50);
    limiter.onThrottle(11_500);
    expect(limiter.currentRate).toBe(25);
  });

  it('recovers its rate after successes', () => {
    const limiter = new AdaptiveRateLimiter(100);
    limiter.onThrottle();
    expect(limiter.currentRate).toBe(50);
    for (let i = 0; i < 100; i++) limiter.onSuccess();
    expect(limiter.currentRate).toBe(100);
  });
});
