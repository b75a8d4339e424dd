import type { MatchOpening, MatchResident, SkillLevel } from '@anju/shared';
import type { Normalizer } from '../normalize/types.ts';
import type { PreparedOpening, PreparedRequirement, PreparedResident, TextOutcome } from './types.ts';

/**
 * Turns residents' skill and licence texts into concept ids. A skill's level is the stated one, else the
 * one the text itself names (高级电工 → 3); the same concept twice keeps the higher level. Unknown texts
 * are kept in `unknown` and never count as a match.
 */
export function prepareResidents(
  residents: readonly MatchResident[],
  normalizer: Normalizer,
): PreparedResident[] {
  return residents.map((resident) => prepareResident(resident, normalizer));
}

function prepareResident(resident: MatchResident, normalizer: Normalizer): PreparedResident {
  const normalization: TextOutcome[] = [];
  const skills = new Map<string, SkillLevel | undefined>();
  resident.skills.forEach((skill, index) => {
    const result = normalizer.normalize(skill.name);
    normalization.push({ field: 'skills', index, result });
    if (result.code === null) return;
    const level = skill.level ?? result.level;
    const previous = skills.get(result.code);
    skills.set(result.code, higherLevel(previous, level));
  });
  const licences = new Set<string>();
  (resident.licences ?? []).forEach((text, index) => {
    const result = normalizer.normalizeLicence(text);
    normalization.push({ field: 'licences', index, result });
    if (result.code !== null) licences.add(result.code);
  });
  return {
    id: resident.id,
    householdId: resident.householdId,
    birthYear: resident.birthYear,
    countyCode: resident.home.countyCode,
    mobility: resident.mobility,
    expectedMonthlyWage: resident.expectedMonthlyWage,
    noNightShift: resident.constraints?.noNightShift ?? false,
    returnHomeDaily: resident.constraints?.returnHomeDaily ?? false,
    maxHoursPerWeek: resident.constraints?.maxHoursPerWeek,
    skills,
    licences,
    normalization,
    unknown: normalization.filter((outcome) => outcome.result.code === null),
  };
}

/**
 * Turns openings' occupation, skill and licence texts into concept ids. The occupation is the main,
 * required concept; skills naming a concept already asked for are merged (required if either is, the
 * higher minimum level). Unknown texts stay as requirements nobody is credited for.
 */
export function prepareOpenings(
  openings: readonly MatchOpening[],
  normalizer: Normalizer,
): PreparedOpening[] {
  return openings.map((opening) => prepareOpening(opening, normalizer));
}

function prepareOpening(opening: MatchOpening, normalizer: Normalizer): PreparedOpening {
  const normalization: TextOutcome[] = [];
  const requirements: PreparedRequirement[] = [];
  const byConcept = new Map<string, number>();
  const add = (requirement: PreparedRequirement): void => {
    const at = requirement.concept === null ? undefined : byConcept.get(requirement.concept);
    const existing = at === undefined ? undefined : requirements[at];
    if (at === undefined || existing === undefined) {
      if (requirement.concept !== null) byConcept.set(requirement.concept, requirements.length);
      requirements.push(requirement);
      return;
    }
    requirements[at] = {
      ...existing,
      required: existing.required || requirement.required,
      minLevel: higherLevel(existing.minLevel, requirement.minLevel),
    };
  };

  const main = normalizer.normalize(opening.occupation);
  normalization.push({ field: 'occupation', index: 0, result: main });
  add({
    concept: main.code,
    text: opening.occupation,
    minLevel: main.level,
    required: true,
    source: 'occupation',
  });
  opening.skills.forEach((skill, index) => {
    const result = normalizer.normalize(skill.name);
    normalization.push({ field: 'skills', index, result });
    add({
      concept: result.code,
      text: skill.name,
      minLevel: skill.minLevel ?? result.level,
      required: skill.required,
      source: 'skill',
    });
  });
  const licences = new Set<string>();
  (opening.licences ?? []).forEach((text, index) => {
    const result = normalizer.normalizeLicence(text);
    normalization.push({ field: 'licences', index, result });
    if (result.code !== null) licences.add(result.code);
  });
  return {
    id: opening.id,
    employerId: opening.employerId,
    title: opening.title,
    countyCode: opening.location.countyCode,
    kind: opening.kind,
    occupation: main.code,
    requirements,
    licences: [...licences].sort(),
    wage: { min: opening.wage.min, max: opening.wage.max },
    headcount: opening.headcount,
    ageRange: ageRange(opening.ageRange),
    nightShift: opening.nightShift,
    accommodation: opening.accommodation,
    hoursPerWeek: opening.hoursPerWeek,
    normalization,
    unknown: normalization.filter((outcome) => outcome.result.code === null),
  };
}

function ageRange(range: MatchOpening['ageRange']): PreparedOpening['ageRange'] {
  if (range === undefined) return undefined;
  return {
    ...(range.min === undefined ? {} : { min: range.min }),
    ...(range.max === undefined ? {} : { max: range.max }),
  };
}

function higherLevel(a: SkillLevel | undefined, b: SkillLevel | undefined): SkillLevel | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}
