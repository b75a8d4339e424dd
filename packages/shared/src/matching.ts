import { z } from 'zod';
import { CalendarDate } from './api/common.ts';
import { CountyCode } from './region.ts';

/**
 * A 职业技能等级 as Anju ranks it internally, 1–5 with 5 the highest: 1 = 五级/初级工 … 5 = 一级/高级技师.
 * This runs opposite to the national numbering; APIs and sheets speak `NationalLevel` instead.
 */
export const SkillLevel = z.number().int().min(1).max(5);
export type SkillLevel = z.infer<typeof SkillLevel>;

/**
 * A 职业技能等级 in the national numbering, where 一级 is the highest: 1 = 一级/高级技师, 2 = 二级/技师,
 * 3 = 三级/高级工, 4 = 四级/中级工, 5 = 五级/初级工.
 */
export const NationalLevel = z
  .number()
  .int()
  .min(1)
  .max(5)
  .describe('职业技能等级, national numbering: 1 = 一级/高级技师 … 5 = 五级/初级工');
export type NationalLevel = z.infer<typeof NationalLevel>;

/** 一级/高级技师 … 五级/初级工, by national level. */
export const NATIONAL_LEVEL_NAMES: Readonly<Record<NationalLevel, string>> = Object.freeze({
  1: '一级/高级技师',
  2: '二级/技师',
  3: '三级/高级工',
  4: '四级/中级工',
  5: '五级/初级工',
});

/** 三级/高级工 for national level 3. */
export function nationalLevelName(nationalLevel: NationalLevel): string {
  return NATIONAL_LEVEL_NAMES[nationalLevel] ?? `${String(nationalLevel)}级`;
}

/** The national level of an internal rank (5 → 1, 1 → 5). */
export function nationalLevelOf(level: SkillLevel): NationalLevel {
  return 6 - level;
}

/** The internal rank of a national level (1 → 5, 5 → 1). */
export function skillLevelOf(nationalLevel: NationalLevel): SkillLevel {
  return 6 - nationalLevel;
}

/** How far a resident will go for work: the home county, the home province, or anywhere. */
export const Mobility = z.enum(['local', 'province', 'national']);
export type Mobility = z.infer<typeof Mobility>;

/** 岗位 kinds: local firms, 帮扶车间, 公益性岗位, 劳务协作 cross-province. */
export const OpeningKind = z.enum(['local', 'assistance-workshop', 'public-welfare', 'labour-cooperation']);
export type OpeningKind = z.infer<typeof OpeningKind>;

const Id = z.string().min(1).max(64);

function levelsAgree() {
  return (skill: { nationalLevel?: number | undefined; level?: number | undefined }): boolean =>
    skill.nationalLevel === undefined || skill.level === undefined || skill.level === 6 - skill.nationalLevel;
}
const SkillText = z.string().trim().min(1).max(40);

/** A skill as a resident states it; the level in the national numbering (`level` is the deprecated rank). */
export const ResidentSkill = z
  .strictObject({
    name: SkillText,
    nationalLevel: NationalLevel.optional(),
    /** Deprecated: Anju's rank (1 = 五级 … 5 = 一级). Give `nationalLevel` instead. */
    level: SkillLevel.optional(),
    years: z.number().min(0).max(60).optional(),
  })
  .refine(levelsAgree(), {
    error: 'nationalLevel and the deprecated level disagree (level 5 = nationalLevel 1)',
    path: ['level'],
  });
export type ResidentSkill = z.infer<typeof ResidentSkill>;

/** A licence the resident holds: its text, and the dates on the card when known. */
export const HeldLicence = z.union([
  SkillText,
  z.strictObject({
    name: SkillText,
    /** 有效期至: after this date the licence no longer counts. */
    validUntil: CalendarDate.optional(),
    /** 复审 due by this date (特种作业操作证 every 3 years): past it without a review, it no longer counts. */
    reviewDueBy: CalendarDate.optional(),
  }),
]);
export type HeldLicence = z.infer<typeof HeldLicence>;

/**
 * A resident as the matching library sees them: pseudonymous, no name, ID number or phone.
 * Poverty status (`priority`) only orders allocation; it is never a score input.
 */
export const MatchResident = z.strictObject({
  id: Id,
  householdId: Id,
  birthYear: z.number().int().min(1900).max(2100).optional(),
  home: z.strictObject({ countyCode: CountyCode, community: z.string().max(40).optional() }),
  skills: z.array(ResidentSkill).max(30),
  licences: z.array(HeldLicence).max(20).optional(),
  mobility: Mobility,
  expectedMonthlyWage: z.number().min(0).max(100_000).optional(),
  constraints: z
    .strictObject({
      noNightShift: z.boolean().optional(),
      returnHomeDaily: z.boolean().optional(),
      maxHoursPerWeek: z.number().min(1).max(84).optional(),
    })
    .optional(),
  priority: z
    .strictObject({ registeredPoor: z.boolean().optional(), monitored: z.boolean().optional() })
    .optional(),
});
export type MatchResident = z.infer<typeof MatchResident>;

/** A skill an opening asks for, as free text, with a least level and whether it is required. */
export const OpeningSkill = z
  .strictObject({
    name: SkillText,
    /** The lowest acceptable 职业技能等级, national numbering (4 = 四级/中级工 or higher). */
    minNationalLevel: NationalLevel.optional(),
    /** Deprecated: the lowest rank (1 = 五级 … 5 = 一级). Give `minNationalLevel` instead. */
    minLevel: SkillLevel.optional(),
    required: z.boolean(),
  })
  .refine(
    (skill) =>
      skill.minNationalLevel === undefined ||
      skill.minLevel === undefined ||
      skill.minLevel === 6 - skill.minNationalLevel,
    { error: 'minNationalLevel and the deprecated minLevel disagree', path: ['minLevel'] },
  );
export type OpeningSkill = z.infer<typeof OpeningSkill>;

/** An opening as the matching library sees it. `occupation` is free text or a taxonomy concept id. */
export const MatchOpening = z
  .strictObject({
    id: Id,
    employerId: Id,
    title: z.string().min(1).max(80),
    occupation: SkillText,
    skills: z.array(OpeningSkill).max(20),
    licences: z.array(SkillText).max(10).optional(),
    location: z.strictObject({ countyCode: CountyCode }),
    wage: z.strictObject({ min: z.number().min(0).max(100_000), max: z.number().min(0).max(100_000) }),
    headcount: z.number().int().min(0).max(10_000),
    ageRange: z
      .strictObject({
        min: z.number().int().min(14).max(80).optional(),
        max: z.number().int().min(14).max(80).optional(),
      })
      .optional(),
    nightShift: z.boolean().optional(),
    accommodation: z.boolean().optional(),
    hoursPerWeek: z.number().min(1).max(84).optional(),
    kind: OpeningKind.optional(),
  })
  .refine((opening) => opening.wage.min <= opening.wage.max, {
    error: 'wage.min must not exceed wage.max',
    path: ['wage', 'min'],
  });
export type MatchOpening = z.infer<typeof MatchOpening>;
