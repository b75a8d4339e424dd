import { provinceOf, type MatchOpening, type MatchResident } from '@anju/shared';
import { MatchingError } from '../errors.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import { Catalogue } from './catalogue.ts';
import type { SyntheticCounty } from './generate.ts';
import { COUNTY_PROFILE, type ActivityProfile, type CountyProfile } from './profile.ts';
import { apportion, Random } from './random.ts';

/** How far a registration got at a fair (the service's steps, in order). */
export type SyntheticFairStep = 'checked-in' | 'interviewed' | 'intent' | 'hired';

/** A resident registered at a synthetic job fair, and how far they got. */
export interface SyntheticRegistration {
  readonly residentId: string;
  readonly openingId: string;
  readonly step: SyntheticFairStep;
  /** Index into `CountyYear.placements` when the registration ended in a hire. */
  readonly placement?: number;
}

/** A synthetic job fair (招聘会) and its registrations. */
export interface SyntheticFair {
  readonly title: string;
  readonly venue: string;
  readonly heldOn: string;
  readonly registrations: readonly SyntheticRegistration[];
}

/** A resident's seat in a synthetic training cohort, and whether they completed it. */
export interface SyntheticEnrolment {
  readonly residentId: string;
  /** Indexes into the cohort's `sessions` the resident attended. */
  readonly attended: readonly number[];
  /** Whether the attended hours reach the completion share (the service decides; this is what it should find). */
  readonly certified: boolean;
}

/** A synthetic training cohort (培训班) for one trade, with its enrolments. */
export interface SyntheticCohort {
  readonly title: string;
  /** A taxonomy occupation's preferred name, e.g. 焊工. */
  readonly trade: string;
  /** 1–5 (五级/初级工 … 一级/高级技师). */
  readonly level: number;
  readonly hours: number;
  readonly seats: number;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly sessions: readonly { readonly heldOn: string; readonly hours: number }[];
  readonly enrolled: readonly SyntheticEnrolment[];
}

/** Where a placement is: near home (the county), elsewhere in the province, or in another province. */
export type SyntheticReach = 'near-home' | 'in-province' | 'cross-province';

/** A synthetic employment record, with its monthly incomes. */
export interface SyntheticPlacement {
  readonly residentId: string;
  readonly openingId: string;
  readonly reach: SyntheticReach;
  readonly startedOn: string;
  readonly monthlyWage: number;
  /** `fair` when hired at one of the year's fairs; otherwise a referral by the bureau. */
  readonly source: 'fair' | 'referral';
  /** The resident's monthly income before the placement (元), as recorded at intake. */
  readonly incomeBefore: number;
  /** What the monthly follow-ups record: one per month whose 1st falls on or after `startedOn`. */
  readonly followUps: readonly { readonly month: string; readonly monthlyIncome: number }[];
}

/** A year of the bureau's work in the synthetic county: fairs, training classes, placements, follow-ups. */
export interface CountyYear {
  readonly year: number;
  readonly fairs: readonly SyntheticFair[];
  readonly cohorts: readonly SyntheticCohort[];
  readonly placements: readonly SyntheticPlacement[];
}

/** What the year adds up to, computed from the plan the same way the county's report counts records. */
export interface CountyYearFigures {
  readonly fairsHeld: number;
  readonly intents: number;
  readonly hires: number;
  readonly classes: number;
  readonly trained: number;
  readonly certified: number;
  readonly placements: {
    readonly total: number;
    readonly nearHome: number;
    readonly assistanceWorkshop: number;
    readonly publicWelfare: number;
    readonly inProvince: number;
    readonly crossProvince: number;
  };
  readonly income: {
    readonly residents: number;
    readonly averageBefore: number | null;
    readonly averageAfter: number | null;
    readonly averageChange: number | null;
  };
}

