#!/usr/bin/env node
// anju-match as published: the `bin` of @anju/matching-core. The benchmarks are repository tooling and are
// not in the package; the repository's own command (src/bench/cli.ts, `pnpm anju-match`) adds them.
import { library } from './cli/library.ts';
import { runProcess } from './cli/process.ts';

await runProcess(library);
