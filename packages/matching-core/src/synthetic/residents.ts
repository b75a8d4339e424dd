import type { HeldLicence, MatchResident, Mobility, ResidentSkill, SkillLevel } from '@anju/shared';
import { nationalLevelOf } from '@anju/shared';
import type { Licence } from '../taxonomy/types.ts';
import type { Catalogue, TradeEntry } from './catalogue.ts';
import type { HouseholdDraft, Member } from './households.ts';
import type { CountyProfile } from './profile.ts';
import { WeightedTable, type Random } from './random.ts';
import type { Spelling } from './text.ts';

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
  const { catalogue, spelling, random } = context;
  const wanted = age < 20 ? Math.min(1, SKILL_COUNTS.pick(random)) : SKILL_COUNTS.pick(random);
  const chosen: TradeEntry[] = [];
  for (let attempt = 0; chosen.length < wanted && attempt < wanted * 4; attempt++) {
    const previous = chosen.at(-1);
    const close = previous === undefined ? undefined : catalogue.closeTrades(previous);
    // Someone who did one trade often did a close one too (电焊 and 钢筋, 保洁 and 家政).
    const next =
      close !== undefined && close.size > 0 && random.chance(0.4)
        ? close.pick(random)
        : catalogue.residents.pick(random);
    if (!chosen.includes(next)) chosen.push(next);
  }
  const maxYears = Math.max(1, Math.min(30, age - 15));
  const skills = chosen.map(({ trade, occupation }): ResidentSkill => {
    const craft = occupation.noSkillNeeded !== true;
    const skill: ResidentSkill = { name: spelling.residentSkill(trade.says, craft, occupation.name, random) };
    // A 职业技能等级 comes from an assessment: people in work that needs no skill rarely have one.
    if (random.chance(craft ? 0.3 : 0.03)) skill.nationalLevel = nationalLevelOf(LEVELS.pick(random));
    if (random.chance(0.45)) skill.years = random.intLow(1, maxYears);
    return skill;
  });
  return { skills, skillIds: chosen.map(({ occupation }) => occupation.id) };
}

/** A driving licence held apart from any trade: many adults have one, most of them C1. */
const PRIVATE_DRIVING = new WeightedTable<string>([
  ['driving-c1', 0.8],
  ['driving-c2', 0.1],
  ['driving-e', 0.1],
]);

function drawLicences(
  context: ResidentContext,
  skillIds: readonly string[],
  skills: readonly ResidentSkill[],
): { licences: HeldLicence[]; licenceIds: string[] } {
  const { catalogue, random } = context;
  const held = new Map<string, Licence>();
  skillIds.forEach((occupationId, index) => {
    const occupation = catalogue.taxonomy.occupation(occupationId);
    if (occupation === undefined) return;
    // People certified at a level mostly also hold the licence the trade needs.
    const probability = skills[index]?.nationalLevel !== undefined ? 0.8 : 0.45;
    for (const licence of catalogue.licencesOf(occupation)) {
      if (random.chance(probability)) held.set(licence.id, licence);
    }
  });
  if (random.chance(0.15)) {
    const licence = catalogue.taxonomy.licence(PRIVATE_DRIVING.pick(random));
    if (licence !== undefined) held.set(licence.id, licence);
  }
  if (catalogue.commonLicences.size > 0 && random.chance(0.05)) {
    const licence = catalogue.commonLicences.pick(random);
    held.set(licence.id, licence);
  }
  const list = [...held.values()];
  return {
    licences: list.map((licence) => writtenLicence(context, licence)),
    licenceIds: list.map((licence) => licence.id),
  };
}

/**
 * A licence as the register has it: its text, and for a 特种作业操作证 often the dates on the card, some of
 * them past (a licence not renewed, a 复审 missed).
 */
function writtenLicence(context: ResidentContext, licence: Licence): HeldLicence {
  const { catalogue, spelling, profile, random } = context;
  const name = spelling.licence(licence, catalogue.taxonomy.licenceTitle(licence.id), random);
  if (licence.kind !== 'special-operation' || !random.chance(0.6)) return name;
  // Issued up to 8 years back: valid 6 years, 复审 every 3 (most people go; some do not).
  const issued = profile.year - random.int(0, 8);
  const month = String(random.int(1, 12)).padStart(2, '0');
  const reviewed = random.chance(0.8);
  const reviewYear = issued + 3 <= profile.year && reviewed ? issued + 6 : issued + 3;
  return { name, validUntil: `${issued + 6}-${month}-28`, reviewDueBy: `${reviewYear}-${month}-28` };
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
