#!/usr/bin/env node
// anju-match: the command-line adapter of @anju/matching-core and the only file of the package that touches the
// file system or the process. Run it from the repo root: `pnpm --silent anju-match <command> …`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CliInputError, runCli, type CliIo } from './cli/commands.ts';
import { library } from './cli/library.ts';

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

// A closed pipe (`… | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const outcome = await runCli(process.argv.slice(2), io, library);
process.stdout.write(outcome.stdout);
process.stderr.write(outcome.stderr);
process.exitCode = outcome.exitCode;
