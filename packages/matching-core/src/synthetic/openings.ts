import type { CountyCode, MatchOpening, OpeningKind, OpeningSkill } from '@anju/shared';
import { nationalLevelOf, type SkillLevel } from '@anju/shared';
import type { Occupation } from '../taxonomy/types.ts';
import type { Catalogue, TradeEntry } from './catalogue.ts';
import type { CountyProfile, Destination } from './profile.ts';
import { apportion, WeightedTable, type Random } from './random.ts';
import { clip, type Spelling } from './text.ts';
import type { OpeningSetting } from './trades.ts';

export type { OpeningSetting } from './trades.ts';

const SETTINGS: readonly OpeningSetting[] = [
  'local',
  'assistance-workshop',
  'public-welfare',
  'in-province',
  'labour-cooperation',
];

/** Share of opening records per setting. */
const SETTING_SHARES: Readonly<Record<OpeningSetting, number>> = {
  local: 0.32,
  'assistance-workshop': 0.18,
  'public-welfare': 0.12,
  'in-province': 0.16,
  'labour-cooperation': 0.22,
};

const MIN_LEVELS = new WeightedTable<SkillLevel>([
  [1, 0.5],
  [2, 0.3],
  [3, 0.15],
  [4, 0.05],
]);

/** The taxonomy ids a generated opening's texts stand for, aligned with `skills` and `licences`. */
export interface OpeningTruth {
  readonly id: string;
  readonly occupation: string;
  readonly skills: readonly string[];
  readonly licences: readonly string[];
}

export interface OpeningContext {
  readonly profile: CountyProfile;
  readonly catalogue: Catalogue;
  readonly spelling: Spelling;
  readonly random: Random;
}

interface Employer {
  readonly id: string;
  readonly setting: OpeningSetting;
  readonly place: Destination | undefined;
  /** The trade most of its openings are for. */
  readonly trade: TradeEntry;
}

/** `count` openings from employers of every setting, shuffled, with ids O00001…; employer ids E0001…. */
export function generateOpenings(
  context: OpeningContext,
  count: number,
): { openings: MatchOpening[]; truths: OpeningTruth[] } {
  const { random } = context;
  // A county without destinations for a setting recruits there not at all; the other settings share its part.
  const shares = SETTINGS.map((setting) =>
    placesOf(context.profile, setting)?.length === 0 ? 0 : SETTING_SHARES[setting],
  );
  const perSetting = apportion(count, shares);
  let employerNumber = 0;
  const drafts: { opening: Omit<MatchOpening, 'id'>; truth: Omit<OpeningTruth, 'id'> }[] = [];
  SETTINGS.forEach((setting, s) => {
    const n = perSetting[s] as number;
    if (n === 0) return;
    const trades = context.catalogue.forSetting(setting);
    const employers = Array.from({ length: Math.max(1, Math.ceil(n / 3)) }, (): Employer => {
      employerNumber++;
      return {
        id: `E${String(employerNumber).padStart(4, '0')}`,
        setting,
        place: placeOf(context, setting),
        trade: trades.pick(random),
      };
    });
    // A few employers post many openings, most post one or two.
    const byEmployer = new WeightedTable(employers.map((employer, k) => [employer, 1 / (k + 1) ** 0.8]));
    for (let i = 0; i < n; i++) {
      const employer = byEmployer.pick(random);
      const entry = random.chance(0.7) ? employer.trade : trades.pick(random);
      drafts.push(oneOpening(context, employer, entry));
    }
  });
  random.shuffle(drafts);
  const openings: MatchOpening[] = [];
  const truths: OpeningTruth[] = [];
  drafts.forEach(({ opening, truth }, index) => {
    const id = `O${String(index + 1).padStart(5, '0')}`;
    openings.push({ id, ...opening });
    truths.push({ id, ...truth });
  });
  return { openings, truths };
}

/** Destinations of a setting that recruits away from home; `undefined` for settings in the home county. */
function placesOf(profile: CountyProfile, setting: OpeningSetting): readonly Destination[] | undefined {
  if (setting === 'in-province') return profile.inProvince.filter((place) => place.weight > 0);
  if (setting === 'labour-cooperation') return profile.crossProvince.filter((place) => place.weight > 0);
  return undefined;
}

