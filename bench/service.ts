// Service benchmark: requests/s and p50/p99 of the scoped, validated, masked and audited service next
// to a bare Express 5 "hello" route measured in the same run (the baseline), load from a separate
// autocannon process on 127.0.0.1, each scenario bounded in time or request count.
//
// Data: a deterministic synthetic township (2,000 residents in 200 households).
// Scenarios: one request kind at a time, then the MIX — list, detail, enrolment, fair registration and
// matching-job creation at once — with its figures for the whole mix and per kind.
// Figures: req/s, p50, p99, and the baseline-to-scenario throughput ratio (target ≤ 3×).
import { mintToken } from '@anju/service';
import { startServices } from '../scripts/services/index.ts';
import {
  benchConfig,
  figureText,
  runLoad,
  startBaseline,
  startBenchService,
  type Figure,
  type MixFigure,
} from './lib/load.ts';
import { TOWNSHIP, createCohort, prepareMix, seedResidents } from './lib/township.ts';

const RESIDENTS = 2000;
const CONNECTIONS = 50;
const DURATION_SECONDS = 5;

const servers = await startServices({ mongoUri: process.env.MONGODB_URI, redisUrl: process.env.REDIS_URL });
process.once('exit', () => void servers.stop());
// An API-only process (JOB_CONCURRENCY=0), as in production: the matching jobs the mix creates wait in
// the queue instead of running on the event loop being measured.
const config = benchConfig(servers, { JOB_CONCURRENCY: '0' });
const service = await startBenchService(config);
const baseline = await startBaseline();

try {
  const staff = await mintToken(config, { sub: 'bench-staff', role: 'staff', townships: [TOWNSHIP] });
  console.log(`seeding ${RESIDENTS} synthetic residents …`);
  const residentIds = await seedResidents(service.url, staff, RESIDENTS);
  const cohort = await createCohort(service.url, staff, 500);
  const mix = await prepareMix(service.url, staff, residentIds, {
    capacity: 4 * RESIDENTS,
    connections: CONNECTIONS,
  });

  const scenarios: [string, Record<string, unknown>][] = [
    [
      'GET /residents/:id (masked, audited)',
      { method: 'GET', paths: residentIds.map((id) => `/api/v1/residents/${id}`) },
    ],
    [
      'GET /residents?page=&limit=20 (paged list)',
      {
        method: 'GET',
        paths: Array.from({ length: 50 }, (_, i) => `/api/v1/residents?page=${i + 1}&limit=20`),
      },
    ],
    [
      `POST /cohorts/:id/enrollments (${RESIDENTS} into 500 seats)`,
      {
        method: 'POST',
        paths: [`/api/v1/cohorts/${cohort}/enrollments`],
        bodies: residentIds.map((residentId) => JSON.stringify({ residentId })),
        amount: RESIDENTS,
      },
    ],
  ];

  const rows: string[] = [];
  const ratio = (base: number, value: number) => `baseline/this ${(base / value).toFixed(2)}×`;
  const line = (name: string, figure: Figure, base: Figure) =>
    `${name.padEnd(48)} ${figureText(figure)}  ${ratio(base.requestsPerSecond, figure.requestsPerSecond)}  ${JSON.stringify(figure.statuses)}`;
  // The baseline is measured right before each scenario, so both see the same machine state.
  const measureBaseline = () =>
    runLoad<Figure>('service.load.ts', {
      url: baseline.url,
      method: 'GET',
      paths: ['/hello'],
      connections: CONNECTIONS,
      durationSeconds: DURATION_SECONDS,
    });
  for (const [name, scenario] of scenarios) {
    const base = await measureBaseline();
    const figure = await runLoad<Figure>('service.load.ts', {
      url: service.url,
      token: staff,
      connections: CONNECTIONS,
      durationSeconds: DURATION_SECONDS,
      ...scenario,
    });
    rows.push(line('bare Express 5 GET /hello (baseline)', base, base), line(name, figure, base));
  }

  const mixBase = await measureBaseline();
  const mixed = await runLoad<MixFigure>('mix.load.ts', {
    url: service.url,
    token: staff,
    durationSeconds: DURATION_SECONDS,
    kinds: mix,
  });
  rows.push(
    line('bare Express 5 GET /hello (baseline)', mixBase, mixBase),
    line(`MIX (${CONNECTIONS} connections, all kinds at once)`, mixed.mix, mixBase),
  );
  // Per kind, throughput per connection against the baseline's per connection (same latency-bound loop).
  const perConnection = mixBase.requestsPerSecond / CONNECTIONS;
  for (const kind of mixed.kinds)
    rows.push(
      `  ${`${kind.name} ×${String(kind.connections)}`.padEnd(46)} ${figureText(kind)}  ${ratio(perConnection, kind.requestsPerSecond / kind.connections)}  ${JSON.stringify(kind.statuses)}`,
    );

  console.log(
    `\nservice bench: ${CONNECTIONS} connections, ${DURATION_SECONDS} s per timed scenario, loopback, load from a separate process`,
  );
  for (const row of rows) console.log(row);
  console.log(
    'per kind of the MIX: "baseline/this" compares req/s per connection (the kind has its share of the 50 connections)',
  );
  console.log(
    'target (docs/quality.md): scoped, validated, audited reads within 3× of bare Express; p99 ≤ 150 ms at 50 connections',
  );
} finally {
  baseline.server.close();
  await service.stop();
  await servers.stop();
}
