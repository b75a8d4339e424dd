// The demo: MongoDB and Redis (given or started locally, data kept in .data/), Anju's service with dev
// keys (generated into .data/dev-keys.json on first run, never committed) and its job workers; then the
// synthetic county is loaded (first run only), a job fair runs end to end through the HTTP API, a summary
// is printed, and the service keeps running until Ctrl-C.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  createLogger,
  createServices,
  devKeyEnv,
  loadConfig,
  mintToken,
  openDatabase,
  prepareDatabase,
  startService,
  type RunningService,
} from '@anju/service';
import { COUNTY_PROFILE } from '@anju/matching-core/synthetic';
import type { KpiReport } from '@anju/shared';
import { HOME_COUNTY, loadCounty, ms } from './demo/county.ts';
import { Api, runFair } from './demo/fair.ts';
import { kpiTable } from './demo/report.ts';
import { loadCountyYear } from './demo/year.ts';
import { startServices } from './services/index.ts';

const dataDir = fileURLToPath(new URL('../.data/', import.meta.url));
await mkdir(`${dataDir}redis`, { recursive: true });
const say = (line: string) => {
  console.log(line);
};
const interactive = process.stdout.isTTY;
const demoStarted = performance.now();
/** How long each stage took, printed at the end. */
const stages: [string, string][] = [];
let stageStarted = performance.now();
const stageDone = (name: string) => {
  stages.push([name, ms(stageStarted)]);
  stageStarted = performance.now();
};

