import { z } from 'zod';
import { Mobility, NationalLevel } from '../matching.ts';
import { ConceptId } from '../taxonomy.ts';
import { CalendarDate, PageQuery, RecordId, Text, TownshipCode } from './common.ts';
import { IdNumber, MobilePhone } from './identity.ts';

/** `POST /api/v1/households`: a relocated household (户) in a township and community. */
export const HouseholdCreate = z.strictObject({
  townshipCode: TownshipCode,
  community: Text(40).describe('安置社区'),
  grid: Text(40).optional().describe('网格'),
  address: Text(120).optional(),
  size: z
    .number()
    .int()
    .min(1)
    .max(30)
    .optional()
    .describe('people in the household, dependants included (default: its registered residents)'),
});
export type HouseholdCreate = z.output<typeof HouseholdCreate>;

/** `PATCH /api/v1/households/:id`: any field but the township. */
export const HouseholdUpdate = HouseholdCreate.omit({ townshipCode: true }).partial();
export type HouseholdUpdate = z.output<typeof HouseholdUpdate>;

/** A household as the API returns it. */
export const Household = z.object({
  id: RecordId,
  townshipCode: TownshipCode,
  community: z.string(),
  grid: z.string().optional(),
  address: z.string().optional(),
  size: z.number().int().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Household = z.infer<typeof Household>;

/** `GET /api/v1/households` filters: by township and community, paged. */
export const HouseholdListQuery = PageQuery.extend({
  townshipCode: TownshipCode.optional(),
  community: Text(40).optional(),
});
export type HouseholdListQuery = z.output<typeof HouseholdListQuery>;

const SkillName = Text(40);

/** A skill a resident states, as free text with its level, and the taxonomy concept when known. */
export const ResidentSkillRecord = z.strictObject({
  name: SkillName,
  nationalLevel: NationalLevel.optional().describe(
    '职业技能等级, national numbering: 1 = 一级/高级技师, 2 = 二级/技师, 3 = 三级/高级工, 4 = 四级/中级工, 5 = 五级/初级工',
  ),
  years: z.number().min(0).max(60).optional(),
  code: ConceptId.optional().describe(
    'the taxonomy concept, when known (e.g. written by a completed cohort)',
  ),
});
/** A certificate a resident holds (职业技能等级证书 and the like). */
export const Certificate = z.strictObject({
  name: Text(60),
  nationalLevel: NationalLevel.optional().describe(
    'the 职业技能等级 the certificate attests, national numbering: 1 = 一级/高级技师 … 5 = 五级/初级工',
  ),
  issuedOn: CalendarDate.optional(),
  number: Text(40).optional().describe('certificate number (证书编号)'),
});
/** A licence a resident holds (特种作业操作证, 驾驶证 …) as the card states it; matching checks both dates. */
export const Licence = z.strictObject({
  name: SkillName.describe('特种作业操作证, e.g. 焊接与热切割'),
  validUntil: CalendarDate.optional().describe('有效期至: after this day the licence no longer counts'),
  reviewDueBy: CalendarDate.optional().describe(
    '复审 due by this day (特种作业操作证 every 3 years): past it without a review, the licence no longer counts',
  ),
});
/** A resident's own limits on work: no night shifts, home every day, most hours a week. */
export const ResidentConstraints = z.strictObject({
  noNightShift: z.boolean().optional(),
  returnHomeDaily: z.boolean().optional(),
  maxHoursPerWeek: z.number().min(1).max(84).optional(),
});
/** Whether the resident agreed that employers at a fair may see them (masked). */
export const Consent = z.strictObject({
  shareWithEmployers: z.boolean().describe('may employers at a fair see this resident (masked)?'),
  recordedOn: CalendarDate.optional(),
});
/** 建档立卡 / 监测对象: sensitive, encrypted at rest, an allocation priority only. */
export const PovertyStatus = z.strictObject({
  registeredPoor: z.boolean().optional(),
  monitored: z.boolean().optional(),
});

/** 就业前月收入: what the resident earned a month before being placed; the report's income change starts here. */
const MonthlyIncomeBefore = z
  .number()
  .int()
  .min(0)
  .max(100_000)
  .describe('monthly income (元) before placement, for the report’s income change');

const ResidentFields = {
  name: Text(20),
  phone: MobilePhone.optional(),
  skills: z.array(ResidentSkillRecord).max(30).default([]),
  certificates: z.array(Certificate).max(20).default([]),
  licences: z.array(Licence).max(20).default([]),
  mobility: Mobility,
  expectedMonthlyWage: z.number().int().min(0).max(100_000).optional(),
  monthlyIncomeBefore: MonthlyIncomeBefore.optional(),
  constraints: ResidentConstraints.optional(),
  consent: Consent,
  priority: PovertyStatus.optional(),
};

/** `POST /api/v1/residents`: a resident of a household, with their ID number, skills and wishes. */
export const ResidentCreate = z.strictObject({
  householdId: RecordId,
  idNumber: IdNumber,
  ...ResidentFields,
});
export type ResidentCreate = z.output<typeof ResidentCreate>;

/** `PATCH /api/v1/residents/:id`: the fields of a resident that may change. */
export const ResidentUpdate = z
  .strictObject({
    name: ResidentFields.name,
    phone: MobilePhone,
    skills: z.array(ResidentSkillRecord).max(30),
    certificates: z.array(Certificate).max(20),
    licences: z.array(Licence).max(20),
    mobility: Mobility,
    expectedMonthlyWage: z.number().int().min(0).max(100_000),
    monthlyIncomeBefore: MonthlyIncomeBefore,
    constraints: ResidentConstraints,
    consent: Consent,
    priority: PovertyStatus,
  })
  .partial();
export type ResidentUpdate = z.output<typeof ResidentUpdate>;

/** A resident as a response shows them: ID number, phone and name masked for the caller's role. */
export const Resident = z.object({
  id: RecordId,
  householdId: RecordId,
  townshipCode: TownshipCode,
  name: z.string().describe('masked, e.g. 张*'),
  idNumber: z.string().describe('masked: 5201**********123X for staff, first and last character otherwise'),
  phone: z.string().nullable().describe('masked, e.g. 138****8000'),
  skills: z.array(ResidentSkillRecord),
  certificates: z.array(Certificate),
  licences: z.array(Licence),
  mobility: Mobility,
  expectedMonthlyWage: z.number().optional(),
  monthlyIncomeBefore: z.number().optional(),
  constraints: ResidentConstraints.optional(),
  consent: Consent,
  priority: PovertyStatus.optional().describe('only for staff and admins'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Resident = z.infer<typeof Resident>;

/** A resident as shown inside enrolments and registrations. */
export const ResidentSummary = z.object({
  id: RecordId,
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
});
export type ResidentSummary = z.infer<typeof ResidentSummary>;

/** `GET /api/v1/residents` filters: by household, township, name prefix and skill, paged. */
export const ResidentListQuery = PageQuery.extend({
  householdId: RecordId.optional(),
  townshipCode: TownshipCode.optional(),
  name: Text(20).optional().describe('name prefix'),
  skill: SkillName.optional(),
});
export type ResidentListQuery = z.output<typeof ResidentListQuery>;

/** Find residents by ID number or phone (matched on the HMAC column; never in a URL). */
export const ResidentLookup = z.union([
  z.strictObject({ idNumber: IdNumber }),
  z.strictObject({ phone: MobilePhone }),
]);
export type ResidentLookup = z.output<typeof ResidentLookup>;

/** `POST /api/v1/residents/:id/reveal`: why the clear ID number and phone are needed (audited). */
export const RevealRequest = z.strictObject({
  reason: Text(200).min(4).describe('why the clear text is needed; recorded in the audit log'),
});
export type RevealRequest = z.output<typeof RevealRequest>;

/** A resident's clear ID number and phone, for a reveal that was allowed and audited. */
export const RevealedResident = z.object({
  id: RecordId,
  idNumber: z.string(),
  phone: z.string().nullable(),
});
export type RevealedResident = z.infer<typeof RevealedResident>;

/** A masked export of the residents in the caller's scope; the reason goes to the audit log. */
export const ResidentExportRequest = z.strictObject({
  reason: Text(200).min(4),
  townshipCode: TownshipCode.optional(),
});
export type ResidentExportRequest = z.output<typeof ResidentExportRequest>;

/** The most rows one export returns. */
export const MAX_EXPORT_ROWS = 1000;
