// A small seeded generator of a skewed county for testing the ranking benchmark until the synthetic
// county generator lands. Internal to the tests: a generated taxonomy of numbered trades with Zipf
// popularity, and a third of the openings general labour (普工) that needs no skill — the skewed case.
import type { MatchOpening, MatchResident } from '@anju/shared';
import { type Occupation, type OccupationFamily, type TaxonomyData } from '@anju/matching-core';

/** mulberry32: a tiny, fast, seedable PRNG; the same seed gives the same county. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILIES: readonly OccupationFamily[] = [
  'construction',
  'manufacturing',
  'garments',
  'electronics',
  'domestic-care',
  'catering',
  'logistics-driving',
  'security-cleaning',
  'agriculture-tea',
  'ecommerce',
];
const HOME = '522301';
const PROVINCE = ['520102', '520203', '522401'];
const ELSEWHERE = ['440305', '440604', '330106', '330212', '320583', '350203'];

export interface RandomCounty {
  readonly taxonomy: TaxonomyData;
  readonly residents: MatchResident[];
  readonly openings: MatchOpening[];
}

export function randomCounty(options: {
  seed: number;
  residents: number;
  openings: number;
  trades?: number;
}): RandomCounty {
  const next = random(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number): boolean => next() < p;
  const between = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const trades = options.trades ?? 200;
  const licences = Array.from({ length: 12 }, (_, i) => ({
    id: `lic-${i}`,
    name: `操作证${i}`,
    aliases: [],
    covers: [],
    assumedFor: [],
    qualifies: [],
  }));
  const occupations: Occupation[] = Array.from({ length: trades }, (_, i) => ({
    id: `trade-${i}`,
    name: `工种${i}`,
    family: FAMILIES[i % FAMILIES.length]!,
    aliases: [`俗称${i}`],
    ...(i % 10 >= 1 && i % 10 <= 2 ? { broader: `trade-${i - (i % 10)}` } : {}),
    substitutes: i % 2 === 0 && i + 1 < trades ? [{ id: `trade-${i + 1}`, similarity: 0.5 }] : [],
    licences: i % 7 === 3 ? [`lic-${i % 12}`] : [],
  }));
  occupations.push({
    id: 'general',
    name: '普工',
    family: 'services',
    noSkillNeeded: true,
    aliases: ['杂工'],
    substitutes: [],
    licences: [],
  });

  // Zipf popularity: a few trades are common, most are rare.
  const weights = Array.from({ length: trades }, (_, i) => 1 / (i + 1) ** 1.1);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, w) => (cumulative.push((sum + w) / total), sum + w), 0);
  const trade = (): Occupation => {
    const u = next();
    const i = cumulative.findIndex((c) => c >= u);
    return occupations[i < 0 ? trades - 1 : i]!;
  };
  const spell = (occupation: Occupation): string => (chance(0.3) ? occupation.aliases[0]! : occupation.name);

  const residents: MatchResident[] = Array.from({ length: options.residents }, (_, i) => {
    const skills = Array.from({ length: pick([0, 0, 1, 1, 1, 2]) }, () => {
      const occupation = trade();
      return chance(0.5) ? { name: spell(occupation) } : { name: spell(occupation), level: between(1, 3) };
    });
    const held = skills.flatMap((skill) => occupations.find((o) => o.name === skill.name)?.licences ?? []);
    return {
      id: `r-${String(i).padStart(6, '0')}`,
      householdId: `h-${String(Math.floor(i / 4)).padStart(5, '0')}`,
      ...(chance(0.9) ? { birthYear: between(1962, 2007) } : {}),
      home: { countyCode: HOME, community: `安置社区${between(1, 4)}` },
      skills,
      ...(held.length > 0 && chance(0.5) ? { licences: held } : {}),
      mobility: pick(['local', 'local', 'local', 'province', 'national'] as const),
      ...(chance(0.7) ? { expectedMonthlyWage: between(20, 60) * 100 } : {}),
      constraints: {
        ...(chance(0.2) ? { noNightShift: true } : {}),
        ...(chance(0.15) ? { returnHomeDaily: true } : {}),
        ...(chance(0.2) ? { maxHoursPerWeek: pick([40, 48, 60]) } : {}),
      },
      ...(chance(0.4) ? { priority: { registeredPoor: true } } : {}),
    };
  });

  const openings: MatchOpening[] = Array.from({ length: options.openings }, (_, i) => {
    const general = chance(0.35);
    const occupation = general ? occupations[trades]! : trade();
    const where = next();
    const countyCode = where < 0.6 ? HOME : where < 0.75 ? pick(PROVINCE) : pick(ELSEWHERE);
    const away = countyCode !== HOME && !PROVINCE.includes(countyCode);
    const min = between(20, 50) * 100;
    const night = next();
    return {
      id: `o-${String(i).padStart(5, '0')}`,
      employerId: `e-${String(i % 700).padStart(4, '0')}`,
      title: occupation.name,
      occupation: spell(occupation),
      skills: Array.from({ length: general ? pick([0, 0, 0, 1]) : pick([0, 1, 2]) }, () => ({
        name: spell(trade()),
        ...(chance(0.3) ? { minLevel: between(1, 3) } : {}),
        required: !general && chance(0.5),
      })),
      location: { countyCode },
      wage: { min, max: min + between(0, 20) * 100 },
      headcount: between(1, 10),
      ...(chance(0.4) ? { ageRange: { min: 18, max: between(45, 60) } } : {}),
      ...(night < 0.2 ? { nightShift: true } : night < 0.6 ? { nightShift: false } : {}),
      ...(away ? { accommodation: chance(0.8), kind: 'labour-cooperation' as const } : {}),
      ...(chance(0.6) ? { hoursPerWeek: between(40, 60) } : {}),
    };
  });

  return {
    taxonomy: { version: `random-${options.seed}`, occupations, licences, retired: [] },
    residents,
    openings,
  };
}
