import { z } from 'zod';
import { CalendarDate, PageQuery, PartyId, RecordId, Text, TownshipCode } from './common.ts';
import { Month } from './placements.ts';
import { ResidentSummary } from './residents.ts';

/** A grid worker (网格员): `workerId` is the `sub` of their access token. */
export const GridWorker = z.strictObject({
  workerId: PartyId,
  name: Text(20),
  fullTime: z.boolean().describe('专职 (full-time) workers are assigned the follow-ups; 兼职 help'),
});
export type GridWorker = z.output<typeof GridWorker>;

/** A grid (网格) of a community; households name it in their `grid` field. */
export const GridCreate = z.strictObject({
  townshipCode: TownshipCode,
  community: Text(40).describe('安置社区, as on the households'),
  name: Text(40).describe('the grid’s name, as on the households, e.g. 第三网格'),
  workers: z.array(GridWorker).max(10).default([]),
});
export type GridCreate = z.output<typeof GridCreate>;

/** `PATCH /api/v1/grids/:id`: the grid's workers. */
export const GridUpdate = z.strictObject({ workers: z.array(GridWorker).max(10) });
export type GridUpdate = z.output<typeof GridUpdate>;

/** A grid (网格) as the API returns it, with its workers. */
export const Grid = z.object({
  id: RecordId,
  townshipCode: TownshipCode,
  community: z.string(),
  name: z.string(),
  workers: z.array(GridWorker),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Grid = z.infer<typeof Grid>;

/** `GET /api/v1/grids` filters: by township and community, paged. */
export const GridListQuery = PageQuery.extend({
  townshipCode: TownshipCode.optional(),
  community: Text(40).optional(),
});
export type GridListQuery = z.output<typeof GridListQuery>;

/** What a follow-up visit found: still at the placement, out of work, or working somewhere else. */
export const JobStatus = z.enum(['employed', 'job-lost', 'changed-job']);
export type JobStatus = z.infer<typeof JobStatus>;

/** A grid worker's record of a monthly visit; recording again corrects it. */
export const FollowUpRecord = z.strictObject({
  jobStatus: JobStatus,
  monthlyIncome: z.number().int().min(0).max(100_000).describe('this month’s income, 元'),
  note: Text(200).optional(),
});
export type FollowUpRecord = z.output<typeof FollowUpRecord>;

/** `GET /api/v1/followups/overdue` filters: a grid and the day to count from, paged. */
export const OverdueQuery = PageQuery.extend({
  grid: RecordId.optional().describe('a grid’s id; all grids in your scope when absent'),
  asOf: CalendarDate.optional().describe('overdue as of this day (default: today, Asia/Shanghai)'),
});
export type OverdueQuery = z.output<typeof OverdueQuery>;

/**
 * Why a household is at risk: someone lost their job, or income per person fell under the monitoring line.
 */
export const AlertKind = z.enum(['job-lost', 'income-below-line']);
export type AlertKind = z.infer<typeof AlertKind>;

/** A household at risk (防返贫监测): someone lost their job, or income per person fell under the line. */
export const Alert = z.object({
  id: RecordId,
  kind: AlertKind,
  status: z.enum(['open', 'acknowledged']),
  townshipCode: TownshipCode,
  householdId: RecordId,
  resident: ResidentSummary.describe('whose follow-up raised it'),
  followUpId: RecordId,
  month: z.string(),
  gridId: RecordId.optional(),
  assignedTo: z.string().optional(),
  householdIncome: z.number().optional().describe('income-below-line: the members’ latest incomes, 元'),
  householdSize: z.number().int().optional(),
  perCapitaIncome: z.number().optional(),
  line: z.number().optional().describe('the monitoring line it fell under, 元 per person per month'),
  acknowledgedBy: z.string().optional(),
  acknowledgedAt: z.string().optional(),
  note: z.string().optional(),
  createdAt: z.string(),
});
export type Alert = z.infer<typeof Alert>;

/** `GET /api/v1/alerts` filters: by status, kind and household, paged. */
export const AlertListQuery = PageQuery.extend({
  status: z.enum(['open', 'acknowledged']).optional(),
  kind: AlertKind.optional(),
  householdId: RecordId.optional(),
  month: Month.optional(),
});
export type AlertListQuery = z.output<typeof AlertListQuery>;

/** `POST /api/v1/alerts/:id/acknowledge`: what was done about the alert. */
export const AlertAcknowledge = z.strictObject({
  note: Text(200).describe('what was done, e.g. 已电话联系，推荐帮扶车间岗位'),
});
export type AlertAcknowledge = z.output<typeof AlertAcknowledge>;

/** Runs the monthly follow-up tick by hand (what the cron does on the 1st, Asia/Shanghai). */
export const FollowUpTickRequest = z.strictObject({
  month: Month.describe('the month to create follow-ups for, YYYY-MM'),
});
export type FollowUpTickRequest = z.output<typeof FollowUpTickRequest>;

/** What a monthly follow-up tick did: whether it ran here, and how many follow-ups it created. */
export const FollowUpTick = z.object({
  tickId: z.string().describe('monthly-follow-ups:YYYY-MM, the same on every instance'),
  month: z.string(),
  ran: z.boolean().describe('false when the month’s tick already ran (or is running elsewhere)'),
  skipped: z.enum(['done', 'running-elsewhere']).optional(),
  placements: z.number().int().optional().describe('placements active on the 1st'),
  created: z.number().int().optional().describe('follow-ups created now (the others existed)'),
});
export type FollowUpTick = z.infer<typeof FollowUpTick>;
