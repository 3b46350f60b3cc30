import { connect, createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/** Options of {@link startTcpProxy}. */
export interface TcpProxyOptions {
  /** Where the connections are forwarded to, e.g. `127.0.0.1`. */
  targetHost: string;
  targetPort: number;
  /** The loopback address the proxy listens on. Default `127.0.0.1`. */
  host?: string;
  /** The port the proxy listens on. Default: a free one. */
  port?: number;
}

/**
 * A loopback TCP proxy that can simulate an outage of the server behind it, for tests
 * of what clients do when their server (PostgreSQL, Redis) is briefly unreachable.
 */
export interface TcpProxy {
  /** The address clients connect to instead of the target's. */
  readonly host: string;
  readonly port: number;
  /** Connections forwarded so far. */
  readonly accepted: number;
  /** Connections refused (reset as soon as accepted) while cut. */
  readonly refused: number;
  /** Open connections cut by {@link TcpProxy.cut} so far. */
  readonly severed: number;
  /** Connections forwarded right now. */
  readonly open: number;
  /** True between `cut()` and `restore()`. */
  readonly isCut: boolean;
  /**
   * The outage starts: every open connection is reset (both its client and its
   * upstream side), and new connections are reset as soon as they are accepted, until
   * {@link TcpProxy.restore}. The port stays bound, so no other process can take it meanwhile.
   */
  cut(): void;
  /** The outage ends: new connections are forwarded again. */
  restore(): void;
  /** Stops listening and resets every open connection. */
  close(): Promise<void>;
}

/** Resets a socket (RST, as a crashed peer or a broken network would), or destroys it where it cannot. */
function reset(socket: Socket): void {
  if (socket.destroyed) return;
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

/**
 * Starts a TCP proxy on a loopback port forwarding every connection to
 * `targetHost:targetPort`, byte for byte, until {@link TcpProxy.cut}.
 */
export async function startTcpProxy(o: TcpProxyOptions): Promise<TcpProxy> {
  const host = o.host ?? '127.0.0.1';
  const pairs = new Set<[Socket, Socket]>();
  let isCut = false;
  let accepted = 0;
  let refused = 0;
  let severed = 0;

  const server = createServer((client) => {
    // A socket without an 'error' listener would throw on its first reset.
    client.on('error', () => undefined);
    if (isCut) {
      refused++;
      reset(client);
      return;
    }
    accepted++;
    const upstream = connect({ host: o.targetHost, port: o.targetPort });
    upstream.on('error', () => undefined);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    // One side went away: so does the other. A side that failed (reset, refused) resets
    // the other, as through a real network; a side that ended cleanly ends the other
    // once the bytes in flight are written (the pipe ends it).
    const drop = (other: Socket) => (hadError: boolean) => {
      pairs.delete(pair);
      if (hadError) reset(other);
      else other.end();
    };
    client.on('close', drop(upstream));
    upstream.on('close', drop(client));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const resetAll = () => {
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      severed++;
      for (const s of pair) reset(s);
    }
  };

  return {
    host,
    port,
    get accepted() {
      return accepted;
    },
    get refused() {
      return refused;
    },
    get severed() {
      return severed;
    },
    get open() {
      return pairs.size;
    },
    get isCut() {
      return isCut;
    },
    cut() {
      isCut = true;
      resetAll();
    },
    restore() {
      isCut = false;
    },
    async close() {
      isCut = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      resetAll();
      await closed;
    },
  };
}