// The servers run in process groups of their own: a Ctrl-C reaches only the demo, which stops the service
// first (it drains its requests and jobs against live servers), then the servers.
const servers = await startServices(
  { mongoUri: process.env.MONGODB_URI, redisUrl: process.env.REDIS_URL },
  {
    mongo: { persistFile: `${dataDir}mongo.h2`, ownProcessGroup: true },
    redis: { dataDir: `${dataDir}redis`, ownProcessGroup: true },
  },
);
// Ctrl-C at any point stops what the demo started (the servers too, while the county is loading).
const running: { service?: RunningService } = {};
const shutdown = async (code = 0) => {
  await running.service?.stop();
  await servers.stop();
  process.exit(code);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
process.once('unhandledRejection', (error) => {
  console.error(error);
  void shutdown(1);
});

const config = loadConfig(
  devKeyEnv(dataDir, {
    LOG_LEVEL: 'warn',
    // The bundled MongoDB-wire server keeps its data in an H2 file: on a busy shared machine a step may
    // take seconds, so the demo waits longer than the production defaults before calling it unavailable.
    DB_TIMEOUT_MS: '10000',
    DB_DEADLINE_MS: '30000',
    ...process.env,
    MONGODB_URI: servers.mongoUri,
    REDIS_URL: servers.redisUrl,
  }),
);

// 1. The county and its year, once, before the service and its workers start (they would compete with
// the load for the database): later runs find them in .data/. A bulk load is not a request: its batches
// may take seconds on a busy machine, so it gets a minute per step instead of DB_TIMEOUT_MS.
const marker = `${dataDir}county-loaded`;
{
  const db = openDatabase(config.MONGODB_URI, config.MONGODB_DB, { timeoutMS: 60_000 });
  await db.asPromise();
  const services = createServices(config, db, createLogger('warn'));
  await prepareDatabase(services);
  const residents = await services.models.residents.estimatedDocumentCount();
  stageDone('MongoDB and Redis started');
  if (residents === 0) {
    say('\n— Loading the synthetic county (first run only) —');
    const loaded = await loadCounty(services, say);
    stageDone('the county loaded');
    const year = String(COUNTY_PROFILE.activity?.year);
    say(`\n— A year of the bureau's work (${year}), first run only —`);
    await loadCountyYear(services, loaded, say);
    await writeFile(marker, `${new Date().toISOString()}\n`);
    stageDone(`the county's year (${year}) loaded`);
  } else if (!existsSync(marker)) {
    say(
      `\nAn earlier first run stopped while loading the county (${residents.toLocaleString('en')} residents so far). Delete .data/ and run the demo again.`,
    );
    await shutdown(1);
  } else {
    say(
      `\n— The county is already loaded: ${residents.toLocaleString('en')} residents (delete .data/ to start again) —`,
    );
  }
  await services.jobs.close();
  await db.close();
}

const service = await startService(config);
running.service = service;
const token = (claims: Parameters<typeof mintToken>[1]) =>
  mintToken(config, claims, { ttlSeconds: config.TOKEN_TTL_SECONDS });
const admin = new Api(service.url, await token({ sub: 'demo-admin', role: 'admin' }));
stageDone('the service started');

// 2. A job fair through the HTTP API.
say('\n— A job fair, through the HTTP API —');
const heldOn = new Date().toISOString().slice(0, 10);
let progressShown = false;
// A fair that cannot finish (the database too slow for the matching job on a busy machine) is said so;
// the report and the running service still follow.
const fair = await runFair(admin, {
  heldOn,
  workbookPath: `${dataDir}shortlist.xlsx`,
  log: (line) => {
    if (progressShown && interactive) process.stdout.write('\n');
    progressShown = false;
    say(line);
  },
  progress: (line) => {
    if (interactive) {
      process.stdout.write(`\r${line.padEnd(100)}`);
      progressShown = true;
    } else say(line);
  },
}).catch((error: unknown) => {
  say(`\nThe job fair did not finish: ${error instanceof Error ? error.message : String(error)}`);
  return undefined;
});

// 3. The summary.
if (fair !== undefined) {
  const r = fair.result;
  const reach = (kind: string) => fair.hires.filter((placement) => placement.reach === kind).length;
  say(`
— Summary —
  matching job ${fair.jobId}: ${String(r.residentsMatched)} working-age residents of ${String(r.residentsInScope)} in the county × ${String(r.openings)} openings (${String(r.seats)} places) at ${fair.booths} booths, ${fair.seconds.toFixed(1)} s
  households-first allocation: ${String(r.proposed)} people proposed, ${String(r.householdsCovered)} households with someone in work (${String(r.priorityHouseholdsCovered)} of them registered poor or monitored)
  recommendations stored with their explanations: ${String(r.recommendations)}
  at the fair: ${fair.registered} registered from the shortlists, ${fair.checkedIn} checked in, ${fair.intents} intents (达成意向), ${fair.hires.length} hired by staff
  placements: ${reach('local')} near home (家门口就业), ${reach('in-province')} in the province, ${reach('cross-province')} cross-province (劳务协作)`);
}
stageDone('the job fair through the HTTP API');

// 4. The county's report, computed by the service from its records: the county's year (docs/domain.md's
// figures) beside this year to date (today's fair).
const countyYear = String(COUNTY_PROFILE.activity?.year ?? 2025);
const thisYear = heldOn.slice(0, 4);
const periods = [
  { from: `${countyYear}-01-01`, to: `${countyYear}-12-31` },
  { from: `${thisYear}-01-01`, to: heldOn },
];
const reports = await Promise.all(
  periods.map(({ from, to }) => admin.get<KpiReport>(`/api/v1/reports/kpi?from=${from}&to=${to}`)),
);
await writeFile(
  `${dataDir}kpi-${countyYear}.xlsx`,
  await admin.bytes(
    `/api/v1/reports/kpi?from=${periods[0]?.from ?? ''}&to=${periods[0]?.to ?? ''}&format=xlsx`,
  ),
);
say(`
— The county's KPI report (GET /api/v1/reports/kpi?from=…&to=…, computed from the stored records) —
${kpiTable(reports)}
  as Excel: ${dataDir}kpi-${countyYear}.xlsx`);
stageDone('the KPI report');
say(
  `\n  time per stage: ${stages.map(([name, took]) => `${name} ${took}`).join(' · ')}; demo ${ms(demoStarted)}`,
);

const staffToken = await token({ sub: 'demo-staff', role: 'staff', townships: [`${HOME_COUNTY}001`] });
say(`
Anju is running at ${service.url}. Ctrl-C stops it.

  API docs:      ${service.url}/docs   (OpenAPI document: ${service.url}/openapi.json)
  the fair:      GET ${service.url}/api/v1/fairs/${fair?.fairId ?? '<id>'}/booths   then …/booths/<id>/shortlist(.xlsx)
  staff token:   township ${HOME_COUNTY}001, valid ${config.TOKEN_TTL_SECONDS / 60} min
${staffToken}

  Try:  curl -s ${service.url}/api/v1/jobs/${fair?.jobId ?? '<id>'} -H "Authorization: Bearer <token>"
  More tokens:  pnpm --silent anju token --role staff --township ${HOME_COUNTY}001
`);
