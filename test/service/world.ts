// Two townships, two providers, two employers, with one of everything in each: the fixture for the
// object-level authorization tests.
import { expect } from 'chai';
import { api, claims, seedResidents, TOWNSHIP_A, TOWNSHIP_B, type TestApp } from './support.ts';

export interface Side {
  householdId: string;
  residentIds: string[];
  employerId: string;
  openingId: string;
  providerId: string;
  cohortId: string;
  enrollmentId: string;
  boothId: string;
  registrationId: string;
  placementId: string;
  followUpId: string;
}

export interface World {
  fairId: string;
  a: Side;
  b: Side;
  tokens: {
    admin: string;
    staffA: string;
    staffB: string;
    auditor: string;
    providerA: string;
    providerB: string;
    employerA: string;
    employerB: string;
  };
}

function idOf(response: { status: number; text: string; body: unknown }, what: string): string {
  expect(response.status, `${what}: ${response.text}`).to.be.oneOf([200, 201]);
  return (response.body as { id: string }).id;
}

export async function buildWorld(t: TestApp, firstN = 100): Promise<World> {
  const admin = await t.token(claims.admin);
  const staffA = await t.token(claims.staffA);
  const staffB = await t.token(claims.staffB);
  const client = api(t.app, admin);
  const fairId = idOf(
    await client.post('/api/v1/fairs', {
      title: '春风行动招聘会',
      countyCode: '520121',
      venue: '安置点广场',
      heldOn: '2026-03-01',
    }),
    'fair',
  );
  const side = async (township: string, token: string, tag: string, n: number): Promise<Side> => {
    const { householdId, residentIds } = await seedResidents(t.app, token, township, 2, n);
    const employerId = idOf(
      await client.post('/api/v1/employers', {
        name: `${tag} 服装厂`,
        countyCode: '520121',
        kind: 'assistance-workshop',
      }),
      'employer',
    );
    const openingId = idOf(
      await client.post('/api/v1/openings', {
        employerId,
        kind: 'assistance-workshop',
        title: '缝纫工',
        occupation: '缝纫工',
        countyCode: '520121',
        wage: { min: 2500, max: 3500 },
        headcount: 10,
      }),
      'opening',
    );
    const providerId = `provider-${tag}`;
    const cohortId = idOf(
      await client.post('/api/v1/cohorts', {
        providerId,
        title: `${tag} 电焊班`,
        trade: '电焊',
        seats: 10,
        hours: 80,
        startsOn: '2026-04-01',
        endsOn: '2026-05-01',
      }),
      'cohort',
    );
    const enrollmentId = idOf(
      await api(t.app, token).post(`/api/v1/cohorts/${cohortId}/enrollments`, { residentId: residentIds[0] }),
      'enrollment',
    );
    const boothId = idOf(
      await client.post(`/api/v1/fairs/${fairId}/booths`, {
        employerId,
        name: `${tag} 展位`,
        seats: 5,
        openingIds: [openingId],
      }),
      'booth',
    );
    const registrationId = idOf(
      await api(t.app, token).post(`/api/v1/fairs/${fairId}/registrations`, {
        residentId: residentIds[0],
        boothId,
      }),
      'registration',
    );
    const placementId = idOf(
      await api(t.app, token).post('/api/v1/placements', {
        residentId: residentIds[1],
        employerId,
        openingId,
        countyCode: '520121',
        startedOn: '2026-02-01',
        monthlyWage: 3000,
      }),
      'placement',
    );
    const followUpId = idOf(
      await api(t.app, token).post('/api/v1/followups', {
        placementId,
        month: '2026-03',
        employed: true,
        monthlyIncome: 3100,
      }),
      'followup',
    );
    return {
      householdId,
      residentIds,
      employerId,
      openingId,
      providerId,
      cohortId,
      enrollmentId,
      boothId,
      registrationId,
      placementId,
      followUpId,
    };
  };
  // Residents with an even sequence number consent to share with employers: the first of each side does.
  const a = await side(TOWNSHIP_A, staffA, 'A', firstN);
  const b = await side(TOWNSHIP_B, staffB, 'B', firstN + 2);
  return {
    fairId,
    a,
    b,
    tokens: {
      admin,
      staffA,
      staffB,
      auditor: await t.token(claims.auditor),
      providerA: await t.token(claims.provider(a.providerId)),
      providerB: await t.token(claims.provider(b.providerId)),
      employerA: await t.token(claims.employer(a.employerId)),
      employerB: await t.token(claims.employer(b.employerId)),
    },
  };
}