/** Options of `generateCountyYear`: the county the year happens in, the seed and the activity. */
export interface GenerateCountyYearOptions {
  readonly seed: number;
  /** The county the year happens in (its residents are placed, its openings filled). */
  readonly county: SyntheticCounty;
  /** Cohort trades are drawn from its occupations; it is only read. */
  readonly taxonomy: Taxonomy;
  readonly profile?: CountyProfile;
  /** Default: the profile's activity scaled to the county's size (see `scaleActivity`). */
  readonly activity?: ActivityProfile;
}

const FAIRS: readonly { title: string; month: number; day: number }[] = [
  { title: '春风行动暨就业援助月专场招聘会', month: 2, day: 18 },
  { title: '民营企业招聘月现场招聘会', month: 4, day: 16 },
  { title: '劳务协作专场招聘会（粤黔、浙黔协作）', month: 5, day: 21 },
  { title: '帮扶车间及公益性岗位专场招聘会', month: 7, day: 9 },
  { title: '金秋招聘月安置点专场招聘会', month: 9, day: 17 },
  { title: '冬季返乡人员就业专场招聘会', month: 11, day: 12 },
];
const VENUES = ['安置点就业服务中心广场', '锦绣社区文化广场', '县人力资源市场', '安康社区便民服务中心'];
const SESSION_HOURS = 8;
/** The service's default COMPLETION_MIN_ATTENDANCE_SHARE: the generated attendance is on either side of it. */
const COMPLETION_SHARE = 0.8;

/** The profile's activity scaled to a county of `residents` people: events stay, counts of people scale. */
export function scaleActivity(
  activity: ActivityProfile,
  residents: number,
  profileResidents: number,
): ActivityProfile {
  const factor = residents / profileResidents;
  const scale = (value: number) => Math.round(value * factor);
  return {
    ...activity,
    trained: scale(activity.trained),
    certified: Math.min(scale(activity.certified), scale(activity.trained)),
    placements: {
      nearHome: scale(activity.placements.nearHome),
      inProvince: scale(activity.placements.inProvince),
      crossProvince: scale(activity.placements.crossProvince),
    },
  };
}

/**
 * A deterministic year of the bureau's work in `county`, shaped by the profile's activity (docs/domain.md for
 * the county's profile): its fairs with registrations that reach check-in, intent or hire; its training
 * classes with sessions and attendance on either side of the completion share; placements near home, in
 * the province and cross-province filling the county's openings within their headcount, for residents
 * whose mobility allows them; and each placement's monthly follow-ups, income against the income before.
 * Throws `MatchingError('INVALID_PROFILE')` when the county cannot hold the activity (too few openings or
 * residents for it).
 */
export function generateCountyYear(options: GenerateCountyYearOptions): CountyYear {
  const profile = options.profile ?? COUNTY_PROFILE;
  const { county } = options;
  const people = county.households.reduce((sum, household) => sum + household.size, 0);
  const base = profile.activity;
  if (options.activity === undefined && base === undefined)
    throw new MatchingError('INVALID_PROFILE', 'county profile: no activity to generate a year from');
  const activity = options.activity ?? scaleActivity(base as ActivityProfile, people, profile.residents);
  checkActivity(activity);
  const random = (stream: string) => new Random(options.seed, `year/${stream}`);
  const { year } = activity;

  // Placements first: they decide who is in work, and the fairs hire some of them.
  const placements = place(county, profile, activity, random('placements'));
  const fairs = holdFairs(county, activity, placements, random('fairs'));
  const cohorts = trainCohorts(county, options.taxonomy, activity, random('cohorts'));
  return { year, fairs, cohorts, placements: placements.map((draft) => draft.placement) };
}

