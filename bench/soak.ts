// Soak: the service's mixed load (list, detail, enrolment, fair registration, matching-job creation)
// against one service process for SOAK_SECONDS (default 150), bounded. The service runs in this process,
// with its job workers, so its memory and event loop are measured here; the load comes from a separate
// autocannon process on 127.0.0.1 (bench/mix.load.ts), so the event-loop delay is the service's own.
//
// Prints RSS and heap used, and the event-loop delay (perf_hooks.monitorEventLoopDelay: p50/p99/max) idle
// before the load, under it, and idle after, with the growth; memory is also sampled every 30 s.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { mintToken } from '@anju/service';
import { startServices } from '../scripts/services/index.ts';
import { benchConfig, figureText, runLoad, startBenchService, type MixFigure } from './lib/load.ts';
import { TOWNSHIP, prepareMix, seedResidents } from './lib/township.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 150);
if (!Number.isInteger(SECONDS) || SECONDS < 10 || SECONDS > 3600)
  throw new Error('SOAK_SECONDS must be a whole number of seconds, 10–3600');
const RESIDENTS = 1000;
const CONNECTIONS = 50;
const IDLE_SECONDS = 5;
const SAMPLE_SECONDS = 30;

const servers = await startServices({ mongoUri: process.env.MONGODB_URI, redisUrl: process.env.REDIS_URL });
process.once('exit', () => void servers.stop());
const config = benchConfig(servers, { JOB_CONCURRENCY: '1' });
const service = await startBenchService(config);

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const signedMib = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${mib(Math.abs(bytes))}`;
const RESOLUTION_MS = 10;
/** The histogram holds whole sampling intervals: the delay is what exceeds the resolution. */
const lag = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);
const delay = (histogram: IntervalHistogram) =>
  `event-loop delay p50 ${lag(histogram.percentile(50)).toFixed(1)} ms  p99 ${lag(histogram.percentile(99)).toFixed(1)} ms  max ${lag(histogram.max).toFixed(1)} ms`;

interface Memory {
  rss: number;
  heapUsed: number;
}
/** Memory after a full collection when the bench runs with --expose-gc (bench/run.ts passes it). */
function memory(): Memory {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}
const memoryText = (m: Memory) => `RSS ${mib(m.rss)}  heap used ${mib(m.heapUsed)}`;

/** The event-loop delay over `seconds` of doing nothing but what the service does by itself. */
async function idleDelay(seconds: number): Promise<IntervalHistogram> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  await sleep(seconds * 1000);
  histogram.disable();
  return histogram;
}

try {
  const staff = await mintToken(config, { sub: 'bench-staff', role: 'staff', townships: [TOWNSHIP] });
  console.log(`seeding ${RESIDENTS} synthetic residents …`);
  const residentIds = await seedResidents(service.url, staff, RESIDENTS);
  const mix = await prepareMix(service.url, staff, residentIds, {
    capacity: 6 * RESIDENTS,
    connections: CONNECTIONS,
  });

  const before = memory();
  const idleBefore = await idleDelay(IDLE_SECONDS);
  console.log(`before:      ${memoryText(before)}  idle ${delay(idleBefore)}`);

  const underLoad = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  underLoad.enable();
  const started = performance.now();
  const sampler = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    console.log(
      `  ${String(Math.round((performance.now() - started) / 1000)).padStart(4)} s  RSS ${mib(rss)}  heap used ${mib(heapUsed)}`,
    );
  }, SAMPLE_SECONDS * 1000);
  const load = await runLoad<MixFigure>('mix.load.ts', {
    url: service.url,
    token: staff,
    durationSeconds: SECONDS,
    kinds: mix,
  });
  clearInterval(sampler);
  underLoad.disable();

  // Let the queued matching jobs drain a little, then measure idle again.
  await sleep(2000);
  const after = memory();
  const idleAfter = await idleDelay(IDLE_SECONDS);

  console.log(
    `\nsoak: ${String(SECONDS)} s of the mix at ${String(CONNECTIONS)} connections against one service process (workers on), load from a separate process`,
  );
  console.log(`mix         ${figureText(load.mix)}  ${JSON.stringify(load.mix.statuses)}`);
  for (const kind of load.kinds)
    console.log(
      `  ${`${kind.name} ×${String(kind.connections)}`.padEnd(44)} ${figureText(kind)}  ${JSON.stringify(kind.statuses)}`,
    );
  console.log(`before:     ${memoryText(before)}  idle ${delay(idleBefore)}`);
  console.log(`under load: ${delay(underLoad)}`);
  console.log(`after:      ${memoryText(after)}  idle ${delay(idleAfter)}`);
  console.log(
    `growth:     RSS ${signedMib(after.rss - before.rss)}  heap used ${signedMib(after.heapUsed - before.heapUsed)}  idle event-loop delay p99 ${(lag(idleAfter.percentile(99)) - lag(idleBefore.percentile(99))).toFixed(1)} ms`,
  );
  if ((globalThis as { gc?: () => void }).gc === undefined)
    console.log('(run through `pnpm bench soak` for memory after a full collection: it passes --expose-gc)');
} finally {
  await service.stop();
  await servers.stop();
}
