// A job fair end to end through the HTTP API, as bureau staff would run it: the fair, booths for a mix of
// employers, the matching job with its progress, shortlists (JSON and Excel), then at the fair the
// recommended people register, check in, interview, reach an intent and are hired.
import { writeFile } from 'node:fs/promises';
import type { Booth, Employer, Job, JobAccepted, Opening, Page, Placement, Shortlist } from '@anju/shared';
import { HOME_COUNTY, ms } from './county.ts';

class Unavailable extends Error {}

export class Api {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  /** A 503 (the database or queue busy for a moment) is retried a few times, as any client should. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once<T>(method, path, body);
      } catch (error) {
        // A kept-alive connection the server closes as idle just as the next request goes out fails
        // with ECONNRESET (likelier while its process is busy matching): a GET is safe to send again.
        const retryable = error instanceof Unavailable || (method === 'GET' && error instanceof TypeError);
        if (!retryable || attempt === 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      }
    }
  }

  private async once<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status === 503) throw new Unavailable(`${method} ${path} → 503 ${text.slice(0, 300)}`);
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  async bytes(path: string): Promise<Buffer> {
    const send = () => fetch(`${this.url}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    const response = await send().catch(() => send());
    if (!response.ok) throw new Error(`GET ${path} → ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  /** Every page of a list (pages hold at most 100 rows). */
  async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page += 1) {
      const separator = path.includes('?') ? '&' : '?';
      const result = await this.get<Page<T>>(`${path}${separator}page=${page}&limit=100`);
      items.push(...result.items);
      if (items.length >= result.total || result.items.length === 0) return items;
    }
  }
}

export interface FairOutcome {
  readonly fairId: string;
  readonly jobId: string;
  readonly booths: number;
  readonly result: Record<string, unknown>;
  readonly seconds: number;
  readonly registered: number;
  readonly checkedIn: number;
  readonly intents: number;
  readonly hires: Placement[];
  readonly workbook: string;
}

/** A text progress bar: `[██████░░░░]  63 %  ranking 14,653 residents for 180 openings`. */
function bar(progress: number, stage: string): string {
  const filled = Math.round(progress / 5);
  return `[${'█'.repeat(filled)}${'░'.repeat(20 - filled)}] ${String(progress).padStart(3)} %  ${stage}`;
}

/** Picks the employers that come to the fair: some of each kind, the home county first. */
function exhibitors(
  employers: Employer[],
  openings: Opening[],
): { employer: Employer; openings: Opening[] }[] {
  const byEmployer = new Map<string, Opening[]>();
  for (const opening of openings)
    byEmployer.set(opening.employerId, [...(byEmployer.get(opening.employerId) ?? []), opening]);
  const wanted: Record<string, number> = {
    'assistance-workshop': 25,
    'public-welfare': 10,
    local: 35,
    province: 25,
    'labour-cooperation': 25,
  };
  const chosen: { employer: Employer; openings: Opening[] }[] = [];
  for (const employer of employers) {
    const own = (byEmployer.get(employer.id) ?? []).slice(0, 50);
    const first = own[0];
    if (first === undefined) continue;
    const group =
      first.kind === 'local' && first.countyCode !== HOME_COUNTY ? 'province' : (first.kind as string);
    if ((wanted[group] ?? 0) <= 0) continue;
    wanted[group] = (wanted[group] ?? 0) - 1;
    chosen.push({ employer, openings: own });
  }
  return chosen;
}

export interface FairSetUp {
  readonly fair: { id: string; title: string };
  readonly booths: Booth[];
  /** The open openings of the county, as listed by the API. */
  readonly openings: Opening[];
  /** The openings at the booths. */
  readonly atBooths: Opening[];
}

/** The fair and its booths for a mix of employers (some of each kind, the home county first). */
export async function setUpFair(
  api: Api,
  options: { heldOn: string; log: (line: string) => void },
): Promise<FairSetUp> {
  const fair = await api.post<{ id: string; title: string }>('/api/v1/fairs', {
    title: '春风行动暨就业援助月专场招聘会',
    countyCode: HOME_COUNTY,
    venue: '安置点就业服务中心广场',
    heldOn: options.heldOn,
  });
  const employers = await api.all<Employer>('/api/v1/employers');
  const openings = (await api.all<Opening>('/api/v1/openings')).filter(
    (opening) => opening.status === 'open',
  );
  const exhibiting = exhibitors(employers, openings);
  const booths: Booth[] = [];
  for (const [i, { employer, openings: own }] of exhibiting.entries())
    booths.push(
      await api.post<Booth>(`/api/v1/fairs/${fair.id}/booths`, {
        employerId: employer.id,
        name: `${String(i + 1).padStart(2, '0')} 号展位`,
        seats: 40,
        openingIds: own.map((opening) => opening.id),
      }),
    );
  const atBooths = exhibiting.flatMap((exhibitor) => exhibitor.openings);
  const seats = atBooths.reduce((sum, opening) => sum + opening.headcount, 0);
  options.log(
    `fair "${fair.title}" on ${options.heldOn}: ${booths.length} booths, ${atBooths.length} openings, ${seats.toLocaleString('en')} places`,
  );
  return { fair, booths, openings, atBooths };
}

