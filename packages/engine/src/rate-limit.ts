import { errorCode, isThrottle, isTransient } from './errors.ts';

/**
 * A token bucket (as a theoretical-arrival-time scheduler) whose rate halves on
 * throttling and creeps back up on success: additive increase, multiplicative decrease.
 */
export class AdaptiveRateLimiter {
  private rate: number;
  private readonly maxRate: number;
  private readonly minRate: number;
  private readonly burst: number;
  private tat = 0;
  private lastCut = -Infinity;

  constructor(ratePerSecond: number, burst = Math.max(1, Math.ceil(ratePerSecond))) {
    this.rate = ratePerSecond;
    this.maxRate = ratePerSecond;
    this.minRate = Math.max(0.2, ratePerSecond / 32);
    this.burst = burst;
  }

  get currentRate(): number {
    return this.rate;
  }

  /** Waits until a request may be sent. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const interval = 1000 / this.rate;
    const now = Date.now();
    const tat = Math.max(this.tat, now);
    const wait = tat - now - (this.burst - 1) * interval;
    this.tat = tat + interval;
    if (wait > 0) await sleep(wait, signal);
  }

  /**
   * Halves the rate, at most once per second: the replies to one burst arrive together and
   * are one signal, not dozens (which would collapse the rate to its floor).
   */
  onThrottle(now = Date.now()): void {
    if (now - this.lastCut < 1000) return;
    this.lastCut = now;
    this.rate = Math.max(this.minRate, this.rate / 2);
  }

  onSuccess(): void {
    if (this.rate < this.maxRate) this.rate = Math.min(this.maxRate, this.rate + this.maxRate / 50);
  }
}

export interface RetryOptions {
  /** Attempts in all, the first included. Default 8. */
  maxAttempts?: number;
  /** First back-off in milliseconds (full jitter, doubling). Default 250. */
  baseDelayMs?: number;
  /** Longest back-off. Default 20 000. */
  maxDelayMs?: number;
}

export interface CallHooks {
  onAttempt?: () => void;
  onThrottle?: () => void;
  onRetry?: (code: string, attempt: number) => void;
}

/** Calls `fn` under `limiter`, retrying throttling and transient errors with exponential back-off. */
export async function callWithRetry<T>(
  fn: () => Promise<T>,
  limiter: AdaptiveRateLimiter,
  options: RetryOptions = {},
  hooks: CallHooks = {},
  signal?: AbortSignal,
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.baseDelayMs ?? 250;
  const cap = options.maxDelayMs ?? 20_000;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    await limiter.acquire(signal);
    hooks.onAttempt?.();
    try {
      const result = await fn();
      limiter.onSuccess();
      return result;
    } catch (err) {
      const throttled = isThrottle(err);
      if (throttled) {
        limiter.onThrottle();
        hooks.onThrottle?.();
      }
      // Transient network errors get fewer attempts than throttling.
      const retryable = throttled || (isTransient(err) && attempt < Math.min(maxAttempts, 4));
      if (!retryable || attempt >= maxAttempts) throw err;
      hooks.onRetry?.(errorCode(err), attempt);
      await sleep(Math.random() * Math.min(cap, base * 2 ** (attempt - 1)), signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
