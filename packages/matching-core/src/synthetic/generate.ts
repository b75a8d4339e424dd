import type { MatchOpening, MatchResident } from '@anju/shared';
import { MatchingError } from '../errors.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import { Catalogue } from './catalogue.ts';
import { draftHouseholds, scaleShape } from './households.ts';
import { generateOpenings, type OpeningTruth } from './openings.ts';
import { checkProfile, COUNTY_PROFILE, type CountyProfile } from './profile.ts';
import { Random } from './random.ts';
import { householdResidents, type ResidentTruth } from './residents.ts';
import { Spelling } from './text.ts';

/** What `generateCounty` makes: the seed, how many residents and openings, from which taxonomy. */
export interface GenerateCountyOptions {
  /** Same seed, options and taxonomy → the same county, on any machine. */
  readonly seed: number;
  /**
   * Relocated residents: everyone in the households, children and elderly included (default: the profile's
   * 27,477). Only those of working age with labour capacity become `residents` records.
   */
  readonly residents?: number;
  /** Opening records (default: the profile's openings scaled to `residents`). */
  readonly openings?: number;
  /** Occupations, aliases and licences are drawn from it; it is only read. */
  readonly taxonomy: Taxonomy;
  readonly profile?: CountyProfile;
}

/** One household as the county registers it. */
export interface SyntheticHousehold {
  readonly id: string;
  readonly community: string;
  /** First-level grid (一级网格), e.g. `G07`. */
  readonly grid: string;
  readonly registeredPoor: boolean;
  readonly monitored: boolean;
  /** Everyone registered in the household. */
  readonly size: number;
  /** The members in `residents`: of working age (16–64) with labour capacity. */
  readonly residentIds: readonly string[];
  /** Members outside the matching input: children, students, elderly, people without labour capacity. */
  readonly dependants: number;
}

/**
 * What the generated texts stand for, for checking normalisation; never an input to matching. Aligned by
 * index with `residents` / `openings`; a typo'd text still stands for the trade the person meant.
 */
export interface SyntheticTruth {
  readonly residents: readonly ResidentTruth[];
  readonly openings: readonly OpeningTruth[];
}

/**
 * A synthetic county: residents and openings in the shapes the core takes (`MatchResident`, `MatchOpening`),
 * the households, and the truth behind the generated texts (for tests of normalisation).
 */
export interface SyntheticCounty {
  /** The matching input: people of working age with labour capacity, household by household. */
  readonly residents: MatchResident[];
  readonly openings: MatchOpening[];
  readonly households: SyntheticHousehold[];
  readonly truth: SyntheticTruth;
}

/** Largest county the generator accepts, in residents or openings: a province, with room to spare. */
const MAX_COUNT = 50_000_000;

/**
 * A deterministic synthetic county shaped like `profile` (default: the county of docs/domain.md) and scaled to
 * `residents` people: households of realistic sizes in communities and grids, the registered-poor share,
 * trades drawn from the county's trade mix (trades.ts) and said in everyday words, and local, 帮扶车间,
 * 公益性岗位, in-province and 劳务协作 openings. Residents, households and openings come from separate random
 * streams, so changing the number of openings leaves the residents unchanged.
 */
export function generateCounty(options: GenerateCountyOptions): SyntheticCounty {
  const profile = options.profile ?? COUNTY_PROFILE;
  checkProfile(profile);
  const people = checkCount(options.residents ?? profile.residents, 'residents');
  const openingCount = checkCount(
    options.openings ?? Math.round((profile.openings * people) / profile.residents),
    'openings',
  );
  const catalogue = new Catalogue(options.taxonomy);
  if (catalogue.isEmpty && (people > 0 || openingCount > 0)) {
    throw new MatchingError('EMPTY_TAXONOMY', 'the taxonomy has no occupations to draw trades from');
  }
  const spelling = new Spelling();

  const drafts = draftHouseholds(
    profile,
    scaleShape(profile, people),
    new Random(options.seed, 'households'),
  );
  const residentContext = {
    profile,
    catalogue,
    spelling,
    random: new Random(options.seed, 'residents'),
  };
  const residents: MatchResident[] = [];
  const residentTruths: ResidentTruth[] = [];
  const households: SyntheticHousehold[] = [];
  const householdDigits = Math.max(5, String(drafts.length).length);
  const residentDigits = Math.max(6, String(people).length);
  let residentNumber = 0;
  const nextResidentId = (): string => `R${String(++residentNumber).padStart(residentDigits, '0')}`;
  drafts.forEach((draft, index) => {
    const id = `H${String(index + 1).padStart(householdDigits, '0')}`;
    const members = householdResidents(residentContext, draft, id, nextResidentId);
    residents.push(...members.residents);
    residentTruths.push(...members.truths);
    households.push({
      id,
      community: draft.community,
      grid: draft.grid,
      registeredPoor: draft.registeredPoor,
      monitored: draft.monitored,
      size: draft.members.length,
      residentIds: members.residents.map((resident) => resident.id),
      dependants: draft.members.length - members.residents.length,
    });
  });

  const { openings, truths: openingTruths } = generateOpenings(
    { profile, catalogue, spelling, random: new Random(options.seed, 'openings') },
    openingCount,
  );
  return { residents, openings, households, truth: { residents: residentTruths, openings: openingTruths } };
}

function checkCount(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_COUNT) {
    throw new MatchingError(
      'INVALID_OPTIONS',
      `${name} must be an integer from 0 to ${MAX_COUNT}, got ${value}`,
    );
  }
  return value;
}
