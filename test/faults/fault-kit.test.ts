import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { expect } from 'chai';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startKillableRedis } from '../support/killable-redis.ts';
import { redisCommand, unescapeMonitorArgument } from '../support/resp.ts';

/** What a client socket saw: the bytes it got, and how it ended (if it did within the wait). */
interface Seen {
  data: string;
  ended: 'open' | 'closed' | 'reset';
  ms: number;
}

async function talk(port: number, message: string, waitMs: number): Promise<Seen> {
  const started = performance.now();
  const socket: Socket = connect({ host: '127.0.0.1', port });
  let data = '';
  let ended: Seen['ended'] = 'open';
  let firstByteMs = -1;
  socket.on('data', (chunk: Buffer) => {
    if (firstByteMs < 0) firstByteMs = performance.now() - started;
    data += chunk.toString();
  });
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ECONNRESET') ended = 'reset';
  });
  socket.on('close', () => {
    if (ended === 'open') ended = 'closed';
  });
  socket.write(message);
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  socket.destroy();
  return { data, ended, ms: firstByteMs };
}

describe('fault kit', () => {
  describe('startFaultProxy', () => {
    let echo: Server;
    let proxy: FaultProxy;
    beforeEach(async () => {
      echo = createServer((socket) => {
        socket.on('error', () => undefined);
        socket.pipe(socket);
      });
      echo.listen(0, '127.0.0.1');
      await once(echo, 'listening');
      proxy = await startFaultProxy({ targetPort: (echo.address() as { port: number }).port });
    });
    afterEach(async () => {
      await proxy.close();
      echo.close();
    });

    it('pass: forwards both ways', async () => {
      const seen = await talk(proxy.port, 'ping', 150);
      expect(seen.data).to.equal('ping');
      expect(seen.ended).to.equal('open');
      expect(proxy.url('mongodb')).to.equal(`mongodb://127.0.0.1:${proxy.port}`);
    });

    it('reset: a new connection is reset and gets nothing', async () => {
      proxy.setMode('reset');
      const seen = await talk(proxy.port, 'ping', 150);
      expect(seen.data).to.equal('');
      expect(seen.ended).to.be.oneOf(['reset', 'closed']);
    });

    it('reset: switching to it at run time tears down open connections', async () => {
      const socket = connect({ host: '127.0.0.1', port: proxy.port });
      await once(socket, 'connect');
      socket.write('a');
      await once(socket, 'data');
      let reset = false;
      socket.on('error', (error: NodeJS.ErrnoException) => {
        reset = error.code === 'ECONNRESET';
      });
      const closed = new Promise((resolve) => socket.once('close', resolve));
      proxy.setMode('reset');
      await closed;
      expect(reset).to.equal(true);
      expect(proxy.openConnections).to.equal(0);
    });

    it('blackhole: accepts, never answers, never closes', async () => {
      proxy.setMode('blackhole');
      const seen = await talk(proxy.port, 'ping', 300);
      expect(seen.data).to.equal('');
      expect(seen.ended).to.equal('open');
      expect(proxy.acceptedConnections).to.equal(1);
    });

    it('blackhole: an open connection goes silent and stays dead after the network heals', async () => {
      const socket = connect({ host: '127.0.0.1', port: proxy.port });
      let data = '';
      socket.on('data', (chunk: Buffer) => {
        data += chunk.toString();
      });
      await once(socket, 'connect');
      socket.write('one');
      await new Promise((resolve) => setTimeout(resolve, 100));
      proxy.setMode('blackhole');
      socket.write('two');
      await new Promise((resolve) => setTimeout(resolve, 100));
      proxy.setMode('pass');
      socket.write('three');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(data).to.equal('one');
      expect(socket.destroyed).to.equal(false);
      socket.destroy();
      // while a fresh connection works again
      expect((await talk(proxy.port, 'four', 150)).data).to.equal('four');
    });

    it('latency: delays each chunk by at least the latency, in order, both ways', async () => {
      proxy.setMode('latency', { latencyMs: 120 });
      const seen = await talk(proxy.port, 'slow', 600);
      expect(seen.data).to.equal('slow');
      // one delay on the way in, one on the way back
      expect(seen.ms).to.be.at.least(2 * 120 - 5);
    });
  });

  describe('startKillableRedis', () => {
    it('kill -9 and restart on the same port keep every acknowledged write (AOF, fsync always)', async function () {
      this.timeout(30_000);
      const redis = await startKillableRedis();
      try {
        expect(await redisCommand(redis.url, 'SET', 'anju:fault-kit', '安居')).to.equal('+OK');
        await redis.kill();
        expect(redis.running).to.equal(false);
        let refused = false;
        await redisCommand(redis.url, 'PING').catch(() => {
          refused = true;
        });
        expect(refused, 'nothing answers while it is down').to.equal(true);
        await redis.restart();
        expect(await redisCommand(redis.url, 'GET', 'anju:fault-kit')).to.equal(
          `$${Buffer.byteLength('安居')}\r\n安居`,
        );
      } finally {
        await redis.stop();
      }
    });
  });

  describe('unescapeMonitorArgument', () => {
    it('turns Redis MONITOR escapes back into UTF-8 text', () => {
      expect(unescapeMonitorArgument('\\xe5\\xae\\x89 \\"a\\"\\n')).to.equal('安 "a"\n');
    });
  });
});
