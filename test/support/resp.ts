// Just enough of the Redis protocol for test fixtures (no client library needed to poke a server).
import { connect, type Socket } from 'node:net';

function encode(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

/** Sends one command and resolves to the first reply line (`+OK`, `$3` …, `-ERR …`) and the rest. */
export async function redisCommand(url: string, ...args: string[]): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: hostname, port: Number(port) });
    let reply = '';
    socket.setTimeout(5000, () => {
      socket.destroy(new Error('redis: no reply within 5 s'));
    });
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('utf8');
      // A simple reply, or a bulk string with its payload line.
      const complete =
        /^[+\-:].*\r\n$/s.test(reply) || /^\$-1\r\n$/.test(reply) || /^\$\d+\r\n.*\r\n$/s.test(reply);
      if (complete) {
        socket.end();
        resolve(reply.trimEnd());
      }
    });
    socket.write(encode(args));
  });
}

/** Undoes the escaping Redis applies to arguments in MONITOR output (`\xe5`, `\"`, `\n` …) into UTF-8 text. */
export function unescapeMonitorArgument(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? '';
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = text[i + 1] ?? '';
    if (next === 'x') {
      bytes.push(Number.parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
      continue;
    }
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, a: 7, b: 8, '"': 34, '\\': 92 };
    bytes.push(simple[next] ?? next.charCodeAt(0));
    i += 1;
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Streams every command the server executes (MONITOR) into `sink`, arguments unescaped. Returns a stop
 * function. Used by the PII-04 scan to see every job payload any test queued.
 */
export async function monitorRedis(url: string, sink: (line: string) => void): Promise<() => void> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.on('error', () => undefined);
  let pending = '';
  socket.on('data', (chunk: Buffer) => {
    pending += chunk.toString('latin1');
    let end = pending.indexOf('\r\n');
    while (end !== -1) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 2);
      if (line.startsWith('+') && line !== '+OK') sink(unescapeMonitorArgument(line.slice(1)));
      end = pending.indexOf('\r\n');
    }
  });
  socket.write(encode(['MONITOR']));
  return () => {
    socket.destroy();
  };
}
