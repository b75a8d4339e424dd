// The synthetic county (generateCounty, the county profile of docs/domain.md) as the service's records:
// households in four townships, every person of them as a resident with a synthetic, valid 身份证号 and
// phone, employers and their openings. Loaded through the service's bulk path (same validation, scope
// and field encryption as the API).
import { defaultTaxonomy } from '@anju/matching-core';
import { COUNTY_PROFILE, generateCounty, type SyntheticCounty } from '@anju/matching-core/synthetic';
import {
  idCheckCharacter,
  nationalLevelOf,
  type HeldLicence,
  type MatchOpening,
  type MatchResident,
  type NationalLevel,
  type SkillLevel,
  type TokenClaims,
} from '@anju/shared';
import { insertHouseholds, insertResidents, type Services } from '@anju/service';
import { Types } from 'mongoose';

export const HOME_COUNTY = '520121';
const ADMIN: TokenClaims = { sub: 'demo-loader', role: 'admin' };
const BATCH = 2000;

/** Community k of the profile lives in township 52012100k. */
export function townshipOf(county: SyntheticCounty, community: string): string {
  const index = COUNTY_PROFILE.communities.findIndex((c) => c.name === community);
  return `${HOME_COUNTY}${String((index < 0 ? 0 : index) + 1).padStart(3, '0')}`;
}

const FAMILY = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '罗',
  '龙',
  '杨',
  '吴',
  '石',
  '潘',
  '韦',
  '田',
];
const GIVEN = [
  '秀英',
  '建国',
  '桂兰',
  '志强',
  '海燕',
  '明',
  '芳',
  '伟',
  '娜',
  '军',
  '春梅',
  '永福',
  '小红',
  '德华',
  '玉兰',
  '国平',
];

/** Synthetic identities, deterministic from a person's index: a valid 身份证号 (GB 11643) and a mobile number. */
export class Identities {
  readonly #used = new Map<string, number>();

  idNumber(birthYear: number, n: number): string {
    const month = String((n % 12) + 1).padStart(2, '0');
    const day = String((Math.floor(n / 12) % 28) + 1).padStart(2, '0');
    const date = `${birthYear}${month}${day}`;
    const sequence = this.#used.get(date) ?? 0;
    this.#used.set(date, sequence + 1);
    const first17 = `${HOME_COUNTY}${date}${String(sequence % 1000).padStart(3, '0')}`;
    return `${first17}${idCheckCharacter(first17)}`;
  }

  static phone(n: number): string {
    return `1${['39', '38', '37', '36', '35', '58', '87'][n % 7] ?? '39'}${String(n).padStart(8, '0')}`;
  }

  static name(n: number): string {
    return `${FAMILY[n % FAMILY.length] ?? '王'}${GIVEN[Math.floor(n / FAMILY.length) % GIVEN.length] ?? '明'}`;
  }
}

/** The service keeps the national level only; a deprecated rank from the core is converted, never copied. */
function nationalLevelFrom(
  nationalLevel: NationalLevel | undefined,
  rank: SkillLevel | undefined,
): { nationalLevel?: NationalLevel } {
  if (nationalLevel !== undefined) return { nationalLevel };
  return rank === undefined ? {} : { nationalLevel: nationalLevelOf(rank) };
}

/** A licence as the register holds it: the card's dates kept, so matching can check them. */
function licenceRecord(held: HeldLicence): { name: string; validUntil?: string; reviewDueBy?: string } {
  if (typeof held === 'string') return { name: held };
  return {
    name: held.name,
    ...(held.validUntil === undefined ? {} : { validUntil: held.validUntil }),
    ...(held.reviewDueBy === undefined ? {} : { reviewDueBy: held.reviewDueBy }),
  };
}

function residentRow(
  householdId: string,
  resident: MatchResident,
  n: number,
  identities: Identities,
): Record<string, unknown> {
  return {
    householdId,
    name: Identities.name(n),
    idNumber: identities.idNumber(resident.birthYear ?? 1985, n),
    phone: Identities.phone(n),
    skills: resident.skills.map((skill) => ({
      name: skill.name,
      ...nationalLevelFrom(skill.nationalLevel, skill.level),
      ...(skill.years === undefined ? {} : { years: skill.years }),
    })),
    licences: (resident.licences ?? []).map(licenceRecord),
    mobility: resident.mobility,
    ...(resident.expectedMonthlyWage === undefined
      ? {}
      : { expectedMonthlyWage: Math.round(resident.expectedMonthlyWage) }),
    ...(resident.constraints === undefined ? {} : { constraints: resident.constraints }),
    // Most agree to be shown (masked) to employers at fairs; some do not.
    consent: { shareWithEmployers: n % 10 < 7 },
    ...(resident.priority === undefined ? {} : { priority: resident.priority }),
  };
}