function checkActivity(activity: ActivityProfile): void {
  const fail = (message: string): never => {
    throw new MatchingError('INVALID_PROFILE', `county activity: ${message}`);
  };
  const counts = [
    activity.fairs,
    activity.classes,
    activity.trained,
    activity.certified,
    activity.placements.nearHome,
    activity.placements.inProvince,
    activity.placements.crossProvince,
  ];
  if (!counts.every((value) => Number.isSafeInteger(value) && value >= 0))
    fail('counts must be non-negative integers');
  if (activity.fairs > FAIRS.length) fail(`at most ${FAIRS.length} fairs a year`);
  if (activity.certified > activity.trained) fail('more certified than trained');
  if (activity.trained > 0 && activity.classes === 0) fail('people trained without classes');
  if (!(activity.fairHireShare >= 0 && activity.fairHireShare <= 1)) fail('fairHireShare must be in [0, 1]');
  if (!Number.isSafeInteger(activity.year) || activity.year < 2000 || activity.year > 2100)
    fail('year out of range');
}

const pad = (value: number) => String(value).padStart(2, '0');
const day = (year: number, month: number, date: number) => `${year}-${pad(month)}-${pad(date)}`;
const roundTo = (value: number, step: number) => Math.round(value / step) * step;

/** A placement while the year is drawn: a fair may still move its start to the fair's day. */
interface PlacementDraft {
  placement: SyntheticPlacement;
  readonly incomes: readonly number[];
}

/** Fills openings place by place: near home, in the province, cross-province, each for residents free to go. */
function place(
  county: SyntheticCounty,
  profile: CountyProfile,
  activity: ActivityProfile,
  random: Random,
): PlacementDraft[] {
  const home = profile.homeCounty;
  const reachOf = (opening: MatchOpening): SyntheticReach =>
    opening.location.countyCode === home
      ? 'near-home'
      : provinceOf(opening.location.countyCode) === provinceOf(home)
        ? 'in-province'
        : 'cross-province';
  const mayGo: Record<SyntheticReach, (resident: MatchResident) => boolean> = {
    'near-home': () => true,
    'in-province': (resident) => resident.mobility !== 'local',
    'cross-province': (resident) => resident.mobility === 'national',
  };
  const placed = new Set<string>();
  const residents = random.shuffle([...county.residents]);
  const drafts: PlacementDraft[] = [];
  const wanted: [SyntheticReach, number][] = [
    // The scarcest first, so the residents free to go far are not all taken near home.
    ['cross-province', activity.placements.crossProvince],
    ['in-province', activity.placements.inProvince],
    ['near-home', activity.placements.nearHome],
  ];
  for (const [reach, count] of wanted) {
    // One slot per place of headcount: an opening is never filled beyond it.
    const slots = random.shuffle(
      county.openings
        .filter((opening) => reachOf(opening) === reach)
        .flatMap((opening) => Array.from({ length: opening.headcount }, () => opening)),
    );
    if (slots.length < count)
      throw new MatchingError(
        'INVALID_PROFILE',
        `county activity: ${count} ${reach} placements, ${slots.length} places`,
      );
    let taken = 0;
    for (const resident of residents) {
      if (taken === count) break;
      if (placed.has(resident.id) || !mayGo[reach](resident)) continue;
      const opening = slots[taken] as MatchOpening;
      placed.add(resident.id);
      taken += 1;
      const { incomes, ...drawn } = placement(resident, opening, reach, activity.year, random);
      drafts.push({ placement: drawn, incomes });
    }
    if (taken < count)
      throw new MatchingError('INVALID_PROFILE', `county activity: too few residents free to work ${reach}`);
  }
  return drafts;
}

function placement(
  resident: MatchResident,
  opening: MatchOpening,
  reach: SyntheticReach,
  year: number,
  random: Random,
): SyntheticPlacement & { incomes: number[] } {
  // Started between January and October, so every placement has follow-ups within the year.
  const startedOn = day(year, random.int(1, 10), random.int(1, 28));
  const { min, max } = opening.wage;
  const monthlyWage = roundTo(min + random.next() * (max - min), 100);
  // Before: odd jobs and farming, often nothing; recorded at intake.
  const incomeBefore = random.chance(0.25) ? 0 : roundTo(random.int(200, 1_200), 50);
  // The wage plus overtime and piece-rate bonuses, as the grid worker would record it, for every month:
  // which months are followed up depends on the start, which a fair may still move.
  const incomes = Array.from({ length: 12 }, () => roundTo(monthlyWage * (1 + 0.15 * random.next()), 10));
  return {
    residentId: resident.id,
    openingId: opening.id,
    reach,
    startedOn,
    monthlyWage,
    source: 'referral',
    incomeBefore,
    followUps: followUpsFrom(year, startedOn, incomes),
    incomes,
  };
}

