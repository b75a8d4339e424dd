import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  freePort,
  onPath,
  run,
  startServer,
  stopProcess,
  type LocalServer,
  type ServerProcessOptions,
} from './process.ts';

const launcherDir = fileURLToPath(new URL('../../tools/mongo-test-server/', import.meta.url));
const jarsDir = join(launcherDir, 'lib');
const jarsComplete = join(jarsDir, '.complete');

export interface MongoOptions extends ServerProcessOptions {
  /** Keep data in this file across restarts (the demo); without it data lives in memory (tests). */
  readonly persistFile?: string;
}

/**
 * A MongoDB for this run: a `mongod` found on PATH, else the mongo-java-server launcher in
 * tools/mongo-test-server (jars fetched with Maven on first use). Callers use MONGODB_URI instead when set.
 */
export async function startLocalMongo(options: MongoOptions = {}): Promise<LocalServer> {
  if (await onPath('mongod')) return startMongod(options);
  return startMongoJavaServer(options);
}

async function startMongod(options: MongoOptions): Promise<LocalServer> {
  const port = await freePort();
  const dbPath = options.persistFile ?? (await mkdtemp(join(tmpdir(), 'anju-mongod-')));
  const { child } = await startServer(
    'mongod',
    ['--bind_ip', '127.0.0.1', '--port', String(port), '--dbpath', dbPath],
    /Waiting for connections/,
    options,
  );
  return {
    url: `mongodb://127.0.0.1:${port}`,
    description: `mongod on 127.0.0.1:${port}`,
    async stop() {
      await stopProcess(child);
      if (options.persistFile === undefined) await rm(dbPath, { recursive: true, force: true });
    },
  };
}

async function ensureJars(): Promise<void> {
  if (existsSync(jarsComplete)) return;
  if (!(await onPath('java')) || !(await onPath('mvn'))) {
    throw new Error(
      'No MongoDB available: set MONGODB_URI, put mongod on PATH, or install Java 17 and Maven ' +
        '(Debian: apt-get install openjdk-17-jdk-headless maven) for the bundled test server.',
    );
  }
  console.error('services: fetching mongo-java-server jars with Maven (first run only)');
  await run('mvn', ['-q', '-B', 'dependency:copy-dependencies', '-DoutputDirectory=lib'], launcherDir);
  await writeFile(jarsComplete, new Date().toISOString());
}

async function startMongoJavaServer(options: MongoOptions): Promise<LocalServer> {
  await ensureJars();
  const args = [
    '-Duser.timezone=UTC',
    '-Xss4m',
    '-cp',
    `${jarsDir}/*`,
    join(launcherDir, 'src/MongoTestServer.java'),
  ];
  if (options.persistFile !== undefined) args.push('--h2', options.persistFile);
  const { child, match } = await startServer('java', args, /^listening 127\.0\.0\.1:(\d+)$/, options);
  const port = match[1] ?? '';
  return {
    url: `mongodb://127.0.0.1:${port}`,
    description: `mongo-java-server (${options.persistFile === undefined ? 'memory' : 'H2 file'}) on 127.0.0.1:${port}`,
    stop: () => stopProcess(child),
  };
}
