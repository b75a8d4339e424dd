// fast-check arbitraries for residents and openings over the fixture taxonomy. Small value domains on
// purpose: scores tie often, which is where ranking bugs hide.
import fc from 'fast-check';
import type { MatchOpening, MatchResident } from '@anju/shared';
import { HOME, OTHER_PROVINCE, SAME_PROVINCE } from './builders.ts';

/** Known texts (including aliases, a level prefix and 普工) and one unknown text. */
export const SKILL_TEXTS = [
  '焊工',
  '电焊',
  '电弧焊工',
  '气割',
  '电工',
  '高级电工',
  '叉车',
  '仓管',
  '缝纫工',
  '整烫工',
  '普工',
  '保洁',
  '保安',
  '厨师',
  '帮厨',
  '制茶',
  '挖掘机',
] as const;
export const LICENCE_TEXTS = ['焊工证', '电工证', '叉车证', '登高证', '健康证', '驾照'] as const;

const county = fc.constantFrom(HOME, HOME, HOME, SAME_PROVINCE, OTHER_PROVINCE);
const level = fc.integer({ min: 1, max: 5 });

/** Drops keys whose value is undefined, so optional fields are absent rather than undefined. */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

const optional = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arbitrary, { nil: undefined });

const residentBody = fc.record({
  birthYear: optional(fc.integer({ min: 1960, max: 2007 })),
  countyCode: county,
  skills: fc.array(
    fc
      .record({ name: fc.constantFrom(...SKILL_TEXTS), level: optional(level) })
      .map((skill) => compact(skill)),
    { maxLength: 3 },
  ),
  licences: optional(fc.array(fc.constantFrom(...LICENCE_TEXTS), { maxLength: 2 })),
  mobility: fc.constantFrom('local', 'province', 'national'),
  expectedMonthlyWage: optional(fc.constantFrom(2000, 3000, 3500, 5000)),
  constraints: optional(
    fc
      .record({
        noNightShift: optional(fc.boolean()),
        returnHomeDaily: optional(fc.boolean()),
        maxHoursPerWeek: optional(fc.constantFrom(40, 48, 60)),
      })
      .map((constraints) => compact(constraints)),
  ),
  priority: optional(
    fc
      .record({ registeredPoor: optional(fc.boolean()), monitored: optional(fc.boolean()) })
      .map((priority) => compact(priority)),
  ),
});

export function residentWithId(id: string): fc.Arbitrary<MatchResident> {
  return residentBody.map(({ countyCode, ...body }) =>
    compact({ id, householdId: `h-${id}`, home: { countyCode }, ...body }),
  );
}

const openingBody = fc.record({
  occupation: fc.constantFrom(...SKILL_TEXTS),
  skills: fc.array(
    fc
      .record({
        name: fc.constantFrom(...SKILL_TEXTS),
        minLevel: optional(fc.integer({ min: 1, max: 3 })),
        required: fc.boolean(),
      })
      .map((skill) => compact(skill)),
    { maxLength: 2 },
  ),
  licences: optional(fc.array(fc.constantFrom(...LICENCE_TEXTS), { maxLength: 1 })),
  countyCode: county,
  wage: fc.constantFrom(
    { min: 2500, max: 3500 },
    { min: 3000, max: 4000 },
    { min: 3000, max: 3000 },
    { min: 4000, max: 6000 },
    { min: 1500, max: 2000 },
  ),
  headcount: fc.integer({ min: 0, max: 3 }),
  ageRange: optional(
    fc
      .record({ min: optional(fc.constantFrom(16, 18)), max: optional(fc.constantFrom(45, 55)) })
      .map((range) => compact(range)),
  ),
  nightShift: optional(fc.boolean()),
  accommodation: optional(fc.boolean()),
  hoursPerWeek: optional(fc.constantFrom(40, 48, 56)),
  kind: optional(fc.constantFrom('local', 'assistance-workshop', 'public-welfare', 'labour-cooperation')),
});

export function openingWithId(id: string): fc.Arbitrary<MatchOpening> {
  return openingBody.map(({ countyCode, occupation, ...body }) =>
    compact({
      id,
      employerId: `e-${id}`,
      title: occupation,
      occupation,
      location: { countyCode },
      ...body,
    }),
  );
}

/** Records with unique ids `${prefix}-NNN`, in a shuffled order (ranking must not depend on input order). */
function many<T>(prefix: string, of: (id: string) => fc.Arbitrary<T>, maxLength: number): fc.Arbitrary<T[]> {
  return fc
    .integer({ min: 0, max: maxLength })
    .chain((n) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => of(`${prefix}-${String(i).padStart(3, '0')}`))),
    )
    .chain((records) =>
      fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
    );
}

export function aCounty(
  maxResidents: number,
  maxOpenings: number,
): fc.Arbitrary<{
  residents: MatchResident[];
  openings: MatchOpening[];
}> {
  return fc.record({
    residents: many('r', residentWithId, maxResidents),
    openings: many('o', openingWithId, maxOpenings),
  });
}
