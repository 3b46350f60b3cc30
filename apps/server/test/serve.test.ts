import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { TEST_POSTGRES_URL } from '@vigil/db/testing';
import { startServer } from '../src/serve.ts';

describe('startServer', () => {
  it('runs on the embedded database with keys generated into the data directory', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'vigil-serve-')), 'data');
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent' });
    try {
      expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready' });
      for (const key of ['secrets.key', 'jwt-signing.key']) expect(statSync(join(dataDir, key)).mode & 0o777).toBe(0o600);
    } finally {
      await server.close();
    }
    // A restart finds its database and keys again.
    const again = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent' });
    await again.close();
  });

  it('runs on PostgreSQL with DATABASE_URL', async () => {
    const name = `vigil_test_serve_${Date.now()}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const url = TEST_POSTGRES_URL.replace(/\/[^/]*$/, `/${name}`);
      const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: mkdtempSync(join(tmpdir(), 'vigil-serve-')), databaseUrl: url, logLevel: 'silent' });
      try {
        expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: 'ready' });
      } finally {
        await server.close();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
