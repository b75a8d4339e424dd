// County-scale fair bench: the synthetic county of docs/domain.md (generateCounty, seed 42, the county profile)
// loaded into the service, a job fair set up and matched end to end through the HTTP API (POST
// /fairs/:id/matching → 202, poll GET /jobs/:id), then every booth's shortlist as JSON and as xlsx.
// Prints the time of each stage, and the matching job next to a baseline measured in the same run: the
// core's ranking + allocation alone, in-process, on the same people and openings (the ratio is the
// service's overhead: reading and decrypting records, progress, storing recommendations, the queue).
//
// Load path: the bulk loader of the demo (scripts/demo/county.ts: the service's validation, scope and field
// encryption, batched), not the Excel import, which settles a sheet row by row (lookups, household
// resolution, provenance per row) and is not meant for ~27,000 people at once.
import {
  ALLOCATION_CANDIDATES,
  allocate,
  createNormalizer,
  defaultTaxonomy,
  prepareOpenings,
  prepareResidents,
  rankOpenings,
  rankResidents,
  type AllocationPair,
} from '@anju/matching-core';
import type { Shortlist } from '@anju/shared';
import { createLogger, createServices, mintToken, openDatabase } from '@anju/service';
import { loadCounty, ms } from '../scripts/demo/county.ts';
import { Api, runMatchingJob, setUpFair } from '../scripts/demo/fair.ts';
import { startServices } from '../scripts/services/index.ts';
import { benchConfig, startBenchService } from './lib/load.ts';

const HELD_ON = '2026-03-15';
const SHORTLIST_SIZE = 30; // as the fair-matching job keeps per opening

const servers = await startServices({ mongoUri: process.env.MONGODB_URI, redisUrl: process.env.REDIS_URL });
process.once('exit', () => void servers.stop());
// The county's admin-wide lists and the start-up's index builds are slow on a busy machine: more patience.
const config = benchConfig(servers, { DB_TIMEOUT_MS: '10000', DB_DEADLINE_MS: '60000' });
const service = await startBenchService(config);
const stages: [string, string][] = [];
const say = (line: string) => {
  console.log(line);
};

