import { z } from 'zod';
import { CountyCode } from '../region.ts';
import { NationalLevel, OpeningKind } from '../matching.ts';
import { PageQuery, RecordId, Text } from './common.ts';

/** `POST /api/v1/employers`: an employer in a county, of a kind, with its unified social credit code when known. */
export const EmployerCreate = z.strictObject({
  name: Text(80),
  creditCode: z
    .string()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '18-character unified social credit code')
    .optional(),
  countyCode: CountyCode,
  kind: z.enum(['firm', 'assistance-workshop', 'public-body', 'labour-agency']).default('firm'),
  contactName: Text(20).optional(),
});
export type EmployerCreate = z.output<typeof EmployerCreate>;

/** `PATCH /api/v1/employers/:id`: any field but the county. */
export const EmployerUpdate = EmployerCreate.omit({ countyCode: true }).partial();
export type EmployerUpdate = z.output<typeof EmployerUpdate>;

/** An employer as the API returns it. */
export const Employer = z.object({
  id: RecordId,
  name: z.string(),
  creditCode: z.string().optional(),
  countyCode: CountyCode,
  kind: z.string(),
  contactName: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Employer = z.infer<typeof Employer>;

/** `GET /api/v1/employers` filters: by county, paged. */
export const EmployerListQuery = PageQuery.extend({ countyCode: CountyCode.optional() });
export type EmployerListQuery = z.output<typeof EmployerListQuery>;

/**
 * A skill an opening asks for, as the API takes it: the level in the national numbering only. Not the
 * matching library's `OpeningSkill`, which still carries the deprecated rank.
 */
export const OpeningSkillRequirement = z.strictObject({
  name: Text(40),
  minNationalLevel: NationalLevel.optional().describe(
    'the lowest acceptable 职业技能等级, national numbering: 1 = 一级/高级技师 … 5 = 五级/初级工; 4 (四级/中级工) accepts 四级 and every level above it (三级, 二级, 一级)',
  ),
  required: z
    .boolean()
    .describe('without it the resident is not eligible; otherwise it only adds to the score'),
});
export type OpeningSkillRequirement = z.output<typeof OpeningSkillRequirement>;

const Wage = z
  .strictObject({ min: z.number().int().min(0).max(100_000), max: z.number().int().min(0).max(100_000) })
  .refine((wage) => wage.min <= wage.max, { error: 'wage.min must not exceed wage.max', path: ['min'] });

/**
 * `POST /api/v1/openings`: an opening (岗位) of an employer, with its trade, skills, licences, wage and
 * headcount.
 */
export const OpeningCreate = z.strictObject({
  employerId: RecordId,
  kind: OpeningKind.describe(
    'local, 帮扶车间 (assistance-workshop), 公益性岗位 (public-welfare), 劳务协作 (labour-cooperation)',
  ),
  title: Text(80),
  occupation: Text(40),
  skills: z.array(OpeningSkillRequirement).max(20).default([]),
  licences: z.array(Text(40)).max(10).default([]),
  countyCode: CountyCode.describe('where the work is; another province makes it cross-province'),
  wage: Wage,
  headcount: z.number().int().min(1).max(10_000),
  hoursPerWeek: z.number().min(1).max(84).optional(),
  nightShift: z.boolean().optional(),
  accommodation: z.boolean().optional(),
  status: z.enum(['open', 'closed']).default('open'),
});
export type OpeningCreate = z.output<typeof OpeningCreate>;

/** `PATCH /api/v1/openings/:id`: the fields of an opening that may change. */
export const OpeningUpdate = z
  .strictObject({
    title: Text(80),
    skills: z.array(OpeningSkillRequirement).max(20),
    licences: z.array(Text(40)).max(10),
    wage: Wage,
    headcount: z.number().int().min(1).max(10_000),
    hoursPerWeek: z.number().min(1).max(84),
    nightShift: z.boolean(),
    accommodation: z.boolean(),
    status: z.enum(['open', 'closed']),
  })
  .partial();
export type OpeningUpdate = z.output<typeof OpeningUpdate>;

/** An opening (岗位) as the API returns it. */
export const Opening = z.object({
  id: RecordId,
  employerId: RecordId,
  kind: OpeningKind,
  title: z.string(),
  occupation: z.string(),
  skills: z.array(OpeningSkillRequirement),
  licences: z.array(z.string()),
  countyCode: CountyCode,
  crossProvince: z.boolean(),
  wage: z.object({ min: z.number(), max: z.number() }),
  headcount: z.number(),
  hoursPerWeek: z.number().optional(),
  nightShift: z.boolean().optional(),
  accommodation: z.boolean().optional(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Opening = z.infer<typeof Opening>;

/** `GET /api/v1/openings` filters: by employer, kind and status, paged. */
export const OpeningListQuery = PageQuery.extend({
  employerId: RecordId.optional(),
  kind: OpeningKind.optional(),
  status: z.enum(['open', 'closed']).optional(),
});
export type OpeningListQuery = z.output<typeof OpeningListQuery>;
