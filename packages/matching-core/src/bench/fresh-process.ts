import { execFile } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError, type BenchFigure } from './types.ts';

/**
 * Runs the benchmark entry `script` (a module beside this one, named without its extension) in a fresh
 * Node process with this process's Node options, and returns the figures it prints, one JSON object per
 * line. A process that fails rejects with its stderr.
 */
export function figuresFromFreshProcess(script: string, args: readonly string[]): Promise<BenchFigure[]> {
  // `.ts` when run from source, `.js` from the built package.
  const here = fileURLToPath(import.meta.url);
  const entry = fileURLToPath(new URL(`./${script}${extname(here)}`, import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...process.execArgv, entry, ...args],
      { maxBuffer: 16 * 2 ** 20 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new BenchError('BENCH_PROCESS_FAILED', `${script} ${args.join(' ')} failed: ${stderr}`));
          return;
        }
        resolve(
          stdout
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map((line) => JSON.parse(line) as BenchFigure),
        );
      },
    );
  });
}