function placeOf(context: OpeningContext, setting: OpeningSetting): Destination | undefined {
  const places = placesOf(context.profile, setting);
  if (places === undefined) return undefined;
  return new WeightedTable(places.map((place) => [place, place.weight])).pick(context.random);
}

function oneOpening(
  context: OpeningContext,
  employer: Employer,
  entry: TradeEntry,
): { opening: Omit<MatchOpening, 'id'>; truth: Omit<OpeningTruth, 'id'> } {
  const { profile, catalogue, spelling, random } = context;
  const { setting, place } = employer;
  const { trade, occupation } = entry;
  const posts = trade.posts ?? [];
  const countyCode: CountyCode = place?.countyCode ?? profile.homeCounty;
  const { skills, skillIds, topLevel } = openingSkills(context, setting, entry);
  const licences = catalogue.licencesOf(occupation);
  const kind = kindOf(setting);
  const opening: Omit<MatchOpening, 'id'> = {
    employerId: employer.id,
    title: title(setting, posts[0] ?? occupation.name, place),
    occupation: spelling.openingOccupation(posts, occupation, random),
    skills,
    ...(licences.length > 0
      ? {
          licences: licences.map((licence) =>
            spelling.licence(licence, catalogue.taxonomy.licenceTitle(licence.id), random),
          ),
        }
      : {}),
    location: { countyCode },
    wage: wageRange(profile, setting, trade.wage, topLevel, random),
    headcount: headcount(setting, random),
    ...ageRange(setting, occupation, random),
    ...nightShift(setting, random),
    ...accommodation(setting, random),
    ...hours(setting, random),
    ...(kind !== undefined ? { kind } : {}),
  };
  return {
    opening,
    truth: { occupation: occupation.id, skills: skillIds, licences: licences.map((licence) => licence.id) },
  };
}

/**
 * Work that needs no skill and most public-welfare posts list no skill; workshops train on the job, so
 * their skill is usually a plus rather than a must. Skilled trades require their own trade, sometimes at a
 * level, and list close trades as a plus.
 */
function openingSkills(
  context: OpeningContext,
  setting: OpeningSetting,
  entry: TradeEntry,
): { skills: OpeningSkill[]; skillIds: string[]; topLevel: number } {
  const { catalogue, spelling, random } = context;
  const { occupation, trade } = entry;
  if (occupation.noSkillNeeded === true || (setting === 'public-welfare' && random.chance(0.7))) {
    return { skills: [], skillIds: [], topLevel: 0 };
  }
  const required = !(setting === 'assistance-workshop' && random.chance(0.6));
  const levelChance = setting === 'assistance-workshop' || setting === 'public-welfare' ? 0.05 : 0.25;
  const main: OpeningSkill = { name: spelling.openingSkill(trade.posts ?? [], occupation, random), required };
  let topLevel = 0;
  if (required && random.chance(levelChance)) {
    const level: SkillLevel = MIN_LEVELS.pick(random);
    main.minNationalLevel = nationalLevelOf(level);
    topLevel = level;
  }
  const skills = [main];
  const skillIds = [occupation.id];
  const extras = random.intLow(0, 2);
  const close = catalogue.substitutes(occupation);
  for (let i = 0; i < extras && close.size > 0; i++) {
    const other = close.pick(random);
    if (skillIds.includes(other.id)) continue;
    const posted = catalogue.entryOf(other.id)?.trade.posts ?? [];
    skills.push({ name: spelling.openingSkill(posted, other, random), required: false });
    skillIds.push(other.id);
  }
  return { skills, skillIds, topLevel };
}

function kindOf(setting: OpeningSetting): OpeningKind | undefined {
  switch (setting) {
    case 'local':
    case 'assistance-workshop':
    case 'public-welfare':
    case 'labour-cooperation':
      return setting;
    case 'in-province':
      return undefined;
  }
}

function title(setting: OpeningSetting, name: string, place: Destination | undefined): string {
  const text = (() => {
    switch (setting) {
      case 'local':
        return `招聘${name}`;
      case 'assistance-workshop':
        return `帮扶车间${name}`;
      case 'public-welfare':
        return `${name}（公益性岗位）`;
      case 'in-province':
        return `${place?.name ?? ''}${name}`;
      case 'labour-cooperation':
        return `${place?.name ?? ''}${name}（劳务协作）`;
    }
  })();
  return clip(text, 80);
}

