import { z } from 'zod';
import { SkillLevel } from '../matching.ts';
import { CalendarDate, PageQuery, PartyId, RecordId, Text } from './common.ts';
import { ResidentSummary } from './residents.ts';

export const CohortCreate = z.strictObject({
  providerId: PartyId.describe('the training provider running the class'),
  title: Text(80),
  trade: Text(40).describe('the trade taught, e.g. 焊工'),
  level: SkillLevel.optional().describe('level awarded on completion'),
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

export const Cohort = z.object({
  id: RecordId,
  providerId: PartyId,
  title: z.string(),
  trade: z.string(),
  level: z.number().optional(),
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

export const CohortListQuery = PageQuery.extend({
  providerId: PartyId.optional(),
  trade: Text(40).optional(),
  status: CohortStatus.optional(),
});
export type CohortListQuery = z.output<typeof CohortListQuery>;

export const EnrollmentCreate = z.strictObject({ residentId: RecordId });
export type EnrollmentCreate = z.output<typeof EnrollmentCreate>;

/** A seat claim's state: a seat, a place in the FIFO waitlist, or cancelled. */
export const SeatStatus = z.enum(['enrolled', 'waitlisted', 'cancelled']);
export type SeatStatus = z.infer<typeof SeatStatus>;

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

export const EnrollmentListQuery = PageQuery.extend({ status: SeatStatus.optional() });
export type EnrollmentListQuery = z.output<typeof EnrollmentListQuery>;

/** One class session (课次) with its hours (学时). */
export const SessionCreate = z.strictObject({
  heldOn: CalendarDate,
  hours: z.number().int().min(1).max(24).describe('学时 of this session'),
  topic: Text(80).optional(),
});
export type SessionCreate = z.output<typeof SessionCreate>;

export const Session = z.object({
  id: RecordId,
  cohortId: RecordId,
  heldOn: z.string(),
  hours: z.number().int(),
  topic: z.string().optional(),
  createdAt: z.string(),
});
export type Session = z.infer<typeof Session>;

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
