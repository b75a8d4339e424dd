import { z } from 'zod';
import { CountyCode, provinceOf } from '../region.ts';
import { CalendarDate, PageQuery, RecordId, Text, TownshipCode } from './common.ts';
import { ResidentSummary } from './residents.ts';

/** Where the work is, seen from the resident's home county. */
export const PlacementReach = z.enum(['local', 'in-province', 'cross-province']);
export type PlacementReach = z.infer<typeof PlacementReach>;

/** Same county: local; same province (first two digits): in-province; otherwise cross-province. */
export function placementReach(homeCountyCode: string, workCountyCode: string): PlacementReach {
  if (homeCountyCode === workCountyCode) return 'local';
  return provinceOf(homeCountyCode) === provinceOf(workCountyCode) ? 'in-province' : 'cross-province';
}

/** `POST /api/v1/placements`: a resident started work at an employer, where and when, with the wage. */
export const PlacementCreate = z.strictObject({
  residentId: RecordId,
  employerId: RecordId,
  openingId: RecordId.optional(),
  countyCode: CountyCode.describe('where the work is'),
  startedOn: CalendarDate,
  monthlyWage: z.number().int().min(0).max(100_000),
  source: z.enum(['fair', 'cohort', 'referral', 'self']).default('referral'),
});
export type PlacementCreate = z.output<typeof PlacementCreate>;

/** `PATCH /api/v1/placements/:id`: the end date or the wage. */
export const PlacementUpdate = z
  .strictObject({ endedOn: CalendarDate, monthlyWage: z.number().int().min(0).max(100_000) })
  .partial();
export type PlacementUpdate = z.output<typeof PlacementUpdate>;

/** An employment record as the API returns it. */
export const Placement = z.object({
  id: RecordId,
  resident: ResidentSummary,
  townshipCode: TownshipCode,
  employerId: RecordId,
  openingId: RecordId.optional(),
  countyCode: CountyCode,
  crossProvince: z.boolean(),
  reach: PlacementReach.optional().describe(
    'local: the resident’s home county (家门口就业); in-province; cross-province (劳务协作)',
  ),
  startedOn: z.string(),
  endedOn: z.string().optional(),
  monthlyWage: z.number(),
  source: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Placement = z.infer<typeof Placement>;

/** `GET /api/v1/placements` filters: by resident, employer and cross-province, paged. */
export const PlacementListQuery = PageQuery.extend({
  residentId: RecordId.optional(),
  employerId: RecordId.optional(),
  crossProvince: z.enum(['true', 'false']).optional(),
});
export type PlacementListQuery = z.output<typeof PlacementListQuery>;

/** A month as YYYY-MM. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

/** `POST /api/v1/followups`: a month's income follow-up of a placement, as a grid worker records it. */
export const FollowUpCreate = z
  .strictObject({
    placementId: RecordId,
    month: Month,
    employed: z.boolean(),
    jobStatus: z
      .enum(['employed', 'job-lost', 'changed-job'])
      .optional()
      .describe('default: employed, or job-lost when not employed'),
    monthlyIncome: z.number().int().min(0).max(100_000),
    note: Text(200).optional(),
  })
  .refine((body) => body.jobStatus === undefined || (body.jobStatus !== 'job-lost') === body.employed, {
    error: 'jobStatus job-lost goes with employed false, the others with employed true',
    path: ['jobStatus'],
  });
export type FollowUpCreate = z.output<typeof FollowUpCreate>;

/**
 * One placement's follow-up for one month: `pending` when the monthly tick created it for the grid
 * worker, `recorded` once they (or staff) recorded the visit.
 */
export const FollowUp = z.object({
  id: RecordId,
  placementId: RecordId,
  residentId: RecordId,
  resident: ResidentSummary.optional(),
  householdId: RecordId.optional(),
  townshipCode: TownshipCode,
  month: z.string(),
  status: z.enum(['pending', 'recorded']),
  gridId: RecordId.optional(),
  grid: z.string().optional(),
  assignedTo: z.string().optional().describe('the grid worker who visits'),
  dueOn: z.string().optional(),
  jobStatus: z.enum(['employed', 'job-lost', 'changed-job']).optional(),
  employed: z.boolean().optional(),
  monthlyIncome: z.number().optional(),
  note: z.string().optional(),
  recordedBy: z.string().optional(),
  recordedAt: z.string().optional(),
  createdAt: z.string(),
});
export type FollowUp = z.infer<typeof FollowUp>;

/** `GET /api/v1/followups` filters: by placement, month and status, paged. */
export const FollowUpListQuery = PageQuery.extend({
  placementId: RecordId.optional(),
  month: Month.optional(),
  status: z.enum(['pending', 'recorded']).optional(),
  gridId: RecordId.optional(),
});
export type FollowUpListQuery = z.output<typeof FollowUpListQuery>;
