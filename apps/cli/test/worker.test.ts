import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@vigil/db/testing';
import { bufferIo } from '../src/io.ts';
import { main } from '../src/main.ts';
import { tempDir } from './env.ts';

const VARS = ['DATABASE_URL', 'REDIS_URL', 'VIGIL_SECRETS_KEY', 'VIGIL_DATA_DIR', 'VIGIL_REDIS_PREFIX'] as const;
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

async function vigil(args: string[]) {
  const io = bufferIo();
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('vigil worker', () => {
  const saved: Partial<Record<(typeof VARS)[number], string>> = {};
  beforeEach(() => {
    for (const v of VARS) {
      saved[v] = process.env[v];
      delete process.env[v];
    }
  });
  afterEach(() => {
    for (const v of VARS) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
  });

  it('needs DATABASE_URL, on PostgreSQL (exit 2, one line)', async () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:6379';
    const r = await vigil(['worker']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('vigil: vigil worker needs DATABASE_URL: the PostgreSQL database of the API (postgres://…)\n');
    process.env.DATABASE_URL = '/var/lib/vigil/pgdata';
    const r2 = await vigil(['worker']);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/^vigil: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL[^\n]*\n$/);
  });

  it('needs REDIS_URL (exit 2, one line, no password echoed)', async () => {
    process.env.DATABASE_URL = 'postgres://vigil@db.example/vigil';
    const r = await vigil(['worker']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^vigil: vigil worker needs REDIS_URL[^\n]*\n$/);
    process.env.REDIS_URL = 'http://:hunter2@cache:6379';
    const r2 = await vigil(['worker']);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/^vigil: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL[^\n]*\n$/);
    expect(r2.err).not.toContain('hunter2');
  });

  it("needs the server's secrets key: VIGIL_SECRETS_KEY or a data directory holding it (never generates one)", async () => {
    process.env.DATABASE_URL = 'postgres://vigil@db.example/vigil';
    process.env.REDIS_URL = 'redis://127.0.0.1:6379';
    const empty = tempDir('vigil-worker-');
    const r = await vigil(['worker', '--data-dir', empty]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`vigil: vigil worker needs the server's secrets key: set VIGIL_SECRETS_KEY, or --data-dir to the server's data directory (no ${join(empty, 'secrets.key')})\n`);
    const r2 = await vigil(['worker']);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/^vigil: vigil worker needs the server's secrets key[^(\n]*\n$/);
  });

  it('rejects a --concurrency that is not a positive integer', async () => {
    const r = await vigil(['worker', '--concurrency', '0']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--concurrency must be a positive integer, got "0"');
  });

  it('starts, says it is ready, and stops cleanly on SIGTERM', async () => {
    const database = await createTestDatabase('postgres');
    const prefix = `vigil-cli-worker-${randomBytes(6).toString('hex')}`;
    const dataDir = tempDir('vigil-worker-');
    writeFileSync(join(dataDir, 'secrets.key'), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    try {
      const bin = fileURLToPath(new URL('../bin/vigil.js', import.meta.url));
      const env = { ...process.env, DATABASE_URL: database.url, REDIS_URL, VIGIL_REDIS_PREFIX: prefix, VIGIL_LOG_LEVEL: 'warn' };
      const child = spawn(process.execPath, [bin, 'worker', '--concurrency', '2', '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      const ready = new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('ready')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before it was ready: ${stderr}`)));
      });
      await ready;
      expect(stderr).toBe(`Vigil worker ready: queue vigil-scans on ${REDIS_URL.replace(/\/?$/, '')}, concurrency 2, secrets key from file. Stop with Ctrl-C.\n`);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await database.close();
      const { connectTestRedis, deleteKeys } = await import('../../server/test/fixtures/redis.ts');
      const redis = await connectTestRedis();
      await deleteKeys(redis, prefix);
      redis.disconnect();
    }
  }, 60_000);
});