/** Children and elderly members: registered residents outside working age, so matching leaves them out. */
function dependantRow(
  householdId: string,
  n: number,
  k: number,
  identities: Identities,
  registeredPoor: boolean,
) {
  const referenceYear = 2026;
  const birthYear = k % 2 === 0 ? referenceYear - 2 - (n % 14) : referenceYear - 66 - (n % 20);
  return {
    householdId,
    name: Identities.name(n),
    idNumber: identities.idNumber(birthYear, n),
    mobility: 'local',
    consent: { shareWithEmployers: false },
    ...(registeredPoor ? { priority: { registeredPoor: true } } : {}),
  };
}

const EMPLOYER_KIND: Record<string, string> = {
  'assistance-workshop': 'assistance-workshop',
  'public-welfare': 'public-body',
  'labour-cooperation': 'labour-agency',
};

/** Where a generated resident ended up: its record, township and grid, and its consent (copied at fairs). */
export interface LoadedResident {
  readonly id: Types.ObjectId;
  readonly townshipCode: string;
  readonly community: string;
  readonly grid: string;
  readonly shareWithEmployers: boolean;
}

export interface LoadedOpening {
  readonly id: Types.ObjectId;
  readonly employerId: Types.ObjectId;
  readonly countyCode: string;
}

export interface LoadedCounty {
  readonly households: number;
  readonly residents: number;
  readonly employers: number;
  readonly openings: number;
  readonly grids: number;
  /** The generated county, and its records by the generator's ids (the year of activity, the benches). */
  readonly county: SyntheticCounty;
  readonly residentRecords: ReadonlyMap<string, LoadedResident>;
  readonly openingRecords: ReadonlyMap<string, LoadedOpening>;
}

/** The grid worker who visits a grid's households: its first, full-time worker (the others part-time). */
export function gridWorkerOf(townshipCode: string, grid: string): string {
  return `gw-${townshipCode}-${grid}-1`;
}

/**
 * Generates the county (seed 42; `residents` people, default the profile's 27,477) and loads it; `log`
 * hears about each step.
 */
