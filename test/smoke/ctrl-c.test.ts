// Ctrl-C on the demo: the terminal sends SIGINT to the whole foreground process group. The servers the demo
// starts must not get it, so that the service can drain against them before the demo stops them.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const fixture = fileURLToPath(new URL('../support/ctrl-c-servers.ts', import.meta.url));

/** Runs the fixture in a group of its own, sends SIGINT to that group as a terminal would, and reads its lines. */
async function ctrlC(
  args: readonly string[],
): Promise<{ code: number | null; lines: Record<string, unknown>[] }> {
  const child = spawn(process.execPath, [...process.execArgv, fixture, ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  const ready = new Promise<void>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      lines.push(parsed);
      if (parsed.ready === true) resolve();
    });
  });
  const exited = once(child, 'exit') as Promise<[number | null]>;
  await ready;
  process.kill(-(child.pid ?? 0), 'SIGINT');
  const [code] = await exited;
  return { code, lines };
}

describe('smoke: Ctrl-C on the demo', function () {
  this.timeout(120_000);

  it('servers in process groups of their own outlive the SIGINT until the demo stops them', async () => {
    const { code, lines } = await ctrlC(['--own-process-group']);
    expect(code).to.equal(0);
    expect(lines).to.deep.include({ aliveWhileDraining: true });
    expect(lines).to.deep.include({ stopped: true });
  });

  it('(why) servers in the demo’s own group die with the SIGINT, under a service still draining', async () => {
    const { lines } = await ctrlC([]);
    expect(lines).to.deep.include({ aliveWhileDraining: false });
  });
});
