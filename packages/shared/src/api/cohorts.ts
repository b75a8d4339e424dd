import { z } from 'zod';
import { NationalLevel } from '../matching.ts';
import { CalendarDate, PageQuery, PartyId, RecordId, Text, TownshipCode } from './common.ts';
import { ResidentSummary } from './residents.ts';

/** `POST /api/v1/cohorts`: a training cohort (培训班) a provider opens for one trade. */
export const CohortCreate = z.strictObject({
  providerId: PartyId.describe('the training provider running the class'),
  title: Text(80),
  trade: Text(40).describe('the trade taught, e.g. 焊工'),
  nationalLevel: NationalLevel.optional().describe(
    'the 职业技能等级 awarded on completion, national numbering: 1 = 一级/高级技师 … 5 = 五级/初级工',
  ),
  certificate: Text(60).optional(),
  seats: z.number().int().min(1).max(1000),
  hours: z.number().int().min(1).max(2000).describe('学时'),
  startsOn: CalendarDate,
  endsOn: CalendarDate,
});
export type CohortCreate = z.output<typeof CohortCreate>;

/**
 * A cohort's life: `open` (enrolling) → `running` (sessions and attendance) → `completed` (certificates
 * written), or `cancelled` from `open` or `running`. Only a transition changes it, never a PATCH.
 */
export const CohortStatus = z.enum(['open', 'running', 'completed', 'cancelled']);
export type CohortStatus = z.infer<typeof CohortStatus>;

/** `PATCH /api/v1/cohorts/:id`: the fields of an open cohort that may change. */
export const CohortUpdate = z
  .strictObject({
    title: Text(80),
    certificate: Text(60),
    hours: z.number().int().min(1).max(2000),
    startsOn: CalendarDate,
    endsOn: CalendarDate,
  })
  .partial();
export type CohortUpdate = z.output<typeof CohortUpdate>;

