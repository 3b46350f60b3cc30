import { Redis } from 'ioredis';

/**
 * One token bucket per key, refilled at `rate` tokens per second up to `burst`, taken
 * atomically. The clock is Redis's own (`TIME`), so the machines' clocks do not matter.
 * Returns 0 when a token was taken, else the milliseconds until one is due.
 */
const TOKEN_BUCKET = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return wait
`;

/** What the engine's runner consults before every API call (`RunScanOptions.sharedLimiter`). */
export interface SharedRateLimiter {
  /** Waits until a request for `key` may be sent; rejects with the signal's reason when it aborts. */
  acquire(key: string, ratePerSecond: number, signal: AbortSignal): Promise<void>;
}

export interface RedisRateGate extends SharedRateLimiter {
  close(): Promise<void>;
}

export interface RedisRateGateOptions {
  /** Redis URL (`REDIS_URL`). */
  connection: string;
  /** Key prefix. Default `vigil`: keys are `<prefix>:rate:<key>`. */
  prefix?: string;
  /** Requests allowed at once after a quiet period. Default: the rate rounded up (at least 1), like the local limiter. */
  burst?: (ratePerSecond: number) => number;
  /**
   * Where Redis failures go. The gate then lets the request through: the local adaptive
   * limiter still applies, and a Redis outage must not stall or fail scans.
   */
  onError?: (err: unknown) => void;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * A rate limit shared by every worker process: a token bucket in Redis per key (the
 * runner's keys are `account|region|service`), so N workers scanning one account send
 * at most the rate together, not N times it.
 */
export function createRedisRateGate(o: RedisRateGateOptions): RedisRateGate {
  const prefix = o.prefix ?? 'vigil';
  const burstOf = o.burst ?? ((rate: number) => Math.max(1, Math.ceil(rate)));
  // A command fails after one retry during an outage: the call then goes through (the local limiter still applies).
  const client = new Redis(o.connection, { maxRetriesPerRequest: 1 }) as Redis & {
    vigilTokenBucket(key: string, rate: string, burst: string): Promise<unknown>;
  };
  client.on('error', (err: unknown) => o.onError?.(err));
  client.defineCommand('vigilTokenBucket', { numberOfKeys: 1, lua: TOKEN_BUCKET });
  let closed = false;

  return {
    async acquire(key, ratePerSecond, signal) {
      signal.throwIfAborted();
      if (closed || !(ratePerSecond > 0)) return;
      const burst = burstOf(ratePerSecond);
      for (;;) {
        let wait: number;
        try {
          wait = Number(await client.vigilTokenBucket(`${prefix}:rate:${key}`, String(ratePerSecond), String(burst)));
        } catch (err) {
          o.onError?.(err);
          return;
        }
        signal.throwIfAborted();
        if (!(wait > 0)) return;
        await sleep(wait, signal);
      }
    },
    async close() {
      closed = true;
      client.disconnect();
    },
  };
}
