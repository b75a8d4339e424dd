// The process side of `anju-match`: the only code of the package that touches the file system or the
// process. The commands (./commands.ts) get the file system as `CliIo` and the library as `MatchingLibrary`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CliInputError, runCli, type CliIo } from './commands.ts';
import type { MatchingLibrary } from './library.ts';

const io: CliIo = {
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new CliInputError(`cannot read ${path}: ${systemReason(error)}`);
    }
  },
  writeText(path, text) {
    try {
      writeFileSync(path, text);
    } catch (error) {
      throw new CliInputError(`cannot write ${path}: ${systemReason(error)}`);
    }
  },
  makeDirectory(path) {
    try {
      mkdirSync(path, { recursive: true });
    } catch (error) {
      throw new CliInputError(`cannot create ${path}: ${systemReason(error)}`);
    }
  },
};

function systemReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}

/** Runs `anju-match` on this process's arguments, prints what it says and sets the exit code. */
export async function runProcess(library: MatchingLibrary): Promise<void> {
  // A closed pipe (`… | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  const outcome = await runCli(process.argv.slice(2), io, library);
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.exitCode;
}
