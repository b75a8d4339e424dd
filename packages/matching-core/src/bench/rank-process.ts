// One ranking benchmark in a process of its own: `benchAll` runs each direction here, in fresh processes.
// Usage: rank-process --by resident|opening [--repeats N] [--seed N --residents N --openings N]
// Prints the figure as one JSON line, with this process's peak memory.
import { parseArgs } from 'node:util';
import { BENCH_COUNTY, preparedBenchCounty } from './county.ts';
import { benchRank } from './rank.ts';

const { values } = parseArgs({
  options: {
    by: { type: 'string' },
    repeats: { type: 'string' },
    seed: { type: 'string' },
    residents: { type: 'string' },
    openings: { type: 'string' },
  },
});
if (values.by !== 'resident' && values.by !== 'opening') {
  throw new Error('rank-process: --by must be resident or opening');
}
const number = (text: string | undefined, fallback: number): number =>
  text === undefined ? fallback : Number(text);
const county = preparedBenchCounty({
  seed: number(values.seed, BENCH_COUNTY.seed),
  residents: number(values.residents, BENCH_COUNTY.residents),
  openings: number(values.openings, BENCH_COUNTY.openings),
});
const figures = benchRank(county.residents, county.openings, county.context, {
  byResident: values.by === 'resident',
  byOpening: values.by === 'opening',
  repeats: number(values.repeats, 5),
});
const processPeakMiB = Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20);
for (const figure of figures) process.stdout.write(`${JSON.stringify({ ...figure, processPeakMiB })}\n`);