try {
  // 1. The county into the service's records (the demo's loader, on its own connection).
  let started = performance.now();
  const db = openDatabase(config.MONGODB_URI, config.MONGODB_DB);
  await db.asPromise();
  const services = createServices(config, db, createLogger('warn'));
  const loaded = await loadCounty(services, (line) => {
    if (!line.startsWith('  residents:')) say(line);
  });
  await services.jobs.close();
  await db.close();
  stages.push(['generate + load the county (bulk loader)', ms(started)]);

  // 2. The fair and its booths through the API.
  const admin = new Api(service.url, await mintToken(config, { sub: 'bench-admin', role: 'admin' }));
  started = performance.now();
  const { fair, booths, atBooths } = await setUpFair(admin, { heldOn: HELD_ON, log: say });
  stages.push([`fair + ${String(booths.length)} booths (HTTP)`, ms(started)]);

  // 3. The matching job end to end through the API, with the time of each of its stages.
  let stageStarted = performance.now();
  let lastStage = '';
  const jobStages: [string, number][] = [];
  const matching = await runMatchingJob(admin, fair.id, {
    log: say,
    pollMs: 200,
    progress: (line) => {
      const stage = line
        .replace(/^.*%\s+/, '')
        .replace(/[:(].*$/, '')
        .trim();
      if (stage === lastStage) return;
      if (lastStage !== '') jobStages.push([lastStage, performance.now() - stageStarted]);
      lastStage = stage;
      stageStarted = performance.now();
    },
  });
  jobStages.push([lastStage, performance.now() - stageStarted]);
  const result = matching.job.result ?? {};
  stages.push(['matching job (POST → completed, HTTP)', `${matching.seconds.toFixed(1)} s`]);

  // 4. Every booth's shortlist, JSON and the printable xlsx.
  started = performance.now();
  let candidates = 0;
  let proposed = 0;
  for (const booth of booths) {
    const shortlist = await admin.get<Shortlist>(
      `/api/v1/fairs/${fair.id}/booths/${booth.id}/shortlist?limit=${String(SHORTLIST_SIZE)}`,
    );
    for (const opening of shortlist.openings) {
      candidates += opening.candidates.length;
      proposed += opening.candidates.filter((candidate) => candidate.proposed).length;
    }
  }
  const jsonTime = ms(started);
  started = performance.now();
  let bytes = 0;
  for (const booth of booths)
    bytes += (
      await admin.bytes(
        `/api/v1/fairs/${fair.id}/booths/${booth.id}/shortlist.xlsx?limit=${String(SHORTLIST_SIZE)}`,
      )
    ).length;
  stages.push([
    `${String(booths.length)} shortlists as JSON (${String(candidates)} candidates, ${String(proposed)} proposed)`,
    jsonTime,
  ]);
  stages.push([
    `${String(booths.length)} shortlists as xlsx (${(bytes / 1024).toFixed(0)} KiB)`,
    ms(started),
  ]);

  // 5. The baseline: the core alone on the same people and openings, in this process (after the job, so
  // the job gets no warmed-up code from it).
  const wanted = new Set(atBooths.map((opening) => opening.id));
  const openings = loaded.county.openings.filter((opening) =>
    wanted.has(loaded.openingRecords.get(opening.id)?.id.toHexString() ?? ''),
  );
  const taxonomy = defaultTaxonomy();
  const normalizer = createNormalizer(taxonomy);
  const coreStarted = performance.now();
  const preparedResidents = prepareResidents(loaded.county.residents, normalizer);
  const preparedOpenings = prepareOpenings(openings, normalizer);
  const context = { taxonomy, referenceYear: Number(HELD_ON.slice(0, 4)) };
  const byOpening = rankResidents(preparedResidents, preparedOpenings, context, {
    k: SHORTLIST_SIZE,
    explain: true,
  });
  const pairs: AllocationPair[] = [];
  for (const ranking of rankOpenings(preparedResidents, preparedOpenings, context, {
    k: ALLOCATION_CANDIDATES,
  }))
    for (const match of ranking.matches)
      pairs.push({ agentId: ranking.residentId, slotId: match.openingId, score: match.score });
  const agentIds = new Set(pairs.map((pair) => pair.agentId));
  const allocation = allocate(
    {
      agents: loaded.county.residents
        .filter((resident) => agentIds.has(resident.id))
        .map((resident) => ({
          id: resident.id,
          householdId: resident.householdId,
          priority: resident.priority?.registeredPoor === true || resident.priority?.monitored === true,
        })),
      slots: openings.map((opening) => ({ id: opening.id, capacity: opening.headcount })),
      pairs,
    },
    { objective: 'households-first' },
  );
  const coreSeconds = (performance.now() - coreStarted) / 1000;

  console.log(
    `\nfair bench: the synthetic county (seed 42) — ${loaded.households.toLocaleString('en')} households, ${loaded.residents.toLocaleString('en')} residents, ${loaded.openings.toLocaleString('en')} openings of ${String(loaded.employers)} employers`,
  );
  for (const [stage, time] of stages) console.log(`  ${stage.padEnd(52)} ${time.padStart(8)}`);
  console.log(
    '  the matching job, by its own stages (as polled every 200 ms; the worker runs in this process, so while the core ranks and allocates no poll is answered and that time shows under the stage before):',
  );
  for (const [stage, elapsed] of jobStages)
    console.log(`    ${stage.slice(0, 50).padEnd(50)} ${`${(elapsed / 1000).toFixed(1)} s`.padStart(8)}`);
  console.log(
    `  job: ${String(result.residentsMatched)} residents matched of ${String(result.residentsInScope)} in scope × ${String(result.openings)} openings, ${String(result.proposed)} proposed, ${String(result.recommendations)} recommendations stored`,
  );
  console.log(
    `  baseline, the core alone in-process (the generator's working-age residents; the service counts working age from the ID number's birth date): ${String(preparedResidents.length)} residents × ${String(preparedOpenings.length)} openings, ${String(byOpening.length)} shortlists, ${String(allocation.assignments.length)} proposed: ${coreSeconds.toFixed(1)} s`,
  );
  console.log(
    `  matching job / core alone: ${(matching.seconds / coreSeconds).toFixed(2)}× (the service's overhead: records read and decrypted, ${String(result.recommendations)} explained recommendations written, queue and polling)`,
  );
} finally {
  await service.stop();
  await servers.stop();
}