/** A training cohort (培训班) as the API returns it: trade, level, seats, dates and status. */
export const Cohort = z.object({
  id: RecordId,
  providerId: PartyId,
  title: z.string(),
  trade: z.string(),
  nationalLevel: z
    .number()
    .int()
    .optional()
    .describe('the 职业技能等级 awarded, national numbering: 1 = 一级/高级技师 … 5 = 五级/初级工'),
  levelName: z.string().optional().describe('the level awarded by name, e.g. 四级/中级工'),
  certificate: z.string().optional(),
  seats: z.number().int(),
  taken: z.number().int().describe('seats claimed by enrolled people'),
  hours: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  tradeCode: z.string().optional().describe('the trade as a taxonomy concept id, e.g. welder'),
  tradeName: z.string().optional().describe('the concept’s name, e.g. 焊工'),
  status: CohortStatus,
  startedAt: z.string().optional(),
  completedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  certified: z.number().int().optional().describe('residents certified on completion'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Cohort = z.infer<typeof Cohort>;

/** A staff or provider action that moves a cohort along its life. */
export const CohortTransition = z.strictObject({
  to: z.enum(['running', 'completed', 'cancelled']),
});
export type CohortTransition = z.output<typeof CohortTransition>;

/** `GET /api/v1/cohorts` filters: by provider, trade and status, paged. */
export const CohortListQuery = PageQuery.extend({
  providerId: PartyId.optional(),
  trade: Text(40).optional(),
  status: CohortStatus.optional(),
});
export type CohortListQuery = z.output<typeof CohortListQuery>;

/** `POST /api/v1/cohorts/:id/enrollments`: a resident claims a seat (or joins the waitlist). */
export const EnrollmentCreate = z.strictObject({ residentId: RecordId });
export type EnrollmentCreate = z.output<typeof EnrollmentCreate>;

/** A seat claim's state: a seat, a place in the FIFO waitlist, or cancelled. */
export const SeatStatus = z.enum(['enrolled', 'waitlisted', 'cancelled']);
export type SeatStatus = z.infer<typeof SeatStatus>;

/** A resident's seat claim in a cohort: seated, waitlisted (with position) or cancelled. */
export const Enrollment = z.object({
  id: RecordId,
  cohortId: RecordId,
  resident: ResidentSummary,
  status: SeatStatus,
  waitlistPosition: z.number().int().optional().describe('1 = next to be promoted (waitlisted only)'),
  createdAt: z.string(),
  promotedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  completion: z
    .object({
      attendedHours: z.number(),
      share: z.number().describe('attended hours ÷ the cohort’s hours, at most 1'),
      certified: z.boolean(),
      certificateNumber: z.string().optional(),
    })
    .optional()
    .describe('set when the cohort completes'),
});
export type Enrollment = z.infer<typeof Enrollment>;

/** `GET /api/v1/cohorts/:id/enrollments` filters: by seat status, paged. */
export const EnrollmentListQuery = PageQuery.extend({ status: SeatStatus.optional() });
export type EnrollmentListQuery = z.output<typeof EnrollmentListQuery>;

/** One class session (课次) with its hours (学时). */
export const SessionCreate = z.strictObject({
  heldOn: CalendarDate,
  hours: z.number().int().min(1).max(24).describe('学时 of this session'),
  topic: Text(80).optional(),
});
export type SessionCreate = z.output<typeof SessionCreate>;

/** One class session (课次) of a cohort as the API returns it. */
export const Session = z.object({
  id: RecordId,
  cohortId: RecordId,
  heldOn: z.string(),
  hours: z.number().int(),
  topic: z.string().optional(),
  createdAt: z.string(),
});
export type Session = z.infer<typeof Session>;

/** `GET /api/v1/cohorts/:id/sessions`: paged. */
export const SessionListQuery = PageQuery;
export type SessionListQuery = z.output<typeof SessionListQuery>;

/** A session's register: present or absent per enrolled resident; marking again overwrites, never duplicates. */
export const AttendanceMark = z.strictObject({
  records: z
    .array(z.strictObject({ residentId: RecordId, present: z.boolean() }))
    .min(1)
    .max(200),
});
export type AttendanceMark = z.output<typeof AttendanceMark>;

/** A resident's attendance at one session: present or absent. */
export const AttendanceRecord = z.object({
  id: RecordId,
  cohortId: RecordId,
  sessionId: RecordId,
  resident: ResidentSummary,
  present: z.boolean(),
  hours: z.number().int().describe('the session’s hours, counted when present'),
  markedBy: z.string(),
  updatedAt: z.string(),
});
export type AttendanceRecord = z.infer<typeof AttendanceRecord>;

/** `GET /api/v1/cohorts/:id/sessions/:sessionId/attendance`: paged. */
export const AttendanceListQuery = PageQuery;
export type AttendanceListQuery = z.output<typeof AttendanceListQuery>;

/** Each enrolled resident's hours against the share completion requires. */
export const CohortProgress = z.object({
  cohortId: RecordId,
  status: CohortStatus,
  hours: z.number().int().describe('the cohort’s 学时'),
  heldHours: z.number().int().describe('hours of the sessions held so far'),
  requiredShare: z.number(),
  requiredHours: z.number(),
  items: z.array(
    z.object({
      enrollmentId: RecordId,
      resident: ResidentSummary,
      attendedHours: z.number(),
      share: z.number(),
      meetsShare: z.boolean(),
      certificateNumber: z.string().optional(),
    }),
  ),
});
export type CohortProgress = z.infer<typeof CohortProgress>;

const SmallNumberText = (max: number) =>
  z
    .string()
    .regex(/^\d{1,3}$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(max));

/**
 * `GET /api/v1/cohorts/proposals` options: which townships, and the score below which a resident counts as
 * unmatched.
 */
export const CohortProposalQuery = z.strictObject({
  townshipCode: TownshipCode.optional().describe('one of your townships (default: all of them)'),
  cutoff: SmallNumberText(100)
    .optional()
    .describe('a resident counts as matched with an eligible opening scoring at least this (default 0)'),
  limit: SmallNumberText(50).optional().describe('at most this many proposals (default 10)'),
});
export type CohortProposalQuery = z.output<typeof CohortProposalQuery>;

/** A cohort worth running: a trade at a level that would open jobs to residents who have none. */
export const CohortProposal = z.object({
  trade: z.string().describe('taxonomy concept id, e.g. welder'),
  tradeName: z.string(),
  nationalLevel: NationalLevel.describe(
    'the 职业技能等级 to train to, national numbering: 1 = 一级/高级技师 … 5 = 五级/初级工',
  ),
  levelName: z.string().describe('the level by name, e.g. 四级/中级工'),
  expectedSeats: z
    .number()
    .int()
    .describe('residents whose best plan is this trade at this level, at most the headcount it unlocks'),
  residents: z.number().int(),
  residentIds: z.array(RecordId),
  openingsUnlocked: z.number().int(),
  headcount: z.number().int().describe('summed headcount of the openings unlocked'),
  openingIds: z.array(RecordId),
});
export type CohortProposal = z.infer<typeof CohortProposal>;

/** A licence class worth running (特种作业 and the like), same reading as a trade proposal. */
export const LicenceProposal = z.object({
  licence: z.string(),
  name: z.string(),
  expectedSeats: z.number().int(),
  residents: z.number().int(),
  residentIds: z.array(RecordId),
  openingsUnlocked: z.number().int(),
  headcount: z.number().int(),
  openingIds: z.array(RecordId),
});
export type LicenceProposal = z.infer<typeof LicenceProposal>;

/** Cohorts worth opening: the training demand of unmatched residents per trade, level and licence. */
export const CohortProposals = z.object({
  townships: z.array(TownshipCode).describe('empty: every township'),
  residents: z.number().int().describe('residents considered'),
  openings: z.number().int().describe('open openings considered'),
  unmatched: z.number().int().describe('residents without an eligible opening at or above the cutoff'),
  cutoff: z.number(),
  proposals: z.array(CohortProposal),
  licences: z.array(LicenceProposal),
});
export type CohortProposals = z.infer<typeof CohortProposals>;
