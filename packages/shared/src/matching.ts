import { z } from 'zod';
import { CountyCode } from './region.ts';

/** 职业技能等级 stored as 1–5: 1 = 五级/初级工 … 5 = 一级/高级技师 (5 highest). */
export const SkillLevel = z.number().int().min(1).max(5);
export type SkillLevel = z.infer<typeof SkillLevel>;

/** How far a resident will go for work: the home county, the home province, or anywhere. */
export const Mobility = z.enum(['local', 'province', 'national']);
export type Mobility = z.infer<typeof Mobility>;

/** 岗位 kinds: local firms, 帮扶车间, 公益性岗位, 劳务协作 cross-province. */
export const OpeningKind = z.enum(['local', 'assistance-workshop', 'public-welfare', 'labour-cooperation']);
export type OpeningKind = z.infer<typeof OpeningKind>;

const Id = z.string().min(1).max(64);
const SkillText = z.string().trim().min(1).max(40);

export const ResidentSkill = z.strictObject({
  name: SkillText,
  level: SkillLevel.optional(),
  years: z.number().min(0).max(60).optional(),
});
export type ResidentSkill = z.infer<typeof ResidentSkill>;

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
  licences: z.array(SkillText).max(20).optional(),
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

export const OpeningSkill = z.strictObject({
  name: SkillText,
  minLevel: SkillLevel.optional(),
  required: z.boolean(),
});
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
