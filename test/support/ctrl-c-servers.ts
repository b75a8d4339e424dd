// A stand-in for the demo's start and Ctrl-C, run by test/smoke/ctrl-c.test.ts in a process group of its own:
// MongoDB and Redis started as the demo starts them; on SIGINT it waits as a draining service would, reports
// whether the servers were still up, then stops them.
import { connect } from 'node:net';
import { startServices } from '../../scripts/services/index.ts';

const ownProcessGroup = process.argv.includes('--own-process-group');
const servers = await startServices(
  {},
  { mongo: { ownProcessGroup }, redis: { ownProcessGroup }, log: () => undefined },
);

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

process.once('SIGINT', () => {
  void (async () => {
    // A service draining its requests and jobs needs its servers for a while yet.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const alive = (await reachable(servers.redisUrl)) && (await reachable(servers.mongoUri));
    console.log(JSON.stringify({ aliveWhileDraining: alive }));
    await servers.stop();
    console.log(JSON.stringify({ stopped: true }));
    process.exit(0);
  })();
});
console.log(JSON.stringify({ ready: true, mongoUri: servers.mongoUri, redisUrl: servers.redisUrl }));
setInterval(() => undefined, 60_000);