/** One follow-up per month whose 1st falls on or after the start (the monthly tick's rule). */
function followUpsFrom(year: number, startedOn: string, incomes: readonly number[]) {
  return incomes.flatMap((monthlyIncome, m) =>
    day(year, m + 1, 1) < startedOn ? [] : [{ month: `${year}-${pad(m + 1)}`, monthlyIncome }],
  );
}

/**
 * The year's fairs: a share of the placements are hires at a fair (started on its day, through check-in,
 * interview and intent); each fair also has people who reached an intent but did not take the job, and
 * people who checked in or interviewed only.
 */
function holdFairs(
  county: SyntheticCounty,
  activity: ActivityProfile,
  drafts: PlacementDraft[],
  random: Random,
): SyntheticFair[] {
  if (activity.fairs === 0) return [];
  const schedule = FAIRS.slice(0, activity.fairs);
  const registrations: SyntheticRegistration[][] = schedule.map(() => []);
  const placed = new Set(drafts.map((draft) => draft.placement.residentId));
  drafts.forEach((draft, index) => {
    if (!random.chance(activity.fairHireShare)) return;
    const fair = random.int(0, schedule.length - 1);
    const when = schedule[fair] as (typeof FAIRS)[number];
    const startedOn = day(activity.year, when.month, when.day);
    draft.placement = {
      ...draft.placement,
      source: 'fair',
      startedOn,
      followUps: followUpsFrom(activity.year, startedOn, draft.incomes),
    };
    (registrations[fair] as SyntheticRegistration[]).push({
      residentId: draft.placement.residentId,
      openingId: draft.placement.openingId,
      step: 'hired',
      placement: index,
    });
  });
  const others = county.residents.filter((resident) => !placed.has(resident.id));
  registrations.forEach((list, fair) => {
    const hired = list.length;
    const openings = list.map((registration) => registration.openingId);
    if (openings.length === 0) return;
    const seen = new Set<string>();
    for (let k = 0; k < hired * 3; k += 1) {
      const resident = random.pick(others);
      if (seen.has(resident.id)) continue;
      seen.add(resident.id);
      const step: SyntheticFairStep = k % 3 === 0 ? 'intent' : k % 3 === 1 ? 'interviewed' : 'checked-in';
      (registrations[fair] as SyntheticRegistration[]).push({
        residentId: resident.id,
        openingId: random.pick(openings),
        step,
      });
    }
  });
  return schedule.map((when, fair) => ({
    title: `${activity.year}年${when.title}`,
    venue: VENUES[fair % VENUES.length] as string,
    heldOn: day(activity.year, when.month, when.day),
    registrations: registrations[fair] as SyntheticRegistration[],
  }));
}

