// A deterministic synthetic township for the service benches, created through the HTTP API as staff would:
// households of 10 residents, then what the mixed load needs (cohorts, fairs with a booth, an opening).
import { idCheckCharacter } from '@anju/shared';

export const TOWNSHIP = '520121001';
const PER_HOUSEHOLD = 10;

function idNumber(n: number): string {
  const birth = `19${String(60 + (n % 40))}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}`;
  const first17 = `520121${birth}${String(n % 1000).padStart(3, '0')}`;
  return `${first17}${idCheckCharacter(first17)}`;
}

export async function post(url: string, token: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** `residents` synthetic residents of TOWNSHIP in households of 10; returns their ids. */
export async function seedResidents(serviceUrl: string, staff: string, residents: number): Promise<string[]> {
  const residentIds: string[] = [];
  for (let h = 0; h < residents / PER_HOUSEHOLD; h += 1) {
    const household = await post(`${serviceUrl}/api/v1/households`, staff, {
      townshipCode: TOWNSHIP,
      community: '易地扶贫搬迁安置社区',
    });
    const members = await Promise.all(
      Array.from({ length: PER_HOUSEHOLD }, (_, i) => {
        const n = h * PER_HOUSEHOLD + i;
        return post(`${serviceUrl}/api/v1/residents`, staff, {
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
  return residentIds;
}

export async function createCohort(serviceUrl: string, staff: string, seats: number): Promise<string> {
  const cohort = await post(`${serviceUrl}/api/v1/cohorts`, staff, {
    providerId: 'bench-provider',
    title: '电焊工培训班',
    trade: '电焊',
    seats,
    hours: 80,
    startsOn: '2026-03-01',
    endsOn: '2026-04-01',
  });
  return cohort.id;
}

/** A request kind of the mixed load: its share of the connections and the requests it rotates through. */
export interface MixKind {
  name: string;
  connections: number;
  method: 'GET' | 'POST';
  /** Path and body of request i are requests[i % length]. */
  requests: { path: string; body?: string }[];
}

/**
 * The bureau's day as load: staff reading lists and details, enrolling residents into cohorts, registering
 * them at fairs, and now and then starting a fair's matching job. `capacity` unique enrolments and
 * registrations are prepared (each resident once per cohort and once per fair), so they answer 201, not 409.
 */
export async function prepareMix(
  serviceUrl: string,
  staff: string,
  residentIds: string[],
  options: { capacity: number; connections: number },
): Promise<MixKind[]> {
  const copies = Math.max(1, Math.ceil(options.capacity / residentIds.length));
  const cohorts: string[] = [];
  for (let c = 0; c < copies; c += 1) cohorts.push(await createCohort(serviceUrl, staff, 500));
  const employer = await post(`${serviceUrl}/api/v1/employers`, staff, {
    name: '安置点帮扶车间',
    countyCode: '520121',
    kind: 'assistance-workshop',
  });
  const opening = await post(`${serviceUrl}/api/v1/openings`, staff, {
    employerId: employer.id,
    kind: 'assistance-workshop',
    title: '缝纫工',
    occupation: '缝纫工',
    skills: [{ name: '缝纫', minLevel: 1, required: false }],
    countyCode: '520121',
    wage: { min: 2200, max: 3200 },
    headcount: 20,
  });
  const fairs: { fairId: string; boothId: string }[] = [];
  for (let f = 0; f < copies; f += 1) {
    const fair = await post(`${serviceUrl}/api/v1/fairs`, staff, {
      title: `就业援助月专场招聘会 ${String(f + 1)}`,
      countyCode: '520121',
      venue: '安置点就业服务中心',
      heldOn: '2026-03-15',
    });
    const booth = await post(`${serviceUrl}/api/v1/fairs/${fair.id}/booths`, staff, {
      employerId: employer.id,
      name: '01 号展位',
      seats: 40,
      openingIds: [opening.id],
    });
    fairs.push({ fairId: fair.id, boothId: booth.id });
  }
  // Resident i of copy c: every (resident, cohort) and (resident, fair) pair comes up once.
  const pairs = <T>(copiesOf: T[]) =>
    copiesOf.flatMap((copy) => residentIds.map((residentId) => ({ copy, residentId })));
  // Shares of the connections: reads dominate a bureau's day; matching jobs are rare.
  const share = (part: number) => Math.max(1, Math.round((options.connections * part) / 100));
  return [
    {
      name: 'GET /residents?page=&limit=20',
      connections: share(30),
      method: 'GET',
      requests: Array.from({ length: 50 }, (_, i) => ({
        path: `/api/v1/residents?page=${String(i + 1)}&limit=20`,
      })),
    },
    {
      name: 'GET /residents/:id (masked, audited)',
      connections: share(36),
      method: 'GET',
      requests: residentIds.map((id) => ({ path: `/api/v1/residents/${id}` })),
    },
    {
      name: 'POST /cohorts/:id/enrollments',
      connections: share(14),
      method: 'POST',
      requests: pairs(cohorts).map(({ copy, residentId }) => ({
        path: `/api/v1/cohorts/${copy}/enrollments`,
        body: JSON.stringify({ residentId }),
      })),
    },
    {
      name: 'POST /fairs/:id/registrations',
      connections: share(14),
      method: 'POST',
      requests: pairs(fairs).map(({ copy, residentId }) => ({
        path: `/api/v1/fairs/${copy.fairId}/registrations`,
        body: JSON.stringify({ residentId, boothId: copy.boothId }),
      })),
    },
    {
      name: 'POST /fairs/:id/matching (202)',
      connections: share(6),
      method: 'POST',
      requests: fairs.map(({ fairId }) => ({
        path: `/api/v1/fairs/${fairId}/matching`,
        body: JSON.stringify({ pool: 'registered' }),
      })),
    },
  ];
}
