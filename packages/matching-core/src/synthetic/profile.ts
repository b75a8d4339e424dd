import { CountyCode, provinceOf } from '@anju/shared';
import { MatchingError } from '../errors.ts';

/** A place openings can be in, with how often employers there recruit from the county. */
export interface Destination {
  readonly countyCode: CountyCode;
  /** Short place name used in opening titles, e.g. 东莞. */
  readonly name: string;
  readonly weight: number;
}

/**
 * A year of the bureau's work (docs/domain.md: fairs held, classes held, residents trained, placed near home and
 * cross-province, the monthly income gain of those placed). Counts of people are for a county of the
 * profile's `residents`; `generateCountyYear` scales them to the county it is given.
 */
export interface ActivityProfile {
  /** The calendar year the activity falls in (Asia/Shanghai days). */
  readonly year: number;
  /** 招聘会 held (at most 6: the generator's fair calendar). */
  readonly fairs: number;
  /** 培训班 held, all completed within the year. */
  readonly classes: number;
  /** Residents who finished a class (enrolled when it completed). */
  readonly trained: number;
  /** Of them, residents whose attendance earned the certificate. */
  readonly certified: number;
  /** 家门口就业 (the home county), elsewhere in the province, 劳务协作 (another province). */
  readonly placements: {
    readonly nearHome: number;
    readonly inProvince: number;
    readonly crossProvince: number;
  };
  /** Share of placements that were hires at the year's fairs; the rest are the bureau's referrals. */
  readonly fairHireShare: number;
  /** Average monthly income gain of those placed (元) the generated incomes reach: docs/domain.md's 3,000+. */
  readonly monthlyIncomeGain: number;
}

/**
 * The figures a synthetic county is shaped after. `COUNTY_PROFILE` is the county of docs/domain.md; pass your own
 * to model another one. `residents`, `households` and `openings` are scaled by the generator's options.
 */
export interface CountyProfile {
  /** Relocated residents: everyone registered in the households, children and elderly included. */
  readonly residents: number;
  readonly households: number;
  /** 建档立卡: registered-poor households and the residents living in them. */
  readonly registeredPoor: { readonly households: number; readonly residents: number };
  /** Share of households under 防返贫监测 (monitored for relapse into poverty). */
  readonly monitoredShare: number;
  /** 安置社区 names with their share of households. */
  readonly communities: readonly { readonly name: string; readonly weight: number }[];
  /** First-level grids (一级网格) over all communities. */
  readonly grids: number;
  readonly homeCounty: CountyCode;
  /** Openings generated for a county of `residents` people. */
  readonly openings: number;
  /** Local minimum monthly wage (元): what 公益性岗位 pay is pegged to. */
  readonly minimumWage: number;
  /** The year birth years are counted back from. */
  readonly year: number;
  /** In-province places outside the home county (e.g. the provincial capital). */
  readonly inProvince: readonly Destination[];
  /** 劳务协作 partners in other provinces. */
  readonly crossProvince: readonly Destination[];
  /** A year of activity, when the county is to have one (`generateCountyYear`). */
  readonly activity?: ActivityProfile;
}

/** The county of docs/domain.md: 4 resettlement communities, 7,451 households, 27,477 residents, in Guizhou (52). */
export const COUNTY_PROFILE: CountyProfile = deepFreeze({
  residents: 27_477,
  households: 7_451,
  registeredPoor: { households: 2_762, residents: 10_885 },
  monitoredShare: 0.04,
  communities: [
    { name: '锦绣社区', weight: 0.36 },
    { name: '安康社区', weight: 0.28 },
    { name: '新城社区', weight: 0.21 },
    { name: '和谐社区', weight: 0.15 },
  ],
  grids: 40,
  homeCounty: '520121',
  openings: 2_000,
  minimumWage: 1_900,
  year: 2024,
  inProvince: [
    { countyCode: '520115', name: '贵阳观山湖', weight: 3 },
    { countyCode: '520102', name: '贵阳南明', weight: 2 },
    { countyCode: '520113', name: '贵阳白云', weight: 2 },
    { countyCode: '520111', name: '贵阳花溪', weight: 1 },
    { countyCode: '520302', name: '遵义红花岗', weight: 1 },
  ],
  crossProvince: [
    { countyCode: '441900', name: '东莞', weight: 4 },
    { countyCode: '440300', name: '深圳', weight: 3 },
    { countyCode: '440600', name: '佛山', weight: 2 },
    { countyCode: '330200', name: '宁波', weight: 2 },
    { countyCode: '330782', name: '义乌', weight: 1 },
    { countyCode: '350500', name: '泉州', weight: 1 },
    { countyCode: '350200', name: '厦门', weight: 1 },
  ],
  // docs/domain.md's year: 6 fairs, 23 classes, 1,500+ trained, 2,000+ near home, 290+ cross-province, 3,000+ 元.
  activity: {
    year: 2025,
    fairs: 6,
    classes: 23,
    trained: 1_562,
    certified: 1_517,
    placements: { nearHome: 2_046, inProvince: 188, crossProvince: 293 },
    fairHireShare: 0.35,
    monthlyIncomeGain: 3_000,
  },
});

/** Throws `MatchingError('INVALID_PROFILE')` when the profile cannot describe a county. */
export function checkProfile(profile: CountyProfile): void {
  const fail = (message: string): never => {
    throw new MatchingError('INVALID_PROFILE', `county profile: ${message}`);
  };
  const count = (value: number, name: string): void => {
    if (!Number.isSafeInteger(value) || value < 0) fail(`${name} must be a non-negative integer`);
  };
  count(profile.residents, 'residents');
  count(profile.households, 'households');
  if (profile.residents === 0 || profile.households === 0) fail('a county needs residents and households');
  count(profile.registeredPoor.households, 'registeredPoor.households');
  count(profile.registeredPoor.residents, 'registeredPoor.residents');
  count(profile.openings, 'openings');
  count(profile.grids, 'grids');
  if (profile.households > profile.residents) fail('more households than residents');
  if (profile.registeredPoor.households > profile.households)
    fail('more registered-poor households than households');
  if (profile.registeredPoor.residents > profile.residents)
    fail('more registered-poor residents than residents');
  if (!(profile.monitoredShare >= 0 && profile.monitoredShare <= 1)) fail('monitoredShare must be in [0, 1]');
  if (profile.communities.length === 0 || !profile.communities.some((c) => c.weight > 0)) {
    fail('at least one community with a positive weight is needed');
  }
  const code = (value: string): void => {
    if (!CountyCode.safeParse(value).success) fail(`${value} is not a 6-digit GB/T 2260 code`);
  };
  code(profile.homeCounty);
  const home = provinceOf(profile.homeCounty);
  for (const place of profile.inProvince) {
    code(place.countyCode);
    if (provinceOf(place.countyCode) !== home) fail(`${place.countyCode} is not in province ${home}`);
  }
  for (const place of profile.crossProvince) {
    code(place.countyCode);
    if (provinceOf(place.countyCode) === home) fail(`${place.countyCode} is in the home province ${home}`);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
