import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

/** A local server this run started; `stop()` ends it and waits for the exit. */
export interface LocalServer {
  readonly url: string;
  readonly description: string;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not read a free port');
  return address.port;
}

/** Is `command` an executable on PATH? */
export async function onPath(command: string): Promise<boolean> {
  const child = spawn('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code === 0;
}

/** Runs a command to completion, streaming its output to our stderr; rejects on a non-zero exit. */
export async function run(command: string, args: readonly string[], cwd?: string): Promise<void> {
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${String(code)}`);
}

/** How a server process is started. */
export interface ServerProcessOptions {
  /**
   * In a process group of its own, so a Ctrl-C at the terminal (SIGINT to the foreground group) reaches only
   * the program that started it, which then stops it after its own work: the demo stops the service first.
   */
  readonly ownProcessGroup?: boolean;
}

/**
 * Starts a long-running server and resolves once a line of its stdout matches `ready`.
 * Keeps stdin open: servers that exit when their stdin closes die with us.
 */
export async function startServer(
  command: string,
  args: readonly string[],
  ready: RegExp,
  options: ServerProcessOptions & { timeoutMs?: number } = {},
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const child = spawn(command, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: options.ownProcessGroup === true,
  });
  const output: string[] = [];
  const keep = (line: string) => {
    output.push(line);
    if (output.length > 40) output.shift();
  };
  createInterface({ input: child.stderr }).on('line', keep);
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} was not ready after ${timeoutMs} ms:\n${output.join('\n')}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${String(code)} before it was ready:\n${output.join('\n')}`));
    };
    child.once('exit', onExit);
    lines.on('line', (line) => {
      keep(line);
      const match = ready.exec(line);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onExit);
        lines.removeAllListeners('line');
        child.stdout.resume();
        resolve({ child, match });
      }
    });
  });
}

/** Stops a server: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.stdin?.end();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
