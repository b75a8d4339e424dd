import { z } from 'zod';
import { CountyCode } from '../region.ts';
import { CalendarDate, RecordId, Text, TownshipCode } from './common.ts';
import { ReplyFormat } from './imports.ts';
import { Month } from './placements.ts';

/** `GET /api/v1/reports/kpi`: the period the report covers, and JSON or an xlsx sheet. */
export const KpiQuery = z
  .strictObject({
    from: CalendarDate.describe('first day of the period (inclusive, Asia/Shanghai)'),
    to: CalendarDate.describe('last day of the period (inclusive)'),
    format: ReplyFormat.optional().describe('xlsx: the report as a sheet (also chosen by Accept)'),
  })
  .refine((query) => query.from <= query.to, { error: 'from must not be after to', path: ['from'] });
export type KpiQuery = z.output<typeof KpiQuery>;

/** A count split by poverty status: 建档立卡 (registered poor) and 同步搬迁 (relocated alongside). */
const ByStatus = z.object({
  total: z.number().int(),
  registeredPoor: z.number().int(),
  relocatedAlongside: z.number().int(),
});

/**
 * The bureau's figures for a period. Registers (communities … openings) are counted as they stand when
 * the report is made; activities (fairs … income) are those that happened within the period.
 */
export const KpiReport = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  scope: z.object({
    county: z.boolean().describe('true for admins and auditors: the whole county'),
    townships: z.array(TownshipCode).describe('a staff member’s townships; empty for the county'),
  }),
  communities: z.number().int().describe('安置社区'),
  households: ByStatus,
  residents: ByStatus,
  fairsHeld: z.number().int(),
  employers: z.number().int(),
  openings: z.number().int(),
  positions: z.number().int().describe('headcount of those openings'),
  intents: z.number().int().describe('达成意向 recorded at fairs'),
  hires: z.number().int().describe('hires (录用) recorded at fairs'),
  classes: z.number().int().describe('training cohorts (not cancelled) that started in the period'),
  trained: z.number().int().describe('residents enrolled in cohorts completed in the period'),
  certified: z.number().int().describe('of them, certified (attended the required share of hours)'),
  placements: z.object({
    total: z.number().int(),
    nearHome: z.number().int().describe('家门口: in the home county'),
    assistanceWorkshop: z.number().int().describe('of nearHome: 帮扶车间'),
    publicWelfare: z.number().int().describe('of nearHome: 公益性岗位'),
    inProvince: z.number().int().describe('elsewhere in the home province'),
    crossProvince: z.number().int().describe('劳务协作 and other work outside the province'),
  }),
  income: z.object({
    residents: z.number().int().describe('placed residents with a pre-placement income and a follow-up'),
    averageBefore: z.number().nullable(),
    averageAfter: z.number().nullable(),
    averageChange: z.number().nullable().describe('元 a month, rounded to 2 decimals'),
  }),
  generatedAt: z.string(),
});
export type KpiReport = z.infer<typeof KpiReport>;

/** Paper follow-up sheets for grid workers: one worksheet per grid, a blank income column to fill. */
export const FollowUpSheetRequest = z.strictObject({
  month: Month,
  townshipCode: TownshipCode.optional(),
  community: Text(40).optional(),
  grid: Text(40).optional(),
  reason: Text(200).min(4).describe('why the sheets are printed (audited)'),
  format: ReplyFormat.optional().describe('xlsx: one worksheet per grid, to print (also chosen by Accept)'),
});
export type FollowUpSheetRequest = z.output<typeof FollowUpSheetRequest>;

/** One placement to visit: who (masked), where they work, and whether the month is already recorded. */
export const FollowUpSheetLine = z.object({
  placementId: RecordId,
  resident: z.string().describe('masked name, e.g. 王**'),
  employer: z.string(),
  countyCode: CountyCode,
  startedOn: z.string(),
  monthlyWage: z.number(),
  recorded: z.boolean().describe('a follow-up for this month is already recorded'),
});
export type FollowUpSheetLine = z.infer<typeof FollowUpSheetLine>;

/** A month's follow-up sheets for grid workers, one per township, community and grid. */
export const FollowUpSheets = z.object({
  month: z.string(),
  sheets: z.array(
    z.object({
      townshipCode: TownshipCode,
      community: z.string(),
      grid: z.string().nullable(),
      lines: z.array(FollowUpSheetLine),
    }),
  ),
  total: z.number().int(),
  truncated: z.boolean(),
});
export type FollowUpSheets = z.infer<typeof FollowUpSheets>;
