// The load generator of bench/service.ts, run as a separate process so the service under test does not
// share its event loop with autocannon. Reads one scenario as JSON from stdin, prints the result as JSON.
import autocannon from 'autocannon';
import { readScenario } from './lib/scenario.ts';

interface Scenario {
  url: string;
  method: 'GET' | 'POST';
  token?: string;
  /** Paths to rotate through, one per request. */
  paths: string[];
  /** Bodies to rotate through (POST), one per request. */
  bodies?: string[];
  connections: number;
  durationSeconds?: number;
  amount?: number;
}

const scenario = await readScenario<Scenario>();
let next = 0;
const result = await autocannon({
  url: scenario.url,
  connections: scenario.connections,
  ...(scenario.amount === undefined
    ? { duration: scenario.durationSeconds ?? 5 }
    : { amount: scenario.amount }),
  headers: {
    ...(scenario.token === undefined ? {} : { authorization: `Bearer ${scenario.token}` }),
    ...(scenario.method === 'POST' ? { 'content-type': 'application/json' } : {}),
  },
  requests: [
    {
      method: scenario.method,
      setupRequest: (request) => {
        const i = next;
        next += 1;
        const path = scenario.paths[i % scenario.paths.length] ?? '/';
        const body = scenario.bodies?.[i % scenario.bodies.length];
        return { ...request, path, ...(body === undefined ? {} : { body }) };
      },
    },
  ],
});
const statuses: Record<string, number> = {
  '2xx': result['2xx'],
  '4xx': result['4xx'],
  '5xx': result['5xx'],
  errors: result.errors,
  timeouts: result.timeouts,
};
console.log(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    statuses,
  }),
);
