// The load generator of the mixed scenarios (bench/service.ts, bench/soak.ts), run as a separate process:
// one autocannon instance per request kind, all at once for the same duration, each with its share of the
// connections (a closed-loop crowd of users doing different things). Every response's latency is kept,
// so the percentiles of each kind and of the whole mix come from the same samples.
import autocannon from 'autocannon';
import type { Figure, MixFigure } from './lib/load.ts';
import { readScenario } from './lib/scenario.ts';
import type { MixKind } from './lib/township.ts';

interface MixScenario {
  url: string;
  token: string;
  durationSeconds: number;
  kinds: MixKind[];
}

const scenario = await readScenario<MixScenario>();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function figure(latencies: number[], seconds: number, statuses: Record<string, number>): Figure {
  const sorted = latencies.toSorted((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / seconds,
    p50: Math.round(percentile(sorted, 50)),
    p99: Math.round(percentile(sorted, 99)),
    total: latencies.length,
    statuses,
  };
}

const runs = scenario.kinds.map(async (kind) => {
  const latencies: number[] = [];
  let next = 0;
  let done: (result: autocannon.Result) => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    done = resolve;
    failed = reject;
  });
  // The callback form returns the instance, whose 'response' events carry each latency.
  const instance = autocannon(
    {
      url: scenario.url,
      connections: kind.connections,
      duration: scenario.durationSeconds,
      headers: {
        authorization: `Bearer ${scenario.token}`,
        ...(kind.method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      requests: [
        {
          method: kind.method,
          setupRequest: (request) => {
            const chosen = kind.requests[next % kind.requests.length] ?? { path: '/' };
            next += 1;
            return {
              ...request,
              path: chosen.path,
              ...(chosen.body === undefined ? {} : { body: chosen.body }),
            };
          },
        },
      ],
    },
    (error, result) => {
      if (error === null || error === undefined) done(result);
      else failed(error);
    },
  );
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await finished;
  return {
    kind,
    latencies,
    statuses: {
      '2xx': result['2xx'],
      '4xx': result['4xx'],
      '5xx': result['5xx'],
      errors: result.errors,
      timeouts: result.timeouts,
    },
  };
});
const results = await Promise.all(runs);
// Like autocannon's own req/s: responses over the set duration.
const seconds = scenario.durationSeconds;
const all = results.flatMap((result) => result.latencies);
const sum: Record<string, number> = {};
for (const result of results)
  for (const [key, count] of Object.entries(result.statuses)) sum[key] = (sum[key] ?? 0) + count;
const output: MixFigure = {
  seconds,
  mix: figure(all, seconds, sum),
  kinds: results.map((result) => ({
    name: result.kind.name,
    connections: result.kind.connections,
    ...figure(result.latencies, seconds, result.statuses),
  })),
};
console.log(JSON.stringify(output));
