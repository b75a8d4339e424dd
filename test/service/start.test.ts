// The service starts from wherever it is installed: in a folder with a space and Chinese characters in its path,
// import.meta.url is percent-encoded while process.argv[1] is not.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { captureProcessOutput } from '../support/pii-capture.ts';
import { testMongoUri, testRedisUrl, uniqueName } from '../support/services.ts';
import { TEST_ENV } from './support.ts';

/** What a copy of the sources leaves out: installed packages (linked instead), history, data, build output. */
const NOT_COPIED = new Set(['node_modules', '.git', '.data', '.tools', '.tsbuild']);

describe('main.ts', () => {
  let parent: string;
  before(() => {
    parent = mkdtempSync(join(tmpdir(), 'anju-'));
  });
  after(() => {
    rmSync(parent, { recursive: true, force: true });
  });

  it('starts the service from a path with a space and Chinese characters in it', async function () {
    this.timeout(60_000);
    // A copy of the sources under 安居 测试/, sharing the installed packages (pnpm's links are relative).
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const home = join(parent, '安居 测试');
    cpSync(root, home, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => {
        const path = relative(root, source);
        return (
          !NOT_COPIED.has(path.split(sep)[0] ?? '') &&
          !path.startsWith(join('tools', 'mongo-test-server', 'lib'))
        );
      },
    });
    symlinkSync(join(root, 'node_modules'), join(home, 'node_modules'), 'dir');
    const child = spawn(
      process.execPath,
      ['--conditions=@anju/source', '--import', 'tsx', join(home, 'packages/service/src/main.ts')],
      {
        cwd: home,
        env: {
          ...process.env,
          ...TEST_ENV,
          MONGODB_URI: testMongoUri(),
          MONGODB_DB: uniqueName('anju_start'),
          REDIS_URL: testRedisUrl(),
          QUEUE_PREFIX: uniqueName('anju_q'),
          PORT: '0',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    captureProcessOutput(child.stdout);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = once(child, 'exit') as Promise<[number | null]>;
    const listening = await new Promise<boolean>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.includes('anju service listening')) resolve(true);
      });
      void exited.then(() => {
        resolve(false);
      });
    });
    if (listening) child.kill('SIGTERM');
    const [code] = await exited;
    expect(listening, `the service did not start; stderr:\n${stderr}`).to.equal(true);
    expect(code).to.equal(0);
  });
});
