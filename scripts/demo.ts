// The demo: MongoDB and Redis (given or started locally, data kept in .data/), Anju's service with dev
// keys (generated into .data/dev-keys.json on first run, never committed) and its job workers; then the
// synthetic county is loaded (first run only), a job fair runs end to end through the HTTP API, a summary
// is printed, and the service keeps running until Ctrl-C.
import { mkdir } from 'node:fs/promises';
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
} from '@anju/service';
import type { Page, Resident } from '@anju/shared';
import { HOME_COUNTY, loadCounty, ms } from './demo/county.ts';
import { Api, runFair } from './demo/fair.ts';
import { startServices } from './services/index.ts';

const dataDir = fileURLToPath(new URL('../.data/', import.meta.url));
await mkdir(`${dataDir}redis`, { recursive: true });
const say = (line: string) => {
  console.log(line);
};
const interactive = process.stdout.isTTY;

const servers = await startServices(
  { mongoUri: process.env.MONGODB_URI, redisUrl: process.env.REDIS_URL },
  { mongo: { persistFile: `${dataDir}mongo.h2` }, redis: { dataDir: `${dataDir}redis` } },
);
const config = loadConfig(
  devKeyEnv(dataDir, {
    LOG_LEVEL: 'warn',
    ...process.env,
    MONGODB_URI: servers.mongoUri,
    REDIS_URL: servers.redisUrl,
  }),
);
const service = await startService(config);
const token = (claims: Parameters<typeof mintToken>[1]) =>
  mintToken(config, claims, { ttlSeconds: config.TOKEN_TTL_SECONDS });
const admin = new Api(service.url, await token({ sub: 'demo-admin', role: 'admin' }));
const demoStarted = performance.now();

// 1. The county, once: later runs find it in .data/.
const existing = await admin.get<Page<Resident>>('/api/v1/residents?limit=1');
if (existing.total === 0) {
  say('\n— Loading the synthetic county (first run only) —');
  const db = openDatabase(config.MONGODB_URI, config.MONGODB_DB);
  await db.asPromise();
  const services = createServices(config, db, createLogger('warn'));
  await prepareDatabase(services);
  await loadCounty(services, say);
  await services.jobs.close();
  await db.close();
} else {
  say(
    `\n— The county is already loaded: ${existing.total.toLocaleString('en')} residents (delete .data/ to start again) —`,
  );
}

// 2. A job fair through the HTTP API.
say('\n— A job fair, through the HTTP API —');
const heldOn = new Date().toISOString().slice(0, 10);
let progressShown = false;
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
});

// 3. The summary, and the county's report when the service has one.
const r = fair.result;
const reach = (kind: string) => fair.hires.filter((placement) => placement.reach === kind).length;
say(`
— Summary —
  matching job ${fair.jobId}: ${String(r.residentsMatched)} working-age residents of ${String(r.residentsInScope)} in the county × ${String(r.openings)} openings (${String(r.seats)} places) at ${fair.booths} booths, ${fair.seconds.toFixed(1)} s
  households-first allocation: ${String(r.proposed)} people proposed, ${String(r.householdsCovered)} households with someone in work (${String(r.priorityHouseholdsCovered)} of them registered poor or monitored)
  recommendations stored with their explanations: ${String(r.recommendations)}
  at the fair: ${fair.registered} registered from the shortlists, ${fair.checkedIn} checked in, ${fair.intents} intents (达成意向), ${fair.hires.length} hired by staff
  placements: ${reach('local')} near home (家门口就业), ${reach('in-province')} in the province, ${reach('cross-province')} cross-province (劳务协作)
  demo time: ${ms(demoStarted)}`);

const report = await fetch(`${service.url}/api/v1/reports/kpi`, {
  headers: { authorization: `Bearer ${admin.token}` },
});
if (report.ok)
  say(
    `\n— The county's KPI report (GET /api/v1/reports/kpi) —\n${JSON.stringify(await report.json(), null, 2)}`,
  );
else await report.arrayBuffer();

const staffToken = await token({ sub: 'demo-staff', role: 'staff', townships: [`${HOME_COUNTY}001`] });
say(`
Anju is running at ${service.url}. Ctrl-C stops it.

  API docs:      ${service.url}/docs   (OpenAPI document: ${service.url}/openapi.json)
  the fair:      GET ${service.url}/api/v1/fairs/${fair.fairId}/booths   then …/booths/<id>/shortlist(.xlsx)
  staff token:   township ${HOME_COUNTY}001, valid ${config.TOKEN_TTL_SECONDS / 60} min
${staffToken}

  Try:  curl -s ${service.url}/api/v1/jobs/${fair.jobId} -H "Authorization: Bearer <token>"
  More tokens:  pnpm --silent anju token --role staff --township ${HOME_COUNTY}001
`);

const shutdown = async () => {
  await service.stop();
  await servers.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