/** The year's classes: trades the county's employers ask for, attendance on either side of the share. */
function trainCohorts(
  county: SyntheticCounty,
  taxonomy: Taxonomy,
  activity: ActivityProfile,
  random: Random,
): SyntheticCohort[] {
  if (activity.classes === 0) return [];
  // The trades the county trains for: what its openings ask for and its people can learn in weeks.
  const trades = new Catalogue(taxonomy).trainable.map((entry) => entry.occupation);
  if (trades.length === 0) throw new MatchingError('EMPTY_TAXONOMY', 'no trades to train for');
  if (county.residents.length < activity.trained)
    throw new MatchingError('INVALID_PROFILE', 'county activity: more trained than working-age residents');
  const even = Array.from({ length: activity.classes }, () => 1);
  const trainedPer = apportion(activity.trained, even);
  const certifiedPer = apportion(activity.certified, even);
  const trainees = random.shuffle([...county.residents]);
  let next = 0;
  return trainedPer.map((trained, k) => {
    const trade = random.pick(trades);
    const level = random.pick([1, 1, 2]);
    const sessions = random.int(5, 12);
    const hours = sessions * SESSION_HOURS;
    // Classes spread over January to November, a session every other day.
    const month = 1 + Math.floor((k * 11) / activity.classes);
    const startsOn = day(activity.year, month, random.int(1, 8));
    const start = new Date(`${startsOn}T00:00:00Z`);
    const dates = Array.from({ length: sessions }, (_, i) =>
      new Date(start.getTime() + i * 2 * 86_400_000).toISOString().slice(0, 10),
    );
    const needed = Math.ceil(sessions * COMPLETION_SHARE);
    const certified = Math.min(certifiedPer[k] ?? 0, trained);
    const enrolled = Array.from({ length: trained }, (_, i): SyntheticEnrolment => {
      const resident = trainees[next++] as MatchResident;
      const pass = i < certified;
      // Who passes attends `needed` or more sessions; who does not, fewer.
      const count = pass ? random.int(needed, sessions) : random.int(0, needed - 1);
      const attended = random
        .shuffle(Array.from({ length: sessions }, (_, s) => s))
        .slice(0, count)
        .sort((a, b) => a - b);
      return { residentId: resident.id, attended, certified: pass };
    });
    return {
      title: `${activity.year}年第${k + 1}期${trade.name}培训班`,
      trade: trade.name,
      level,
      hours,
      seats: trained + random.int(0, 10),
      startsOn,
      endsOn: dates.at(-1) as string,
      sessions: dates.map((heldOn) => ({ heldOn, hours: SESSION_HOURS })),
      enrolled,
    };
  });
}

/**
 * The figures the county's report should show for the year, from the plan alone: near-home placements are
 * split by the opening's kind, income by resident (mean of their follow-ups minus the income before).
 */
export function countyYearFigures(year: CountyYear, county: SyntheticCounty): CountyYearFigures {
  const kindOf = new Map(county.openings.map((opening) => [opening.id, opening.kind]));
  const registrations = year.fairs.flatMap((fair) => fair.registrations);
  const enrolled = year.cohorts.flatMap((cohort) => cohort.enrolled);
  const count = (reach: SyntheticReach) => year.placements.filter((p) => p.reach === reach).length;
  const nearHome = year.placements.filter((p) => p.reach === 'near-home');
  const withIncome = year.placements.filter((p) => p.followUps.length > 0);
  const mean = (values: number[]) =>
    values.length === 0
      ? null
      : Math.round((values.reduce((sum, v) => sum + v, 0) / values.length) * 100) / 100;
  const after = withIncome.map(
    (p) => p.followUps.reduce((sum, f) => sum + f.monthlyIncome, 0) / p.followUps.length,
  );
  return {
    fairsHeld: year.fairs.length,
    intents: registrations.filter((r) => r.step === 'intent' || r.step === 'hired').length,
    hires: registrations.filter((r) => r.step === 'hired').length,
    classes: year.cohorts.length,
    trained: enrolled.length,
    certified: enrolled.filter((e) => e.certified).length,
    placements: {
      total: year.placements.length,
      nearHome: nearHome.length,
      assistanceWorkshop: nearHome.filter((p) => kindOf.get(p.openingId) === 'assistance-workshop').length,
      publicWelfare: nearHome.filter((p) => kindOf.get(p.openingId) === 'public-welfare').length,
      inProvince: count('in-province'),
      crossProvince: count('cross-province'),
    },
    income: {
      residents: withIncome.length,
      averageBefore: mean(withIncome.map((p) => p.incomeBefore)),
      averageAfter: mean(after),
      averageChange: mean(
        after.map((value, i) => value - (withIncome[i] as SyntheticPlacement).incomeBefore),
      ),
    },
  };
}
