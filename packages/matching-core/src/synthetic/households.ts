import type { CountyProfile } from './profile.ts';
import { apportion, WeightedTable, type Random } from './random.ts';

/** The largest household the generator builds. */
export const MAX_HOUSEHOLD_SIZE = 10;

/** Household sizes before they are adjusted to the county's exact totals (rural Guizhou: mostly 3–5). */
const SIZE_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 0.07],
  [2, 0.14],
  [3, 0.22],
  [4, 0.26],
  [5, 0.17],
  [6, 0.08],
  [7, 0.04],
  [8, 0.015],
  [9, 0.004],
  [10, 0.001],
];

/** The county's figures at the requested size. */
export interface CountyShape {
  readonly residents: number;
  readonly households: number;
  readonly registeredPoorHouseholds: number;
  readonly registeredPoorResidents: number;
}

/**
 * Scales the profile to `residents` people, rounding each figure and then clamping it so that households of
 * 1–MAX_HOUSEHOLD_SIZE people can hold exactly the residents, registered-poor and not.
 */
export function scaleShape(profile: CountyProfile, residents: number): CountyShape {
  if (residents === 0)
    return { residents, households: 0, registeredPoorHouseholds: 0, registeredPoorResidents: 0 };
  const households = clamp(
    Math.round((residents * profile.households) / profile.residents),
    Math.ceil(residents / MAX_HOUSEHOLD_SIZE),
    residents,
  );
  const poorHouseholds = clamp(
    Math.round((households * profile.registeredPoor.households) / profile.households),
    0,
    households,
  );
  const otherHouseholds = households - poorHouseholds;
  const poorResidents = clamp(
    Math.round((residents * profile.registeredPoor.residents) / profile.residents),
    Math.max(poorHouseholds, residents - otherHouseholds * MAX_HOUSEHOLD_SIZE),
    Math.min(poorHouseholds * MAX_HOUSEHOLD_SIZE, residents - otherHouseholds),
  );
  return {
    residents,
    households,
    registeredPoorHouseholds: poorHouseholds,
    registeredPoorResidents: poorResidents,
  };
}

/** One member of a household; only members with labour capacity become matching residents. */
export interface Member {
  readonly age: number;
  readonly labourCapacity: boolean;
}

export interface HouseholdDraft {
  readonly registeredPoor: boolean;
  readonly monitored: boolean;
  readonly community: string;
  readonly grid: string;
  readonly members: readonly Member[];
  /** Someone at home needs daily care (a young child or a very old member). */
  readonly needsCare: boolean;
}

/** Households with the exact shape, spread over communities and grids, in random order. */
export function draftHouseholds(
  profile: CountyProfile,
  shape: CountyShape,
  random: Random,
): HouseholdDraft[] {
  const sizes = [
    ...householdSizes(shape.registeredPoorHouseholds, shape.registeredPoorResidents, random).map((size) => ({
      size,
      registeredPoor: true,
    })),
    ...householdSizes(
      shape.households - shape.registeredPoorHouseholds,
      shape.residents - shape.registeredPoorResidents,
      random,
    ).map((size) => ({ size, registeredPoor: false })),
  ];
  random.shuffle(sizes);
  const places = placeHouseholds(profile, sizes.length, random);
  return sizes.map(({ size, registeredPoor }, index) => {
    const members = composeMembers(size, random);
    const place = places[index] as { community: string; grid: string };
    return {
      registeredPoor,
      monitored: random.chance(profile.monitoredShare),
      community: place.community,
      grid: place.grid,
      members,
      needsCare: members.some((member) => member.age < 12 || member.age >= 75),
    };
  });
}

/** `count` sizes in 1..MAX summing exactly to `people` (callers keep count ≤ people ≤ count × MAX). */
function householdSizes(count: number, people: number, random: Random): number[] {
  const table = new WeightedTable(SIZE_WEIGHTS);
  const sizes = Array.from({ length: count }, () => table.pick(random));
  let missing = people - sizes.reduce((sum, size) => sum + size, 0);
  while (missing !== 0) {
    const at = random.int(0, count - 1);
    const size = sizes[at] as number;
    if (missing > 0 && size < MAX_HOUSEHOLD_SIZE) {
      sizes[at] = size + 1;
      missing--;
    } else if (missing < 0 && size > 1) {
      sizes[at] = size - 1;
      missing++;
    }
  }
  return sizes;
}

/** Communities by their weights, grids per community by its size; every community has at least one grid. */
function placeHouseholds(
  profile: CountyProfile,
  count: number,
  random: Random,
): { community: string; grid: string }[] {
  const communities = profile.communities.filter((community) => community.weight > 0);
  const perCommunity = apportion(
    count,
    communities.map((community) => community.weight),
  );
  const gridCount = Math.max(communities.length, Math.round((profile.grids * count) / profile.households));
  const gridsPerCommunity = apportion(
    gridCount - communities.length,
    communities.map((community) => community.weight),
  ).map((extra) => extra + 1);
  const places: { community: string; grid: string }[] = [];
  let gridNumber = 0;
  communities.forEach((community, c) => {
    const grids = gridsPerCommunity[c] as number;
    const first = gridNumber + 1;
    gridNumber += grids;
    for (let i = 0; i < (perCommunity[c] as number); i++) {
      places.push({
        community: community.name,
        grid: `G${String(random.int(first, first + grids - 1)).padStart(2, '0')}`,
      });
    }
  });
  return random.shuffle(places);
}

/**
 * Ages of the members of one household: single elderly people and elderly couples, couples with children,
 * grandparents living with them. Labour capacity follows age: school-age teenagers mostly study, the 60s
 * partly work, nobody from 65 is in the matching input.
 */
function composeMembers(size: number, random: Random): Member[] {
  const ages: number[] = [];
  if (size === 1) {
    ages.push(random.chance(0.5) ? random.int(60, 88) : random.int(22, 64));
  } else if (size === 2) {
    const roll = random.next();
    if (roll < 0.3) ages.push(random.int(58, 86), random.int(58, 86));
    else if (roll < 0.55) {
      const parent = random.int(25, 50);
      ages.push(parent, childAge(parent, random));
    } else {
      const adult = random.int(22, 62);
      ages.push(adult, clamp(adult + random.int(-5, 5), 18, 64));
    }
  } else {
    const parent = random.int(24, 56);
    ages.push(parent, clamp(parent + random.int(-4, 4), 20, 64));
    let grandparents = random.chance(0.45) ? (random.chance(0.45) ? 2 : 1) : 0;
    while (ages.length < size) {
      if (grandparents > 0) {
        ages.push(Math.min(95, parent + random.int(21, 32)));
        grandparents--;
      } else ages.push(childAge(parent, random));
    }
  }
  return ages.map((age) => ({ age, labourCapacity: hasLabourCapacity(age, random) }));
}

function childAge(parentAge: number, random: Random): number {
  return random.int(0, clamp(parentAge - 18, 0, 28));
}

function hasLabourCapacity(age: number, random: Random): boolean {
  if (age < 16 || age >= 65) return false;
  if (age < 18) return random.chance(0.15);
  if (age < 23) return random.chance(0.6);
  if (age < 60) return random.chance(0.93);
  return random.chance(0.5);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
