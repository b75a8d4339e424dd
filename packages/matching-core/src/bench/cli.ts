#!/usr/bin/env node
// anju-match as the repository runs it (`pnpm --silent anju-match <command> …`): the published command plus
// `bench`, whose harnesses (and `highs`) stay out of the package.
import { library } from '../cli/library.ts';
import { runProcess } from '../cli/process.ts';
import { benchAll } from './county.ts';

await runProcess({ ...library, bench: benchAll });
