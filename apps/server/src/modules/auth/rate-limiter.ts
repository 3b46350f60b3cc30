/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Attempts allowed per key within one window. */
  limit: number;
  /** Length of the window, in milliseconds. */
  windowMs: number;
  /** The clock (the app's `deps.now`). */
  now: () => Date;
  /** Keys kept before expired windows are swept (memory bound; default 10 000). */
  maxKeys?: number;
}

/** The answer of {@link RateLimiter.check}: whether another attempt is allowed, and when to retry if not. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the key's window ends (0 when allowed). */
  retryAfterSeconds: number;
}

/** An in-process, fixed-window attempt counter per key (an IP address, an email…). */
export interface RateLimiter {
  /** Whether `key` may make another attempt now; does not count one. */
  check(key: string): RateLimitDecision;
  /** Counts one attempt of `key`. */
  record(key: string): void;
  /** Forgets `key` (e.g. after a successful login). */
  reset(key: string): void;
}

interface Window {
  count: number;
  endsAt: number;
}

/**
 * Creates a fixed-window limiter. State lives in this process only: several API processes
 * each allow `limit` attempts, which is enough to make online password guessing slow.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  if (!(options.limit > 0) || !(options.windowMs > 0)) throw new RangeError('Rate limits must be positive.');
  const maxKeys = options.maxKeys ?? 10_000;
  const windows = new Map<string, Window>();

  const current = (key: string, at: number): Window | undefined => {
    const w = windows.get(key);
    if (w && w.endsAt <= at) {
      windows.delete(key);
      return undefined;
    }
    return w;
  };

  const sweep = (at: number): void => {
    for (const [key, w] of windows) if (w.endsAt <= at) windows.delete(key);
    // Still full of live windows: drop the oldest (insertion order) rather than grow without bound.
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  };

  return {
    check(key) {
      const at = options.now().getTime();
      const w = current(key, at);
      if (!w || w.count < options.limit) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.endsAt - at) / 1000)) };
    },
    record(key) {
      const at = options.now().getTime();
      const w = current(key, at);
      if (w) {
        w.count += 1;
        return;
      }
      if (windows.size >= maxKeys) sweep(at);
      windows.set(key, { count: 1, endsAt: at + options.windowMs });
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
