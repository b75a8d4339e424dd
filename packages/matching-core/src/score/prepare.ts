import {
  skillLevelOf,
  type HeldLicence,
  type MatchOpening,
  type MatchResident,
  type NationalLevel,
  type SkillLevel,
} from '@anju/shared';
import { MatchingError } from '../errors.ts';
import type { Normalizer } from '../normalize/types.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import type {
  LicenceHolding,
  PreparedOpening,
  PreparedRequirement,
  PreparedResident,
  TextOutcome,
} from './types.ts';

/** Options of `prepareResidents`. */
export interface PrepareOptions {
  /**
   * The day licences are checked on (YYYY-MM-DD): a licence past its `validUntil` or `reviewDueBy` then
   * no longer counts. Without it, dates on licences are not checked (and the explanation says so).
   */
  readonly asOf?: string;
}

/**
 * Turns residents' skill and licence texts into concept ids. A skill's level is the stated one, else the
 * one the text itself names (高级电工 → 三级/高级工); the same concept twice keeps the higher level. A
 * licence counts as every licence it includes (B2 → C1 …) and as its category (低压电工作业 → 电工作业),
 * unless it is past its dates on `asOf`. Unknown texts are kept in `unknown` and never count as a match.
 */
export function prepareResidents(
  residents: readonly MatchResident[],
  normalizer: Normalizer,
  options: PrepareOptions = {},
): PreparedResident[] {
  if (options.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
    throw new MatchingError('INVALID_OPTIONS', `asOf must be a date such as 2026-12-01, got ${options.asOf}`);
  }
  return residents.map((resident) => prepareResident(resident, normalizer, options.asOf));
}

function prepareResident(
  resident: MatchResident,
  normalizer: Normalizer,
  asOf: string | undefined,
): PreparedResident {
  const normalization: TextOutcome[] = [];
  const skills = new Map<string, SkillLevel | undefined>();
  resident.skills.forEach((skill, index) => {
    const result = normalizer.normalize(skill.name);
    normalization.push({ field: 'skills', index, result });
    if (result.code === null) return;
    const level = statedLevel(skill.nationalLevel, skill.level) ?? result.level;
    const previous = skills.get(result.code);
    skills.set(result.code, higherLevel(previous, level));
  });
  const holdings: LicenceHolding[] = [];
  (resident.licences ?? []).forEach((held, index) => {
    const text = typeof held === 'string' ? held : held.name;
    const result = normalizer.normalizeLicence(text);
    normalization.push({ field: 'licences', index, result });
    if (result.code !== null) holdings.push(holdingOf(held, result.code, result.assumption, asOf));
  });
  // What each licence counts as, valid holdings first and explicit before assumed, so that the
  // explanation names the strongest reason a gate is open.
  const ordered = [...holdings].sort((a, b) => rankOf(a) - rankOf(b));
  const licences = new Set<string>();
  const licenceSources = new Map<string, LicenceHolding>();
  for (const holding of ordered) {
    for (const id of normalizer.taxonomy.licencesHeldWith(holding.id)) {
      if (!licenceSources.has(id)) licenceSources.set(id, holding);
      if (holding.lapsed === undefined) licences.add(id);
    }
  }
  const attestedSkills = attest(normalizer.taxonomy, licences, skills);
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
    licenceSources,
    attestedSkills,
    normalization,
    unknown: normalization.filter((outcome) => outcome.result.code === null),
  };
}

/** A licence as held: past its dates on `asOf` it lapses; without `asOf`, its dates stay unchecked. */
function holdingOf(
  held: HeldLicence,
  id: string,
  assumption: string | undefined,
  asOf: string | undefined,
): LicenceHolding {
  const text = typeof held === 'string' ? held : held.name;
  const base: LicenceHolding = { id, text, ...(assumption === undefined ? {} : { assumption }) };
  if (typeof held === 'string') return base;
  const dated = held.validUntil !== undefined || held.reviewDueBy !== undefined;
  if (asOf === undefined) return dated ? { ...base, datesUnchecked: true } : base;
  // ISO dates compare as strings.
  if (held.validUntil !== undefined && held.validUntil < asOf)
    return { ...base, lapsed: { reason: 'expired', on: held.validUntil } };
  if (held.reviewDueBy !== undefined && held.reviewDueBy < asOf)
    return { ...base, lapsed: { reason: 'review-overdue', on: held.reviewDueBy } };
  return base;
}

/**
 * Trades the resident's licences show they can do (a 叉车证 holder drives forklifts), added to `skills`
 * (level unknown) where the resident did not list them and holds every licence the trade needs.
 * Returns each added trade with the licence that shows it.
 */
function attest(
  taxonomy: Taxonomy,
  licences: ReadonlySet<string>,
  skills: Map<string, SkillLevel | undefined>,
): ReadonlyMap<string, string> {
  const attested = new Map<string, string>();
  for (const id of licences) {
    for (const trade of taxonomy.licence(id)?.qualifies ?? []) {
      if (skills.has(trade)) continue;
      const needs = taxonomy.occupation(trade)?.licences ?? [];
      if (!needs.every((licence) => licences.has(licence))) continue;
      skills.set(trade, undefined);
      attested.set(trade, id);
    }
  }
  return attested;
}

function rankOf(holding: LicenceHolding): number {
  return (holding.lapsed === undefined ? 0 : 2) + (holding.assumption === undefined ? 0 : 1);
}

/** The level a skill states: the national numbering first, else the deprecated rank. */
function statedLevel(
  nationalLevel: NationalLevel | undefined,
  level: SkillLevel | undefined,
): SkillLevel | undefined {
  return nationalLevel === undefined ? level : skillLevelOf(nationalLevel);
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
      minLevel: statedLevel(skill.minNationalLevel, skill.minLevel) ?? result.level,
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
