import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from './database.ts';
import type { Db } from './database.ts';
import { createTestDatabase, startTcpProxy } from './testing/index.ts';
import type { TcpProxy, TestDatabase } from './testing/index.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects to the port; resolves with what the peer echoed to `line`, or with `closed` when it reset or closed first. */
function exchange(port: number, line: string): Promise<{ echoed: string; closed: boolean; socket: Socket }> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let echoed = '';
    socket.on('error', () => undefined);
    socket.on('data', (d: Buffer) => {
      echoed += d.toString();
      if (echoed.length >= line.length) resolve({ echoed, closed: false, socket });
    });
    socket.on('close', () => resolve({ echoed, closed: true, socket }));
    socket.on('connect', () => socket.write(line));
  });
}

describe('startTcpProxy', () => {
  let echo: Server;
  let proxy: TcpProxy;

  beforeAll(async () => {
    echo = createServer((s) => {
      s.on('error', () => undefined);
      s.pipe(s);
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: (echo.address() as AddressInfo).port });
  });
  afterAll(async () => {
    await proxy?.close();
    await new Promise((r) => echo?.close(r));
  });

  it('forwards bytes both ways; cut() resets open connections and refuses new ones until restore()', async () => {
    const before = await exchange(proxy.port, 'hello');
    expect(before).toMatchObject({ echoed: 'hello', closed: false });
    expect(proxy.open).toBe(1);

    const closed = new Promise<void>((r) => before.socket.once('close', () => r()));
    proxy.cut();
    await closed;
    expect([proxy.isCut, proxy.open, proxy.severed]).toEqual([true, 0, 1]);

    const during = await exchange(proxy.port, 'anyone?');
    expect(during).toMatchObject({ echoed: '', closed: true });
    expect(proxy.refused).toBe(1);

    proxy.restore();
    const after = await exchange(proxy.port, 'back');
    expect(after).toMatchObject({ echoed: 'back', closed: false });
    after.socket.end();
    expect(proxy.accepted).toBe(2);
  });

  it('a connection whose target is down is reset, not left hanging', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((r) => dead.close(r));
    const nowhere = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: port });
    try {
      expect(await exchange(nowhere.port, 'x')).toMatchObject({ echoed: '', closed: true });
    } finally {
      await nowhere.close();
    }
  });
});

/**
 * The PostgreSQL pool through a connection that breaks: a lost connection fails the
 * transaction that used it (and only it), never the process, and the pool connects
 * again once the server is back.
 */
describe('a PostgreSQL database handle losing its server', () => {
  let t: TestDatabase;
  let proxy: TcpProxy;
  let db: Db;
  const lost: Error[] = [];

  beforeAll(async () => {
    t = await createTestDatabase('postgres', { migrate: false });
    const direct = new URL(t.url as string);
    proxy = await startTcpProxy({ targetHost: direct.hostname, targetPort: Number(direct.port || 5432) });
    const proxied = new URL(direct);
    proxied.host = `${proxy.host}:${proxy.port}`;
    db = await createDatabase({ url: proxied.toString(), poolSize: 3, onConnectionError: (err) => lost.push(err) });
    await sql`create table outage (n int)`.execute(t.db);
  }, 60_000);
  afterAll(async () => {
    await db?.destroy();
    await proxy?.close();
    await t?.close();
  });

  const rows = async () => (await sql<{ n: number }>`select n from outage order by n`.execute(t.db)).rows.map((r) => r.n);
  /** Retries `fn` until the server answers again (the pool reconnects by itself). */
  const once = async <T>(fn: () => Promise<T>): Promise<T> => {
    for (let i = 0; ; i++) {
      try {
        return await fn();
      } catch (err) {
        if (i >= 50) throw err;
        await tick(100);
      }
    }
  };

  it('fails the transaction in progress, keeps idle connections from crashing the process, reconnects after', async () => {
    // Three connections in the pool, idle once these end.
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(db)));
    lost.length = 0;

    // A transaction has written, then its connection breaks before it commits.
    const failed = db.transaction().execute(async (trx) => {
      await sql`insert into outage values (1)`.execute(trx);
      proxy.cut();
      await tick(200);
      await sql`insert into outage values (2)`.execute(trx);
    });
    await expect(failed).rejects.toThrow();
    // Every pooled connection was lost (the idle ones too), each reported once; none crashed the process.
    await tick(200);
    expect(lost.length).toBeGreaterThanOrEqual(3);
    // Meanwhile queries fail fast.
    await expect(sql`select 1`.execute(db)).rejects.toThrow();

    proxy.restore();
    await once(() => db.transaction().execute((trx) => sql`insert into outage values (3)`.execute(trx)));
    // The broken transaction committed nothing; the one after the outage did.
    expect(await rows()).toEqual([3]);
    // The pool is whole again: as many connections at once as before.
    const pids = await Promise.all([1, 2, 3].map(() => db.transaction().execute(async (trx) => {
      const r = await sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(trx);
      return r.rows[0]?.pid;
    })));
    expect(new Set(pids).size).toBe(3);
  });

  it('a connection lost in the middle of a query (not between two) fails that query only', async () => {
    await once(() => sql`select 1`.execute(db));
    const slow = sql`select pg_sleep(5)`.execute(db);
    await tick(300);
    proxy.cut();
    await expect(slow).rejects.toThrow();
    proxy.restore();
    const r = await once(() => sql<{ one: number }>`select 1 as one`.execute(db));
    expect(r.rows).toEqual([{ one: 1 }]);
  });
});