/** The fair's matching job through the API: 202 and a job id, then its progress until it is done. */
export async function runMatchingJob(
  api: Api,
  fairId: string,
  options: { log: (line: string) => void; progress: (line: string) => void; pollMs?: number },
): Promise<{ jobId: string; job: Job; seconds: number }> {
  const started = performance.now();
  const accepted = await api.post<JobAccepted>(`/api/v1/fairs/${fairId}/matching`, {
    objective: 'households-first',
  });
  options.log(`POST /api/v1/fairs/${fairId}/matching → 202, job ${accepted.jobId}`);
  let job: Job;
  let last = '';
  for (;;) {
    job = await api.get<Job>(accepted.statusUrl);
    const line = bar(job.progress, job.stage);
    if (line !== last) options.progress(line);
    last = line;
    if (job.state === 'completed' || job.state === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 400));
  }
  const seconds = (performance.now() - started) / 1000;
  if (job.state === 'failed') throw new Error(`the matching job failed: ${job.errorCode ?? ''}`);
  return { jobId: accepted.jobId, job, seconds };
}

export async function runFair(
  api: Api,
  options: {
    heldOn: string;
    workbookPath: string;
    log: (line: string) => void;
    progress: (line: string) => void;
  },
): Promise<FairOutcome> {
  const { log } = options;
  const { fair, booths, openings } = await setUpFair(api, options);
  const { jobId, job, seconds } = await runMatchingJob(api, fair.id, options);
  const result = job.result ?? {};
  log(`matching done in ${seconds.toFixed(1)} s`);

  // Shortlists of a few booths, and one as the Excel sheet staff print.
  const withProposals: { booth: Booth; shortlist: Shortlist }[] = [];
  for (const booth of booths) {
    const shortlist = await api.get<Shortlist>(
      `/api/v1/fairs/${fair.id}/booths/${booth.id}/shortlist?limit=10`,
    );
    if (shortlist.openings.some((opening) => opening.candidates.some((candidate) => candidate.proposed)))
      withProposals.push({ booth, shortlist });
  }
  const shown = withProposals.slice(0, 3);
  for (const { booth, shortlist } of shown) {
    const opening = shortlist.openings.find((o) => o.candidates.some((c) => c.proposed));
    if (opening === undefined) continue;
    log(`  ${booth.name} · ${opening.title} (${opening.headcount} places):`);
    for (const candidate of opening.candidates.slice(0, 3)) {
      const skills = candidate.explanation.factors.find((factor) => factor.factor === 'skills');
      log(
        `    ${candidate.proposed ? '★' : ' '} ${candidate.resident.name.padEnd(4, '　')} ${candidate.resident.idNumber}  ${String(candidate.score).padStart(3)} 分  ${skills?.detail ?? ''}`,
      );
    }
  }
  if (shown[0] !== undefined) {
    await writeFile(
      options.workbookPath,
      await api.bytes(`/api/v1/fairs/${fair.id}/booths/${shown[0].booth.id}/shortlist.xlsx`),
    );
    log(`  the printable shortlist of ${shown[0].booth.name}: ${options.workbookPath}`);
  }

  // At the fair: the proposed candidates of these booths come, register, check in and interview; most
  // pass, most of those reach an intent, and staff record the hires (nothing here is automatic).
  let registered = 0;
  let checkedIn = 0;
  let intents = 0;
  const hires: Placement[] = [];
  let n = 0;
  for (const { booth, shortlist } of withProposals.slice(0, 12)) {
    for (const opening of shortlist.openings) {
      for (const candidate of opening.candidates.filter((c) => c.proposed).slice(0, 4)) {
        n += 1;
        const registration = await api
          .post<{ id: string }>(`/api/v1/fairs/${fair.id}/registrations`, {
            residentId: candidate.resident.id,
            boothId: booth.id,
          })
          .catch(() => undefined);
        if (registration === undefined) continue;
        registered += 1;
        const step = (action: string, body: unknown = {}) =>
          api.post(`/api/v1/fairs/${fair.id}/registrations/${registration.id}/${action}`, body);
        if (n % 7 === 0) continue; // did not come
        await step('check-in');
        checkedIn += 1;
        const passed = n % 5 !== 0;
        await step('interview', { outcome: passed ? 'passed' : 'failed', openingId: opening.openingId });
        if (!passed || n % 6 === 0) continue;
        await step('intent', { openingId: opening.openingId });
        intents += 1;
        if (n % 4 === 0) continue; // wants to think about it
        const wage = openings.find((o) => o.id === opening.openingId)?.wage;
        const hired = await step('hire', {
          startedOn: options.heldOn,
          monthlyWage: Math.round(((wage?.min ?? 2000) + (wage?.max ?? 3000)) / 2),
        });
        hires.push((hired as { placement: Placement }).placement);
      }
    }
  }
  return {
    fairId: fair.id,
    jobId,
    booths: booths.length,
    result,
    seconds,
    registered,
    checkedIn,
    intents,
    hires,
    workbook: options.workbookPath,
  };
}

export { ms };