/** Monthly wage range in 元, rounded to 100: 公益性岗位 at the minimum wage, coastal factories well above. */
function wageRange(
  profile: CountyProfile,
  setting: OpeningSetting,
  tradeWage: number,
  level: number,
  random: Random,
): { min: number; max: number } {
  const hundreds = (value: number): number => Math.round(value / 100) * 100;
  switch (setting) {
    case 'public-welfare': {
      const min = hundreds(profile.minimumWage - random.int(0, 2) * 100);
      return { min, max: min + random.int(0, 3) * 100 };
    }
    case 'assistance-workshop': {
      const min = hundreds(profile.minimumWage + random.int(0, 7) * 100);
      return { min, max: min + random.int(4, 15) * 100 };
    }
    case 'local':
    case 'in-province':
    case 'labour-cooperation': {
      const premium = setting === 'local' ? 1 : setting === 'in-province' ? 1.15 : 1.5;
      const base = tradeWage * premium * (1 + 0.12 * level) * (0.85 + 0.2 * random.next());
      const min = Math.max(profile.minimumWage, hundreds(base));
      return { min, max: hundreds(min * (1.1 + 0.4 * random.next())) };
    }
  }
}

function headcount(setting: OpeningSetting, random: Random): number {
  switch (setting) {
    case 'public-welfare':
      return random.intLow(1, 3);
    case 'assistance-workshop':
      return random.intLow(5, 25);
    case 'local':
      return random.intLow(1, 6);
    case 'in-province':
      return random.intLow(2, 12);
    case 'labour-cooperation':
      return random.intLow(5, 40);
  }
}

function ageRange(
  setting: OpeningSetting,
  occupation: Occupation,
  random: Random,
): Pick<MatchOpening, 'ageRange'> {
  switch (setting) {
    case 'labour-cooperation':
      if (!random.chance(0.55)) return {};
      return {
        ageRange: { min: 18, max: occupation.family === 'construction' ? 55 : random.pick([40, 45, 50]) },
      };
    case 'in-province':
      return random.chance(0.3) ? { ageRange: { min: 18, max: random.pick([50, 55]) } } : {};
    case 'public-welfare':
      return random.chance(0.4) ? { ageRange: { min: random.pick([18, 30, 40]), max: 60 } } : {};
    case 'assistance-workshop':
      return random.chance(0.2) ? { ageRange: { min: 16, max: 60 } } : {};
    case 'local':
      return random.chance(0.15) ? { ageRange: { min: 18, max: random.pick([45, 50, 55, 60]) } } : {};
  }
}

/** Night work is common in coastal factories, rare near home; sometimes the posting does not say. */
function nightShift(setting: OpeningSetting, random: Random): Pick<MatchOpening, 'nightShift'> {
  const probability = {
    local: 0.1,
    'assistance-workshop': 0.02,
    'public-welfare': 0,
    'in-province': 0.2,
    'labour-cooperation': 0.45,
  }[setting];
  if (random.chance(probability)) return { nightShift: true };
  return random.chance(0.7) ? { nightShift: false } : {};
}

/** 劳务协作 comes with dormitories; near home nobody needs a bed. */
function accommodation(setting: OpeningSetting, random: Random): Pick<MatchOpening, 'accommodation'> {
  switch (setting) {
    case 'labour-cooperation':
      return { accommodation: random.chance(0.97) };
    case 'in-province':
      return { accommodation: random.chance(0.5) };
    case 'local':
      return random.chance(0.1) ? { accommodation: true } : {};
    case 'assistance-workshop':
    case 'public-welfare':
      return {};
  }
}

function hours(setting: OpeningSetting, random: Random): Pick<MatchOpening, 'hoursPerWeek'> {
  if (!random.chance(0.3)) return {};
  switch (setting) {
    case 'labour-cooperation':
      return { hoursPerWeek: random.pick([54, 60, 66]) };
    case 'public-welfare':
      return { hoursPerWeek: random.pick([20, 40]) };
    case 'assistance-workshop':
      return { hoursPerWeek: random.pick([40, 44]) };
    case 'local':
    case 'in-province':
      return { hoursPerWeek: random.pick([40, 44, 48]) };
  }
}
