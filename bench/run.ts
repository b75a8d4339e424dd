// `pnpm bench`: runs each benchmark of bench/ in its own process, one after another (never in a loop).
// `pnpm bench service` runs only bench/service.ts; `pnpm bench fair`, `pnpm bench soak` likewise. Shared
// code lives in bench/lib/, load generators in *.load.ts (run by the benches as separate processes).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(benchDir)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.includes('.load.'))
  .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.ts$/, '')))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n=== bench/${file}`);
  const result = spawnSync(
    process.execPath,
    // --expose-gc: the soak measures memory after a full collection.
    ['--conditions=@anju/source', '--expose-gc', '--import', 'tsx', `${benchDir}${file}`],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
