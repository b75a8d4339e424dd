import type { MatchResident, Mobility, ResidentSkill, SkillLevel } from '@anju/shared';
import type { Licence, Occupation } from '../taxonomy/types.ts';
import type { Catalogue, FamilyWeights } from './catalogue.ts';
import type { HouseholdDraft, Member } from './households.ts';
import type { CountyProfile } from './profile.ts';
import { WeightedTable, type Random } from './random.ts';
import type { Spelling } from './text.ts';

/** Trades the relocated population has worked in: general labour and construction dominate. */
export const RESIDENT_FAMILIES: FamilyWeights = Object.freeze({
  general: 30,
  construction: 22,
  manufacturing: 9,
  electronics: 6,
  garments: 6,
  catering: 6,
  'security-cleaning': 5,
  'logistics-driving': 5,
  'domestic-care': 4,
  'agriculture-tea': 4,
  'vehicle-repair': 1.2,
  'beauty-hair': 1,
  ecommerce: 0.8,
});

/** How many trades a resident names; a good share name none. */
const SKILL_COUNTS = new WeightedTable<number>([
  [0, 0.14],
  [1, 0.44],
  [2, 0.28],
  [3, 0.1],
  [4, 0.03],
  [5, 0.01],
]);

/** Certified levels are rare and low: most people have none, few reach 技师. */
const LEVELS = new WeightedTable<SkillLevel>([
  [1, 0.55],
  [2, 0.28],
  [3, 0.13],
  [4, 0.035],
  [5, 0.005],
]);

/** The taxonomy ids a generated resident's texts stand for, aligned with `skills` and `licences`. */
export interface ResidentTruth {
  readonly id: string;
  readonly skills: readonly string[];
  readonly licences: readonly string[];
}

export interface ResidentContext {
  readonly profile: CountyProfile;
  readonly catalogue: Catalogue;
  readonly occupations: WeightedTable<Occupation>;
  readonly spelling: Spelling;
  readonly random: Random;
}

/** The matching residents of one household: its members with labour capacity. */
export function householdResidents(
  context: ResidentContext,
  household: HouseholdDraft,
  householdId: string,
  nextId: () => string,
): { residents: MatchResident[]; truths: ResidentTruth[] } {
  const { random } = context;
  const workers = household.members.filter((member) => member.labourCapacity);
  // One adult often stays within reach of home to look after a child or a very old member.
  const carer =
    household.needsCare && workers.length > 0 && random.chance(0.45) ? random.int(0, workers.length - 1) : -1;
  const residents: MatchResident[] = [];
  const truths: ResidentTruth[] = [];
  workers.forEach((member, index) => {
    const id = nextId();
    const { resident, truth } = oneResident(context, household, householdId, id, member, index === carer);
    residents.push(resident);
    truths.push(truth);
  });
  return { residents, truths };
}

function oneResident(
  context: ResidentContext,
  household: HouseholdDraft,
  householdId: string,
  id: string,
  member: Member,
  carer: boolean,
): { resident: MatchResident; truth: ResidentTruth } {
  const { profile, random } = context;
  const { skills, skillIds } = drawSkills(context, member.age);
  const { licences, licenceIds } = drawLicences(context, skillIds, skills);
  const mobility: Mobility = carer ? 'local' : drawMobility(member.age, random);
  const resident: MatchResident = {
    id,
    householdId,
    ...(random.chance(0.97) ? { birthYear: profile.year - member.age } : {}),
    home: { countyCode: profile.homeCounty, community: household.community },
    skills,
    ...(licences.length > 0 ? { licences } : {}),
    mobility,
    ...(random.chance(0.6) ? { expectedMonthlyWage: expectedWage(mobility, random) } : {}),
  };
  const noNightShift = carer ? random.chance(0.7) : random.chance(0.12);
  const maxHoursPerWeek = random.chance(0.04) ? random.pick([40, 44, 48]) : undefined;
  if (carer || noNightShift || maxHoursPerWeek !== undefined) {
    resident.constraints = {
      ...(noNightShift ? { noNightShift: true } : {}),
      ...(carer ? { returnHomeDaily: true } : {}),
      ...(maxHoursPerWeek !== undefined ? { maxHoursPerWeek } : {}),
    };
  }
  if (household.registeredPoor || household.monitored) {
    resident.priority = {
      ...(household.registeredPoor ? { registeredPoor: true } : {}),
      ...(household.monitored ? { monitored: true } : {}),
    };
  }
  return { resident, truth: { id, skills: skillIds, licences: licenceIds } };
}

function drawSkills(context: ResidentContext, age: number): { skills: ResidentSkill[]; skillIds: string[] } {
  const { catalogue, occupations, spelling, random } = context;
  const wanted = age < 20 ? Math.min(1, SKILL_COUNTS.pick(random)) : SKILL_COUNTS.pick(random);
  const chosen: Occupation[] = [];
  for (let attempt = 0; chosen.length < wanted && attempt < wanted * 4; attempt++) {
    const previous = chosen.at(-1);
    const substitutes = previous === undefined ? undefined : catalogue.substitutes(previous);
    // Someone who did one trade often did a close one too (电焊 and 钢筋, 保洁 and 家政).
    const next =
      substitutes !== undefined && substitutes.size > 0 && random.chance(0.4)
        ? substitutes.pick(random)
        : occupations.pick(random);
    if (!chosen.includes(next)) chosen.push(next);
  }
  const maxYears = Math.max(1, Math.min(30, age - 15));
  const skills = chosen.map((occupation): ResidentSkill => {
    const skill: ResidentSkill = { name: spelling.residentSkill(occupation, random) };
    if (random.chance(0.3)) skill.level = LEVELS.pick(random);
    if (random.chance(0.45)) skill.years = random.intLow(1, maxYears);
    return skill;
  });
  return { skills, skillIds: chosen.map((occupation) => occupation.id) };
}

function drawLicences(
  context: ResidentContext,
  skillIds: readonly string[],
  skills: readonly ResidentSkill[],
): { licences: string[]; licenceIds: string[] } {
  const { catalogue, spelling, random } = context;
  const held = new Map<string, Licence>();
  skillIds.forEach((occupationId, index) => {
    const occupation = catalogue.taxonomy.occupation(occupationId);
    if (occupation === undefined) return;
    // People certified at a level mostly also hold the licence the trade needs.
    const probability = (skills[index]?.level ?? 0) >= 2 ? 0.8 : 0.45;
    for (const licence of catalogue.licencesOf(occupation)) {
      if (random.chance(probability)) held.set(licence.id, licence);
    }
  });
  if (catalogue.commonLicences.size > 0 && random.chance(0.08)) {
    const licence = catalogue.commonLicences.pick(random);
    held.set(licence.id, licence);
  }
  const list = [...held.values()];
  return {
    licences: list.map((licence) => spelling.licence(licence, random)),
    licenceIds: list.map((licence) => licence.id),
  };
}

/** Young people go further; most people want work near home. */
function drawMobility(age: number, random: Random): Mobility {
  const roll = random.next();
  const [local, province] = age <= 35 ? [0.5, 0.7] : age <= 50 ? [0.7, 0.87] : [0.88, 0.97];
  return roll < local ? 'local' : roll < province ? 'province' : 'national';
}

function expectedWage(mobility: Mobility, random: Random): number {
  switch (mobility) {
    case 'local':
      return random.int(20, 35) * 100;
    case 'province':
      return random.int(30, 50) * 100;
    case 'national':
      return random.int(45, 75) * 100;
  }
}
