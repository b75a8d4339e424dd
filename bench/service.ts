// Service benchmark: requests/s and p50/p99 of the scoped, validated, masked and audited service next
// to a bare Express 5 "hello" route measured in the same run (the baseline), load from a separate
// autocannon process on 127.0.0.1, each scenario bounded in time or request count.
//
// Data: a deterministic synthetic township (2,000 residents in 200 households, seed 1).
// Figures: req/s, p50, p99 per scenario, and the baseline-to-scenario throughput ratio (target ≤ 3×).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { idCheckCharacter } from '@anju/shared';
import { loadConfig, mintToken, startService } from '@anju/service';
import { startServices } from '../scripts/services/index.ts';

const RESIDENTS = 2000;
const PER_HOUSEHOLD = 10;
const CONNECTIONS = 50;
const DURATION_SECONDS = 5;
const TOWNSHIP = '520121001';

interface Figure {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  statuses: Record<string, number>;
}

const loadScript = fileURLToPath(new URL('./service.load.ts', import.meta.url));

async function load(scenario: Record<string, unknown>): Promise<Figure> {
  const child = spawn(process.execPath, ['--import', 'tsx', loadScript, JSON.stringify(scenario)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`load generator exited with ${String(code)}`);
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Figure;
}

function idNumber(n: number): string {
  const birth = `19${String(60 + (n % 40))}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}`;
  const first17 = `520121${birth}${String(n % 1000).padStart(3, '0')}`;
  return `${first17}${idCheckCharacter(first17)}`;
}

async function post(url: string, token: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

const servers = await startServices({ mongoUri: process.env.MONGODB_URI, redisUrl: process.env.REDIS_URL });
process.once('exit', () => void servers.stop());
const config = loadConfig({
  MONGODB_URI: servers.mongoUri,
  MONGODB_DB: `anju_bench_${randomBytes(4).toString('hex')}`,
  REDIS_URL: servers.redisUrl,
  PORT: '0',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_MAX: '1000000',
  JWT_SECRET: randomBytes(32).toString('base64url'),
  FIELD_KEYS: `1:${randomBytes(32).toString('base64')}`,
  HMAC_KEY: randomBytes(32).toString('base64'),
});
const service = await startService(config);

const baseline = express();
baseline.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});
const baselineServer = baseline.listen(0, '127.0.0.1');
await once(baselineServer, 'listening');
const baselineUrl = `http://127.0.0.1:${(baselineServer.address() as AddressInfo).port}`;

try {
  const staff = await mintToken(config, { sub: 'bench-staff', role: 'staff', townships: [TOWNSHIP] });
  console.log(`seeding ${RESIDENTS} synthetic residents …`);
  const residentIds: string[] = [];
  for (let h = 0; h < RESIDENTS / PER_HOUSEHOLD; h += 1) {
    const household = await post(`${service.url}/api/v1/households`, staff, {
      townshipCode: TOWNSHIP,
      community: '易地扶贫搬迁安置社区',
    });
    const members = await Promise.all(
      Array.from({ length: PER_HOUSEHOLD }, (_, i) => {
        const n = h * PER_HOUSEHOLD + i;
        return post(`${service.url}/api/v1/residents`, staff, {
          householdId: household.id,
          name: `居民${String(n)}`,
          idNumber: idNumber(n),
          phone: `139${String(n).padStart(8, '0')}`,
          skills: [{ name: n % 3 === 0 ? '电焊' : '缝纫', level: (n % 5) + 1 }],
          mobility: 'province',
          consent: { shareWithEmployers: n % 2 === 0 },
        });
      }),
    );
    residentIds.push(...members.map((member) => member.id));
  }
  const cohort = await post(`${service.url}/api/v1/cohorts`, staff, {
    providerId: 'bench-provider',
    title: '电焊工培训班',
    trade: '电焊',
    seats: 500,
    hours: 80,
    startsOn: '2026-03-01',
    endsOn: '2026-04-01',
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
        paths: [`/api/v1/cohorts/${cohort.id}/enrollments`],
        bodies: residentIds.map((residentId) => JSON.stringify({ residentId })),
        amount: RESIDENTS,
      },
    ],
  ];

  const rows: string[] = [];
  const line = (name: string, figure: Figure, base: Figure) =>
    `${name.padEnd(48)} ${figure.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(figure.p50).padStart(4)} ms  p99 ${String(figure.p99).padStart(4)} ms  baseline/this ${(base.requestsPerSecond / figure.requestsPerSecond).toFixed(2)}×  ${JSON.stringify(figure.statuses)}`;
  for (const [name, scenario] of scenarios) {
    // The baseline is measured right before each scenario, so both see the same machine state.
    const base = await load({
      url: baselineUrl,
      method: 'GET',
      paths: ['/hello'],
      connections: CONNECTIONS,
      durationSeconds: DURATION_SECONDS,
    });
    const figure = await load({
      url: service.url,
      token: staff,
      connections: CONNECTIONS,
      durationSeconds: DURATION_SECONDS,
      ...scenario,
    });
    rows.push(line('bare Express 5 GET /hello (baseline)', base, base), line(name, figure, base));
  }
  console.log(
    `\nservice bench: ${CONNECTIONS} connections, ${DURATION_SECONDS} s per timed scenario, loopback, load from a separate process`,
  );
  for (const row of rows) console.log(row);
  console.log(
    'target (QUALITY.md): scoped, validated, audited reads within 3× of bare Express; p99 ≤ 150 ms at 50 connections',
  );
} finally {
  baselineServer.close();
  await service.stop();
  await servers.stop();
}