export async function loadCounty(
  services: Services,
  log: (line: string) => void,
  options: { residents?: number } = {},
): Promise<LoadedCounty> {
  let started = performance.now();
  const county = generateCounty({
    seed: 42,
    taxonomy: defaultTaxonomy(),
    ...(options.residents === undefined ? {} : { residents: options.residents }),
  });
  const people = county.households.reduce((sum, household) => sum + household.size, 0);
  log(
    `generated the county (seed 42): ${people.toLocaleString('en')} people in ${county.households.length.toLocaleString('en')} households, ` +
      `${county.residents.length.toLocaleString('en')} of working age, ${county.openings.length.toLocaleString('en')} openings (${ms(started)})`,
  );

  started = performance.now();
  const households = await insertHouseholds(
    services,
    ADMIN,
    county.households.map((household) => ({
      townshipCode: townshipOf(county, household.community),
      community: household.community,
      grid: household.grid,
    })),
  );
  const householdId = new Map(
    county.households.map((household, i) => [household.id, must(households.ids[i]).toHexString()]),
  );
  const byId = new Map(county.residents.map((resident) => [resident.id, resident]));
  const identities = new Identities();
  const rows: Record<string, unknown>[] = [];
  /** The generator's id of each row (dependants have none). */
  const generated: (string | undefined)[] = [];
  let n = 0;
  for (const household of county.households) {
    const id = must(householdId.get(household.id));
    for (const residentId of household.residentIds) {
      rows.push(residentRow(id, must(byId.get(residentId)), (n += 1), identities));
      generated.push(residentId);
    }
    for (let k = 0; k < household.dependants; k += 1) generated.push(undefined);
    for (let k = 0; k < household.dependants; k += 1)
      rows.push(dependantRow(id, (n += 1), k, identities, household.registeredPoor));
  }
  const householdOf = new Map(county.households.flatMap((h) => h.residentIds.map((r) => [r, h] as const)));
  const residentRecords = new Map<string, LoadedResident>();
  let inserted = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const result = await insertResidents(services, ADMIN, batch);
    inserted += result.inserted;
    result.ids.forEach((id, k) => {
      const residentId = generated[start + k];
      const household = residentId === undefined ? undefined : householdOf.get(residentId);
      if (residentId === undefined || household === undefined) return;
      residentRecords.set(residentId, {
        id,
        townshipCode: townshipOf(county, household.community),
        community: household.community,
        grid: household.grid,
        shareWithEmployers: (batch[k]?.consent as { shareWithEmployers: boolean }).shareWithEmployers,
      });
    });
    log(`  residents: ${inserted.toLocaleString('en')} of ${rows.length.toLocaleString('en')}`);
  }
  log(
    `loaded ${households.inserted.toLocaleString('en')} households and ${inserted.toLocaleString('en')} residents, ID numbers and phones encrypted (${ms(started)})`,
  );

  started = performance.now();
  const employers = new Map<string, { id: Types.ObjectId; opening: MatchOpening }>();
  for (const opening of county.openings)
    if (!employers.has(opening.employerId))
      employers.set(opening.employerId, { id: new Types.ObjectId(), opening });
  const employerRows = [...employers.entries()].map(([code, { id, opening }]) => ({
    _id: id,
    name: `${opening.title.replace(/（.*$/, '').slice(0, 12)}用工单位 ${code}`,
    countyCode: opening.location.countyCode,
    kind: EMPLOYER_KIND[opening.kind ?? ''] ?? 'firm',
  }));
  const employerResult = await services.scoped('employers', ADMIN).insertMany(employerRows);
  const openingRows = county.openings.map((opening) => ({
    employerId: must(employers.get(opening.employerId)).id,
    kind: opening.kind ?? 'local',
    title: opening.title,
    occupation: opening.occupation,
    skills: opening.skills.map((skill) => {
      const level = nationalLevelFrom(skill.minNationalLevel, skill.minLevel).nationalLevel;
      return {
        name: skill.name,
        required: skill.required,
        ...(level === undefined ? {} : { minNationalLevel: level }),
      };
    }),
    licences: opening.licences ?? [],
    countyCode: opening.location.countyCode,
    crossProvince: opening.location.countyCode.slice(0, 2) !== HOME_COUNTY.slice(0, 2),
    wage: opening.wage,
    headcount: opening.headcount,
    ...(opening.hoursPerWeek === undefined ? {} : { hoursPerWeek: opening.hoursPerWeek }),
    ...(opening.nightShift === undefined ? {} : { nightShift: opening.nightShift }),
    ...(opening.accommodation === undefined ? {} : { accommodation: opening.accommodation }),
    status: 'open',
  }));
  const openingIds = county.openings.map(() => new Types.ObjectId());
  const openingResult = await services
    .scoped('openings', ADMIN)
    .insertMany(openingRows.map((row, i) => ({ _id: openingIds[i], ...row })));
  const openingRecords = new Map<string, LoadedOpening>(
    county.openings.map((opening, i) => [
      opening.id,
      {
        id: must(openingIds[i]),
        employerId: must(employers.get(opening.employerId)).id,
        countyCode: opening.location.countyCode,
      },
    ]),
  );
  log(
    `loaded ${employerResult.inserted} employers and ${openingResult.inserted.toLocaleString('en')} openings (${ms(started)})`,
  );

  // The grids (一级网格) households name, each with 1 full-time and 2–3 part-time grid workers (网格员):
  // the monthly follow-ups go to the full-time one.
  const gridKeys = new Map<string, { townshipCode: string; community: string; name: string }>();
  for (const household of county.households) {
    const townshipCode = townshipOf(county, household.community);
    gridKeys.set(`${townshipCode}|${household.community}|${household.grid}`, {
      townshipCode,
      community: household.community,
      name: household.grid,
    });
  }
  const gridRows = [...gridKeys.values()].map((grid, g) => ({
    ...grid,
    workers: Array.from({ length: 3 + (g % 2) }, (_, w) => ({
      workerId: `gw-${grid.townshipCode}-${grid.name}-${w + 1}`,
      name: Identities.name(90_000 + g * 4 + w),
      fullTime: w === 0,
    })),
  }));
  const gridResult = await services.scoped('grids', ADMIN).insertMany(gridRows);
  return {
    households: households.inserted,
    residents: inserted,
    employers: employerResult.inserted,
    openings: openingResult.inserted,
    grids: gridResult.inserted,
    county,
    residentRecords,
    openingRecords,
  };
}

/** The generator's records refer to each other by id; a miss is a bug in this loader. */
function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the synthetic county refers to a record it does not have');
  return value;
}

export function ms(since: number): string {
  const elapsed = performance.now() - since;
  return elapsed < 1000 ? `${Math.round(elapsed)} ms` : `${(elapsed / 1000).toFixed(1)} s`;
}
