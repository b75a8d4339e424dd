// A TCP fault proxy on 127.0.0.1 for outage tests: put it between the service and MongoDB (or Redis) and
// switch what the network does while the test runs, without stopping the shared servers.
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * - `pass`: forward both ways.
 * - `reset`: tear down every open connection (TCP RST) and reset each new one at once: a server that
 *   crashed or a firewall that rejects.
 * - `blackhole`: accept connections and never answer; bytes on open connections go nowhere. A connection
 *   that met the black hole stays dead after the mode changes (as after a lost NAT entry): only the
 *   client's own timeouts get it out.
 * - `latency`: forward each chunk after `latencyMs`, order kept.
 */
export type FaultMode = 'pass' | 'reset' | 'blackhole' | 'latency';

export interface FaultProxyOptions {
  readonly targetHost?: string;
  readonly targetPort: number;
  readonly mode?: FaultMode;
  readonly latencyMs?: number;
}

export interface FaultProxy {
  readonly port: number;
  readonly mode: FaultMode;
  /** Connections open right now (client side). */
  readonly openConnections: number;
  /** Every connection accepted since the start. */
  readonly acceptedConnections: number;
  /** `scheme://127.0.0.1:<proxy port>`, e.g. `mongodb://127.0.0.1:40123`. */
  url(scheme: string): string;
  setMode(mode: FaultMode, options?: { latencyMs?: number }): void;
  close(): Promise<void>;
}

interface Pair {
  readonly client: Socket;
  upstream: Socket | undefined;
  /** Met the black hole: never forwards again. */
  dead: boolean;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const targetHost = options.targetHost ?? '127.0.0.1';
  let mode: FaultMode = options.mode ?? 'pass';
  let latencyMs = options.latencyMs ?? 100;
  let accepted = 0;
  const pairs = new Set<Pair>();

  const reset = (pair: Pair) => {
    pair.client.resetAndDestroy();
    pair.upstream?.resetAndDestroy();
    pairs.delete(pair);
  };

  /** Forwards `from` → `to` under the mode in force when each chunk arrives. */
  const forward = (pair: Pair, from: Socket, to: () => Socket | undefined) => {
    // One chain per direction, so delayed chunks keep their order.
    let chain = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      if (pair.dead || mode === 'blackhole') {
        pair.dead = true;
        return;
      }
      if (mode === 'latency') {
        const delay = latencyMs;
        chain = chain.then(
          () =>
            new Promise<void>((resolve) => {
              setTimeout(() => {
                if (!pair.dead) to()?.write(chunk);
                resolve();
              }, delay);
            }),
        );
        return;
      }
      chain = chain.then(() => {
        if (!pair.dead) to()?.write(chunk);
      });
    });
  };

  const server: Server = createServer({ noDelay: true }, (client) => {
    accepted += 1;
    const pair: Pair = { client, upstream: undefined, dead: false };
    pairs.add(pair);
    client.on('error', () => undefined);
    client.on('close', () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    if (mode === 'reset') {
      reset(pair);
      return;
    }
    if (mode === 'blackhole') {
      // Accepted, then silence: the client's connect succeeds and its first request never returns.
      pair.dead = true;
      client.resume();
      return;
    }
    const upstream = connect({ host: targetHost, port: options.targetPort, noDelay: true });
    pair.upstream = upstream;
    upstream.on('error', () => {
      client.destroy();
    });
    upstream.on('close', () => {
      if (!pair.dead) client.destroy();
    });
    forward(pair, client, () => pair.upstream);
    forward(pair, upstream, () => client);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy: no port');

  return {
    port: address.port,
    get mode() {
      return mode;
    },
    get openConnections() {
      return pairs.size;
    },
    get acceptedConnections() {
      return accepted;
    },
    url: (scheme) => `${scheme}://127.0.0.1:${address.port}`,
    setMode(next, change = {}) {
      mode = next;
      if (change.latencyMs !== undefined) latencyMs = change.latencyMs;
      if (next === 'reset') for (const pair of [...pairs]) reset(pair);
      if (next === 'blackhole') for (const pair of pairs) pair.dead = true;
    },
    async close() {
      for (const pair of [...pairs]) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
